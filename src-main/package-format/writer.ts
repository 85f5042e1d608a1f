/**
 * Builds a package (docs/package-format.md):
 *
 *   mimetype                          stored, first, the media type
 *   META-INF/manifest.json            canonical JSON, no personal data
 *   data/<file>.ndjson.age            age-encrypted NDJSON, header/records/trailer
 *   META-INF/SHA256SUMS               `sha256sum` lines for all of the above
 *   META-INF/SHA256SUMS.sig           raw Ed25519 signature over SHA256SUMS
 *
 * Every entry is stored, not deflated: ciphertext does not compress, the
 * clear-text entries are a few hundred bytes, and stored entries make the
 * package's bytes easy to audit (`unzip -p` shows them verbatim). Entry order,
 * timestamps and attributes are fixed, so two packages with the same content
 * differ only in the age ciphertexts (random by design) and what follows from
 * them.
 */
import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import { crc32 } from 'node:zlib';
import yazl from 'yazl';
import { ageEncrypt } from './age-native';
import { z } from 'zod';
import type { OrgMode } from '../../src-shared/domain/organisation';
import { AppError } from '../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../src-shared/ipc/zod-issues';
import { canonicalBytes } from './canonical-json';
import { encodeDataLines, encodeDataPlaintext, type PackageRecord } from './data-file';
import { DATA_FILE_NAME, DEFAULT_LIMITS, ENTRY, FORMAT_NAME, FORMAT_VERSION, MIMETYPE, dataEntryName } from './format';
import { ageKeyIdOf, sha256Hex, signingKeyIdOf } from './keys';
import { dataHeaderFor, manifestSchema, type DataHeader, type Manifest } from './manifest';
import { ageRecipientSchema, hexSha256Schema, orgIdSchema, toIsoInstant } from './schemas';
import { encodeSums } from './sums';

export interface PackageRecipient {
  id: string;
  /** `age1...` from the recipient's enrolled key card. */
  ageRecipient: string;
  /** ageKeyIdOf(ageRecipient); checked, so a stale id cannot slip into the manifest. */
  keyId: string;
}

export interface PackageFileInput {
  /** Logical name: `records` becomes `data/records.ndjson.age`. */
  name: string;
  records: readonly PackageRecord[];
  /**
   * The same records already as JSON text, one object per line, in the same
   * order (the school's export has SQLite write them): written as they are
   * instead of serialising `records` again (encodeDataLines).
   */
  lines?: readonly string[];
}

export interface WritePackageInput {
  sender: { id: string; kind: OrgMode; signingKey: KeyObject };
  recipients: readonly PackageRecipient[];
  kind: string;
  period: Manifest['period'];
  seq: number;
  prevSums: string | null;
  packageId: string;
  createdAt: Date | string;
  appVersion: string;
  schemaVersion: number;
  files: readonly PackageFileInput[];
}

/** One ZIP entry as the writer lays it out. */
export interface PackageEntry {
  name: string;
  bytes: Buffer;
  compress: boolean;
}

/** What the sender keeps about a package it made: `sumsHash` is the next package's `prevSums`. */
export interface WrittenPackage {
  bytes: Buffer;
  manifest: Manifest;
  /** hex SHA-256 of the package's SHA256SUMS. */
  sumsHash: string;
}

export async function writePackage(input: WritePackageInput): Promise<Buffer> {
  return (await writePackageWithReceipt(input)).bytes;
}

export async function writePackageWithReceipt(input: WritePackageInput): Promise<WrittenPackage> {
  const { entries, manifest } = await assemblePackage(input);
  const sums = entries.find((e) => e.name === ENTRY.sums);
  if (sums === undefined) throw new AppError('INTERNAL');
  return { bytes: await zipPackageEntries(entries), manifest, sumsHash: sha256Hex(sums.bytes) };
}

