/**
 * Field schemas shared by manifests, data headers and key statements. Every
 * string has a closed grammar and a length bound: what is not described here
 * cannot appear in a package's clear text.
 */
import { z } from 'zod';
import { canonicalInstantSchema } from '../../src-shared/domain/iso-instant';
import { ORG_MODES } from '../../src-shared/domain/organisation';

/** Lower-case hex SHA-256: key ids, sums hashes. */
export const HEX_SHA256 = /^[0-9a-f]{64}$/;
export const hexSha256Schema = z.string().regex(HEX_SHA256);

/** An organisation id: a registration number or an administrative code. */
export const ORG_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const orgIdSchema = z.string().regex(ORG_ID);
export const orgKindSchema = z.enum(ORG_MODES);

/** Lower-case RFC 4122 UUID, as `crypto.randomUUID()` makes them. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const uuidSchema = z.string().regex(UUID);

/**
 * An instant exactly as `Date.prototype.toISOString()` writes it (UTC,
 * milliseconds), and a real one: the shared strict check (no 30 February,
 * no 24:00, no year 0000).
 */
export const isoInstantSchema = canonicalInstantSchema;

export function toIsoInstant(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new TypeError('not a date');
  return date.toISOString();
}

/** A positive sequence number that survives a round trip through JSON and SQLite. */
export const seqSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** age X25519 recipient, lower-case Bech32 (the only spelling: key ids hash the string). */
export const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
export const ageRecipientSchema = z.string().regex(AGE_RECIPIENT);
export const AGE_IDENTITY = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;

/** School year as written in Latvia: 2025/26 (the second year must follow the first). */
export const schoolYearSchema = z
  .string()
  .regex(/^\d{4}\/\d{2}$/)
  .refine((s) => (Number(s.slice(0, 4)) + 1) % 100 === Number(s.slice(5)));

export const periodSchema = z.strictObject({
  schoolYear: schoolYearSchema,
  semester: z.union([z.literal(1), z.literal(2)]),
});

export const orgRefSchema = z.strictObject({ id: orgIdSchema, kind: orgKindSchema });

export const recipientRefSchema = z.strictObject({ id: orgIdSchema, keyId: hexSha256Schema });

/** A readable organisation name for key cards: printable, no line breaks. */
export const orgNameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(s));
