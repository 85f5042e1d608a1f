/**
 * The plaintext of `data/<file>.ndjson.age`: NDJSON, one JSON value per line,
 * every line ending in '\n':
 *
 *   line 1      the binding header (canonical JSON): packageId, sender, seq,
 *               recipients and file name, repeated from the manifest
 *   lines 2..n  one record (a JSON object) per line
 *   last line   the trailer {"count":<records>,"trailer":true}
 *
 * The header is what makes a ciphertext useless anywhere but in the package
 * it was made for: the manifest is signed, the header is encrypted and
 * authenticated by age, and the reader insists that the two agree.
 */
import { canonicalJson, decodeStrictUtf8, parseCanonicalJson } from './canonical-json';
import { dataHeaderSchema, dataTrailerSchema, newerMinorDataHeaderSchema, type DataHeader, type Manifest } from './manifest';
import { refuse } from './refusal';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A record as it travels: a JSON object. Its schema is the DB layer's business. */
export type PackageRecord = { [key: string]: JsonValue };

const NEWLINE = 0x0a;

/** Throws TypeError on anything that is not a JSON object (a programming error in the caller). */
export function encodeDataPlaintext(header: DataHeader, records: readonly PackageRecord[], maxLineBytes: number): Buffer {
  return framed(
    header,
    records.map((record) => encodeRecordLine(record, maxLineBytes)),
  );
}

/**
 * The same plaintext from records already written as JSON text, one record
 * per line (the school's export has SQLite write them: school-report.ts).
 * Each line must be one JSON object's text, which the caller vouches for
 * (the export parses every line for its check); here a line that cannot be
 * one (not a string, not in braces, holding a line break) is a TypeError,
 * and one a reader would refuse as too long a RangeError, as for records.
 */
export function encodeDataLines(header: DataHeader, records: readonly string[], maxLineBytes: number): Buffer {
  for (const line of records) {
    if (typeof line !== 'string' || line.charCodeAt(0) !== 0x7b || line.charCodeAt(line.length - 1) !== 0x7d || line.includes('\n')) {
      throw new TypeError('a record line must be one JSON object');
    }
    if (lineTooLong(line, maxLineBytes)) throw new RangeError('record too large');
  }
  return framed(header, records);
}

/** The header line, the record lines and the trailer, each ending in '\n'. */
function framed(header: DataHeader, recordLines: readonly string[]): Buffer {
  return Buffer.from(`${[canonicalJson(header), ...recordLines, canonicalJson({ trailer: true, count: recordLines.length })].join('\n')}\n`, 'utf8');
}

function encodeRecordLine(record: unknown, maxLineBytes: number): string {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new TypeError('a record must be a JSON object');
  const line = JSON.stringify(record);
  if (lineTooLong(line, maxLineBytes)) throw new RangeError('record too large');
  return line;
}

/** UTF-8 needs at most 3 bytes per UTF-16 code unit; count exactly only near the limit. */
function lineTooLong(line: string, maxBytes: number): boolean {
  return line.length * 3 > maxBytes && Buffer.byteLength(line, 'utf8') > maxBytes;
}

export interface DataFileExpectation {
  manifest: Manifest;
  file: string;
  /** Set when the package has a newer format minor: unknown header fields are then ignored. */
  newerMinor: boolean;
  maxLineBytes: number;
}

/** Checks binding, trailer and line syntax; returns the records (not yet validated against any schema). */
export function decodeDataPlaintext(plaintext: Uint8Array, expect: DataFileExpectation): PackageRecord[] {
  const bytes = Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength);
  const headerEnd = bytes.indexOf(NEWLINE);
  if (headerEnd < 0) refuse('INNER_BINDING_MISMATCH', 'data-header-missing');
  checkBinding(bytes.subarray(0, headerEnd), expect);
  const lines = splitBody(bytes.subarray(headerEnd + 1), expect.maxLineBytes);
  const trailer = parseTrailer(lines.pop());
  if (trailer.count !== lines.length) refuse('RECORD_INVALID', 'trailer-count-mismatch');
  return lines.map(parseRecordLine);
}

function checkBinding(headerBytes: Buffer, expect: DataFileExpectation): void {
  const schema = expect.newerMinor ? newerMinorDataHeaderSchema : dataHeaderSchema;
  const parsed = schema.safeParse(parseCanonicalJson(headerBytes));
  if (!parsed.success) refuse('INNER_BINDING_MISMATCH', 'data-header-malformed');
  const header = parsed.data;
  const { manifest } = expect;
  if (header.packageId !== manifest.packageId) refuse('INNER_BINDING_MISMATCH', 'data-header-package-id');
  if (header.sender.id !== manifest.sender.id || header.sender.kind !== manifest.sender.kind) refuse('INNER_BINDING_MISMATCH', 'data-header-sender');
  if (header.seq !== manifest.seq) refuse('INNER_BINDING_MISMATCH', 'data-header-seq');
  if (canonicalJson(header.recipients) !== canonicalJson(manifest.recipients)) refuse('INNER_BINDING_MISMATCH', 'data-header-recipients');
  if (header.file !== expect.file) refuse('INNER_BINDING_MISMATCH', 'data-header-file');
}

/** Records and trailer as text lines; the body must be UTF-8 and end in '\n'. */
function splitBody(body: Buffer, maxLineBytes: number): string[] {
  if (body.length === 0 || body[body.length - 1] !== NEWLINE) refuse('RECORD_INVALID', 'data-not-terminated');
  let text: string;
  try {
    text = decodeStrictUtf8(body.subarray(0, body.length - 1));
  } catch {
    refuse('RECORD_INVALID', 'data-not-utf8');
  }
  const lines = text.split('\n');
  for (const line of lines) if (lineTooLong(line, maxLineBytes)) refuse('LIMIT_EXCEEDED', 'record-line-too-long');
  return lines;
}

function parseTrailer(line: string | undefined): { count: number } {
  const parsed = dataTrailerSchema.safeParse(line === undefined ? undefined : parseCanonicalJson(Buffer.from(line, 'utf8')));
  if (!parsed.success) refuse('RECORD_INVALID', 'trailer-missing');
  return parsed.data;
}

function parseRecordLine(line: string): PackageRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    refuse('RECORD_INVALID', 'record-not-json');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse('RECORD_INVALID', 'record-not-object');
  return value as PackageRecord;
}