/** The entries of a package, in ZIP order, signed; exported for tests that re-assemble them. */
export async function buildPackageEntries(input: WritePackageInput): Promise<PackageEntry[]> {
  return (await assemblePackage(input)).entries;
}

async function assemblePackage(input: WritePackageInput): Promise<{ entries: PackageEntry[]; manifest: Manifest }> {
  const signerKeyId = signerKeyIdOf(input.sender.signingKey);
  const recipients = checkedRecipients(input.recipients);
  const files = checkedFiles(input.files);
  const manifest = manifestFor(input, signerKeyId, recipients);
  const dataFiles: Array<{ name: string; bytes: Buffer }> = [];
  for (const file of files) {
    const plaintext = encodedRecords(dataHeaderFor(manifest, file.name), file);
    dataFiles.push({ name: dataEntryName(file.name), bytes: await encryptToRecipients(plaintext, recipients) });
  }
  const entries = sealPackageEntries({
    manifestBytes: canonicalBytes(manifest),
    dataFiles,
    signingKey: input.sender.signingKey,
    formatVersion: FORMAT_VERSION,
  });
  return { entries, manifest };
}

/**
 * The signer's key id for its private key, derived once per key object
 * (KeyObjects cannot change; the installation's keys are loaded once and
 * reused, keys.ts): each package derived it twice, a public key and its DER
 * export each time.
 */
const signerKeyIds = new WeakMap<KeyObject, string>();
function signerKeyIdOf(signingKey: KeyObject): string {
  let keyId = signerKeyIds.get(signingKey);
  if (keyId === undefined) {
    keyId = signingKeyIdOf(createPublicKey(signingKey));
    signerKeyIds.set(signingKey, keyId);
  }
  return keyId;
}

function invalid(detail: string): AppError {
  return new AppError('VALIDATION_FAILED', { details: { params: { detail } } });
}

const recipientSchema = z.strictObject({ id: orgIdSchema, ageRecipient: ageRecipientSchema, keyId: hexSha256Schema });

function checkedRecipients(recipients: readonly PackageRecipient[]): PackageRecipient[] {
  const parsed = z.array(recipientSchema).min(1).safeParse(recipients);
  if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
  for (const r of parsed.data) if (ageKeyIdOf(r.ageRecipient) !== r.keyId) throw invalid('recipient-key-id-mismatch');
  return parsed.data;
}

function checkedFiles(files: readonly PackageFileInput[]): readonly PackageFileInput[] {
  if (files.length === 0) throw invalid('no-data-files');
  if (files.length > DEFAULT_LIMITS.maxEntries - 4) throw invalid('too-many-data-files');
  const names = new Set<string>();
  for (const f of files) {
    if (!DATA_FILE_NAME.test(f.name)) throw invalid('data-file-name');
    if (names.has(f.name)) throw invalid('data-file-duplicate');
    names.add(f.name);
  }
  return [...files].sort((a, b) => (a.name < b.name ? -1 : 1));
}

function manifestFor(input: WritePackageInput, signerKeyId: string, recipients: readonly PackageRecipient[]): Manifest {
  const parsed = manifestSchema.safeParse({
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    schemaVersion: input.schemaVersion,
    appVersion: input.appVersion,
    packageId: input.packageId,
    kind: input.kind,
    sender: { id: input.sender.id, kind: input.sender.kind },
    signerKeyId,
    recipients: recipients.map((r) => ({ id: r.id, keyId: r.keyId })),
    period: input.period,
    seq: input.seq,
    prevSums: input.prevSums,
    createdAt: toIsoInstant(input.createdAt),
  });
  if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
  return parsed.data;
}

