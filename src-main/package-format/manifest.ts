/**
 * The clear-text description of a package (META-INF/manifest.json) and the
 * binding header/trailer lines inside every encrypted data file. Nothing here
 * may carry names, counts or statistics: the manifest travels unencrypted.
 */
import { z } from 'zod';
import { DATA_FILE_NAME, DATA_HEADER_KIND, FORMAT_NAME } from './format';
import { hexSha256Schema, isoInstantSchema, orgRefSchema, periodSchema, recipientRefSchema, seqSchema, uuidSchema } from './schemas';

export const FORMAT_VERSION_PATTERN = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

export function parseFormatVersion(version: string): { major: number; minor: number } | null {
  const match = FORMAT_VERSION_PATTERN.exec(version);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

const recipientsSchema = z
  .array(recipientRefSchema)
  .min(1)
  .max(16)
  .refine((list) => new Set(list.map((r) => r.id)).size === list.length);

const manifestShape = {
  format: z.literal(FORMAT_NAME),
  formatVersion: z.string().regex(FORMAT_VERSION_PATTERN),
  /** Version of the record schemas inside the data files (the DB layer's business). */
  schemaVersion: z.number().int().min(1).max(1_000_000),
  appVersion: z.string().regex(/^\d{1,4}\.\d{1,4}\.\d{1,6}(-[0-9A-Za-z.-]{1,32})?$/),
  packageId: uuidSchema,
  /** What the package is for, e.g. 'school-report'; the DB layer defines the kinds. */
  kind: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
  sender: orgRefSchema,
  signerKeyId: hexSha256Schema,
  recipients: recipientsSchema,
  period: periodSchema,
  seq: seqSchema,
  /** hex SHA-256 of the sender's previous SHA256SUMS to the same recipient, or null for the first. */
  prevSums: hexSha256Schema.nullable(),
  createdAt: isoInstantSchema,
};

/** Same format minor: no unknown field is allowed. */
export const manifestSchema = z.strictObject(manifestShape);
/** Newer format minor: unknown top-level fields are ignored (and dropped). */
export const newerMinorManifestSchema = z.object(manifestShape);

export type Manifest = z.infer<typeof manifestSchema>;

/** Only the fields needed to decide how to read the rest. */
export const manifestVersionSchema = z.object({ format: z.string(), formatVersion: z.string() });

const dataHeaderShape = {
  kind: z.literal(DATA_HEADER_KIND),
  packageId: uuidSchema,
  sender: orgRefSchema,
  seq: seqSchema,
  recipients: recipientsSchema,
  file: z.string().regex(DATA_FILE_NAME),
};
export const dataHeaderSchema = z.strictObject(dataHeaderShape);
export const newerMinorDataHeaderSchema = z.object(dataHeaderShape);
export type DataHeader = z.infer<typeof dataHeaderSchema>;

export const dataTrailerSchema = z.strictObject({
  trailer: z.literal(true),
  count: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type DataTrailer = z.infer<typeof dataTrailerSchema>;

/** The header a writer puts first in `data/<file>.ndjson.age`. */
export function dataHeaderFor(manifest: Manifest, file: string): DataHeader {
  return {
    kind: DATA_HEADER_KIND,
    packageId: manifest.packageId,
    sender: manifest.sender,
    seq: manifest.seq,
    recipients: manifest.recipients,
    file,
  };
}