/** Records that are not JSON objects, or lines a reader would refuse as too long, are caller errors. */
function encodedRecords(header: DataHeader, file: PackageFileInput): Buffer {
  try {
    if (file.lines === undefined) return encodeDataPlaintext(header, file.records, DEFAULT_LIMITS.maxRecordLineBytes);
    if (file.lines.length !== file.records.length) throw new TypeError('lines and records differ');
    return encodeDataLines(header, file.lines, DEFAULT_LIMITS.maxRecordLineBytes);
  } catch (err) {
    if (err instanceof TypeError || err instanceof RangeError) throw invalid('record-invalid');
    throw err;
  }
}

/** One age file readable by every recipient's X25519 identity. */
export async function encryptToRecipients(plaintext: Uint8Array, recipients: ReadonlyArray<Pick<PackageRecipient, 'ageRecipient'>>): Promise<Buffer> {
  // Native crypto (age-native.ts); the reference library reads what it writes (age-native.test.ts).
  return Promise.resolve(
    ageEncrypt(
      plaintext,
      recipients.map((r) => r.ageRecipient),
    ),
  );
}

/**
 * Adds mimetype, SHA256SUMS and its signature around already-made content.
 * The building block the writer uses, and the one tests use to sign hostile
 * content with a real key.
 */
export function sealPackageEntries(input: {
  manifestBytes: Buffer;
  dataFiles: ReadonlyArray<{ name: string; bytes: Buffer }>;
  signingKey: KeyObject;
  formatVersion: string;
}): PackageEntry[] {
  const content: PackageEntry[] = [
    { name: ENTRY.mimetype, bytes: Buffer.from(MIMETYPE, 'ascii'), compress: false },
    { name: ENTRY.manifest, bytes: input.manifestBytes, compress: false },
    // The documented order: data files sorted by name, in byte order.
    ...[...input.dataFiles]
      .sort((x, y) => Buffer.compare(Buffer.from(x.name), Buffer.from(y.name)))
      .map((f) => ({ name: f.name, bytes: f.bytes, compress: false })),
  ];
  const signerKeyId = signerKeyIdOf(input.signingKey);
  const sums = encodeSums(
    input.formatVersion,
    signerKeyId,
    content.map((e) => ({ path: e.name, sha256: sha256Hex(e.bytes) })),
  );
  return [
    ...content,
    { name: ENTRY.sums, bytes: sums, compress: false },
    { name: ENTRY.signature, bytes: sign(null, sums, input.signingKey), compress: false },
  ];
}

/**
 * 1980-01-01 00:00:00 in local time: the DOS epoch, which encodes to the same
 * bytes in every time zone (DOS timestamps have no zone).
 */
const ENTRY_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const ENTRY_MODE = 0o100644;

export async function zipPackageEntries(entries: readonly PackageEntry[]): Promise<Buffer> {
  if (entries.every((e) => !e.compress && plainName(e.name))) return zipStoredEntries(entries);
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    zip.addBuffer(e.bytes, e.name, { mtime: ENTRY_MTIME, mode: ENTRY_MODE, compress: e.compress, forceDosTimestamp: true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// ---- stored entries: the bytes yazl writes for them (writer.test.ts compares the two), with Node's native CRC-32
//
// yazl computes CRC-32 in JavaScript (buffer-crc32), byte by byte: a third of a package's zip time and a tenth of
// an export's CPU beyond its baseline (docs/performance.md, "Fifth pass: export"). Every entry a package writes is
// stored, so this lays the same records out itself: a local header per entry (UTF-8 name flag, no extra field, no
// data descriptor), the data, the central directory (made by Unix 6.3, the mode in the external attributes, no
// extra field as forceDosTimestamp leaves none), and the end record (no comment). Zip64 is never needed: a
// package is far below 4 GiB and 65,535 entries (DEFAULT_LIMITS); larger input is refused.

const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;
const VERSION_NEEDED = 20;
const VERSION_MADE_BY = (3 << 8) | 63;
const UTF8_NAME = 1 << 11;
const DOS_TIME = dosTime(ENTRY_MTIME);
const DOS_DATE = dosDate(ENTRY_MTIME);

/** A name yazl takes as it is: relative, '/'-separated, no '..' segment, not a directory (anything else goes through yazl, which refuses or rewrites it). */
function plainName(name: string): boolean {
  return name !== '' && !/^[a-zA-Z]:|^\/|\\|\/$/.test(name) && !name.split('/').includes('..');
}

function dosTime(d: Date): number {
  return (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2);
}

function dosDate(d: Date): number {
  return ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
}

function zipStoredEntries(entries: readonly PackageEntry[]): Buffer {
  const names = entries.map((e) => Buffer.from(e.name, 'utf8'));
  const crcs = entries.map((e) => crc32(e.bytes));
  let size = END_RECORD;
  for (let i = 0; i < entries.length; i++) size += LOCAL_HEADER + CENTRAL_HEADER + 2 * names[i]!.length + entries[i]!.bytes.length;
  if (entries.length >= 0xffff || size >= 0xffffffff || names.some((n) => n.length > 0xffff)) throw invalid('zip-too-large');
  const out = Buffer.alloc(size);
  const offsets: number[] = [];
  let at = 0;
  for (let i = 0; i < entries.length; i++) {
    const name = names[i]!;
    const bytes = entries[i]!.bytes;
    offsets.push(at);
    out.writeUInt32LE(0x04034b50, at);
    out.writeUInt16LE(VERSION_NEEDED, at + 4);
    out.writeUInt16LE(UTF8_NAME, at + 6);
    out.writeUInt16LE(0, at + 8); // stored
    out.writeUInt16LE(DOS_TIME, at + 10);
    out.writeUInt16LE(DOS_DATE, at + 12);
    out.writeUInt32LE(crcs[i]!, at + 14);
    out.writeUInt32LE(bytes.length, at + 18);
    out.writeUInt32LE(bytes.length, at + 22);
    out.writeUInt16LE(name.length, at + 26);
    out.writeUInt16LE(0, at + 28);
    name.copy(out, at + LOCAL_HEADER);
    at += LOCAL_HEADER + name.length;
    out.set(bytes, at);
    at += bytes.length;
  }
  const centralStart = at;
  for (let i = 0; i < entries.length; i++) {
    const name = names[i]!;
    const length = entries[i]!.bytes.length;
    out.writeUInt32LE(0x02014b50, at);
    out.writeUInt16LE(VERSION_MADE_BY, at + 4);
    out.writeUInt16LE(VERSION_NEEDED, at + 6);
    out.writeUInt16LE(UTF8_NAME, at + 8);
    out.writeUInt16LE(0, at + 10);
    out.writeUInt16LE(DOS_TIME, at + 12);
    out.writeUInt16LE(DOS_DATE, at + 14);
    out.writeUInt32LE(crcs[i]!, at + 16);
    out.writeUInt32LE(length, at + 20);
    out.writeUInt32LE(length, at + 24);
    out.writeUInt16LE(name.length, at + 28);
    out.writeUInt16LE(0, at + 30); // extra field
    out.writeUInt16LE(0, at + 32); // comment
    out.writeUInt16LE(0, at + 34); // disk
    out.writeUInt16LE(0, at + 36); // internal attributes
    out.writeUInt32LE((ENTRY_MODE << 16) >>> 0, at + 38);
    out.writeUInt32LE(offsets[i]!, at + 42);
    name.copy(out, at + CENTRAL_HEADER);
    at += CENTRAL_HEADER + name.length;
  }
  out.writeUInt32LE(0x06054b50, at);
  out.writeUInt16LE(0, at + 4);
  out.writeUInt16LE(0, at + 6);
  out.writeUInt16LE(entries.length, at + 8);
  out.writeUInt16LE(entries.length, at + 10);
  out.writeUInt32LE(at - centralStart, at + 12);
  out.writeUInt32LE(centralStart, at + 16);
  out.writeUInt16LE(0, at + 20);
  return out;
}
