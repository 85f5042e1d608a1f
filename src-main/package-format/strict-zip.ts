/**
 * The ZIP layer of the reader: accepts only the plain, unambiguous ZIPs the
 * writer makes, and reads entries under hard byte limits counted on the bytes
 * actually produced (header sizes are checked too, but never trusted).
 *
 * Refused with CONTAINER_INVALID: not a ZIP; a ZIP comment or entry comment;
 * a name that is not a SAFE_ENTRY_NAME (absolute, `..`, backslash, drive
 * letter, control or non-ASCII characters, directories), or that a Unicode
 * path extra field would rename; duplicate names (also case-insensitively);
 * symlinks, directories and other non-regular files; encryption, data
 * descriptors or other flags; any compression (every entry is stored);
 * unknown extra fields (incl. ZIP64); a local header that disagrees with the
 * central directory; entries not in the documented order; entries that
 * overlap, leave gaps or do not start at byte 0; any byte between the last
 * entry and the central directory, between the central directory and the end
 * record, or after the end record; an end record whose disk numbers, entry
 * counts, central-directory size or offset disagree with what is there;
 * `mimetype` not first or with the wrong content.
 *
 * In short: every byte of the file is accounted for by the documented layout
 * (docs/package-format.md, section 1), so no two readers can see different
 * contents, and nothing unsigned can ride along.
 *
 * Refused with LIMIT_EXCEEDED: too many entries; any entry, or all together,
 * larger than its cap, declared or actual.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { ENTRY, MIMETYPE, SAFE_ENTRY_NAME, type PackageLimits } from './format';
import { refuse, step, stepSync } from './refusal';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  compressionMethod: number;
  crc32: number;
  /** The yauzl entry, for opening its stream. */
  raw: yauzl.Entry;
}

export interface EntryContent {
  bytes: Buffer;
  /** hex SHA-256 of the bytes, computed while streaming. */
  sha256: string;
  /** CRC-32 of the bytes read matches the central directory (checked late, see reader). */
  crcOk: boolean;
}

export interface StrictZip {
  /** Entry names in central directory order. */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** Reads one entry whole, under its cap and the package's running total. */
  read(name: string): Promise<EntryContent>;
  close(): void;
}

const STORED = 0;
/** Bits 1-2 (deflate options) and 11 (UTF-8 names). Everything else is refused. */
const ALLOWED_FLAGS = 0x0806;
/** Extended timestamp, NTFS times, Info-ZIP Unix uid/gid: metadata nothing here reads. */
const ALLOWED_EXTRA_FIELDS = new Set([0x5455, 0x000a, 0x7875]);
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const SPECIAL_MODE_BITS = 0o7000;
const DOS_DIRECTORY = 0x10;
const DOS_VOLUME_LABEL = 0x08;
const SMALL_ENTRY_CAP = 1024;

export async function openStrictZip(bytes: Buffer, limits: PackageLimits): Promise<StrictZip> {
  const zipfile = await step('CONTAINER_INVALID', 'not-a-zip', () =>
    yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true, decodeStrings: true }),
  );
  // A stray 'error' event must never crash the process; failures surface through the promises.
  zipfile.on('error', () => undefined);
  try {
    if (zipfile.comment !== '') refuse('CONTAINER_INVALID', 'zip-comment');
    if (zipfile.entryCount > limits.maxEntries) refuse('LIMIT_EXCEEDED', 'too-many-entries');
    const entries = await listEntries(zipfile, limits);
    checkEntryOrder(entries);
    const endOfEntries = await checkLocalHeaders(zipfile, entries);
    checkEndOfFile(bytes, entries, endOfEntries);
    const zip = strictZipOver(zipfile, entries, limits);
    await checkMimetype(zip, entries);
    return zip;
  } catch (err) {
    zipfile.close();
    throw err;
  }
}

async function listEntries(zipfile: yauzl.ZipFile, limits: PackageLimits): Promise<ZipEntryInfo[]> {
  const entries: ZipEntryInfo[] = [];
  const seen = new Set<string>();
  let declaredTotal = 0;
  await step('CONTAINER_INVALID', 'central-directory', async () => {
    for await (const raw of zipfile.eachEntry()) {
      const entry = checkCentralEntry(raw, limits);
      const folded = entry.name.toLowerCase();
      if (seen.has(folded)) refuse('CONTAINER_INVALID', 'entry-duplicate');
      seen.add(folded);
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes) refuse('LIMIT_EXCEEDED', 'total-size');
      entries.push(entry);
    }
  });
  if (entries.length === 0) refuse('CONTAINER_INVALID', 'no-entries');
  return entries;
}

function checkCentralEntry(raw: yauzl.Entry, limits: PackageLimits): ZipEntryInfo {
  const name = checkedName(raw.fileNameRaw, raw.fileName);
  if ((raw.generalPurposeBitFlag & ~ALLOWED_FLAGS) !== 0) refuse('CONTAINER_INVALID', 'entry-flags');
  if (raw.compressionMethod !== STORED) {
    // mimetype keeps its own, older detail; the writer stores every entry (ciphertext does not compress).
    refuse('CONTAINER_INVALID', raw.fileName === ENTRY.mimetype ? 'mimetype-compressed' : 'entry-compression-method');
  }
  if (raw.fileCommentLength !== 0) refuse('CONTAINER_INVALID', 'entry-comment');
  checkExtraFields(raw.extraFields);
  checkRegularFile(raw.externalFileAttributes);
  const entry: ZipEntryInfo = {
    name,
    compressedSize: raw.compressedSize,
    uncompressedSize: raw.uncompressedSize,
    compressionMethod: raw.compressionMethod,
    crc32: raw.crc32,
    raw,
  };
  checkDeclaredSize(entry, limits);
  return entry;
}

/** The raw bytes are the name: printable ASCII, safe grammar, and nothing (no extra field) renames them. */
function checkedName(rawName: Buffer, decoded: string): string {
  for (const byte of rawName) if (byte < 0x21 || byte > 0x7e) refuse('CONTAINER_INVALID', 'entry-name');
  const name = rawName.toString('ascii');
  if (name !== decoded || !SAFE_ENTRY_NAME.test(name)) refuse('CONTAINER_INVALID', 'entry-name');
  return name;
}

function checkExtraFields(fields: ReadonlyArray<{ id: number }>): void {
  for (const f of fields) if (!ALLOWED_EXTRA_FIELDS.has(f.id)) refuse('CONTAINER_INVALID', 'entry-extra-field');
}

/** Unix mode in the high 16 bits (0 when the writer set none), DOS attributes in the low byte. */
function checkRegularFile(externalAttributes: number): void {
  const mode = externalAttributes >>> 16;
  const type = mode & S_IFMT;
  if (type !== 0 && type !== S_IFREG) refuse('CONTAINER_INVALID', 'entry-not-regular-file');
  if ((mode & SPECIAL_MODE_BITS) !== 0) refuse('CONTAINER_INVALID', 'entry-special-mode');
  if ((externalAttributes & (DOS_DIRECTORY | DOS_VOLUME_LABEL)) !== 0) refuse('CONTAINER_INVALID', 'entry-not-regular-file');
}

function entryCap(name: string, limits: PackageLimits): number {
  switch (name) {
    case ENTRY.mimetype:
    case ENTRY.signature:
      // small, so a wrong size is judged by the content check, not as a limit
      return SMALL_ENTRY_CAP;
    case ENTRY.manifest:
      return limits.maxManifestBytes;
    case ENTRY.sums:
      return limits.maxSumsBytes;
    default:
      return limits.maxDataEntryBytes;
  }
}

function checkDeclaredSize(entry: ZipEntryInfo, limits: PackageLimits): void {
  if (entry.uncompressedSize > entryCap(entry.name, limits)) refuse('LIMIT_EXCEEDED', 'entry-size');
}

/**
 * The documented order: mimetype, the manifest, the data files sorted by
 * name, SHA256SUMS, its signature. Names the format does not define are left
 * to the listing checks (an unlisted entry is INTEGRITY_MISMATCH), but they too
 * may not break the order of those around them.
 */
function checkEntryOrder(entries: readonly ZipEntryInfo[]): void {
  let previous: readonly [number, string] | undefined;
  for (const { name } of entries) {
    const key = [orderRank(name), name] as const;
    if (previous !== undefined && (key[0] < previous[0] || (key[0] === previous[0] && key[1] <= previous[1]))) {
      refuse('CONTAINER_INVALID', name === ENTRY.mimetype ? 'mimetype-not-first' : 'entry-order');
    }
    previous = key;
  }
}

function orderRank(name: string): number {
  switch (name) {
    case ENTRY.mimetype:
      return 0;
    case ENTRY.manifest:
      return 1;
    case ENTRY.sums:
      return 3;
    case ENTRY.signature:
      return 4;
    default:
      return 2;
  }
}

/**
 * Local headers must repeat the central directory, and the entries must tile
 * the file from byte 0 without overlap (overlapping entries are how
 * non-recursive zip bombs multiply one deflate stream) or hidden gaps.
 */
async function checkLocalHeaders(zipfile: yauzl.ZipFile, entries: readonly ZipEntryInfo[]): Promise<number> {
  const regions: Array<{ start: number; end: number }> = [];
  for (const entry of entries) {
    const local = await step('CONTAINER_INVALID', 'local-header', () => zipfile.readLocalFileHeaderPromise(entry.raw));
    const raw = entry.raw;
    const same =
      local.fileName.equals(raw.fileNameRaw) &&
      local.versionNeededToExtract === raw.versionNeededToExtract &&
      local.generalPurposeBitFlag === raw.generalPurposeBitFlag &&
      local.lastModFileTime === raw.lastModFileTime &&
      local.lastModFileDate === raw.lastModFileDate &&
      local.compressionMethod === raw.compressionMethod &&
      local.crc32 === raw.crc32 &&
      local.compressedSize === raw.compressedSize &&
      local.uncompressedSize === raw.uncompressedSize;
    if (!same) refuse('CONTAINER_INVALID', 'local-header-mismatch');
    checkExtraFields(stepSync('CONTAINER_INVALID', 'local-header', () => yauzl.parseExtraFields(local.extraField)));
    regions.push({ start: raw.relativeOffsetOfLocalHeader, end: local.fileDataStart + raw.compressedSize });
  }
  // In central-directory order: the local entries must come in the same order as the directory lists them.
  for (let i = 1; i < regions.length; i += 1) {
    if ((regions[i]?.start ?? 0) <= (regions[i - 1]?.start ?? 0)) refuse('CONTAINER_INVALID', 'entry-order');
  }
  let cursor = 0;
  for (const region of regions) {
    if (region.start !== cursor) refuse('CONTAINER_INVALID', 'entries-overlap-or-gap');
    cursor = region.end;
  }
  return cursor;
}

const CENTRAL_HEADER_BYTES = 46;
const EOCD_BYTES = 22;
const EOCD_SIGNATURE = 0x06054b50;

/**
 * After the last entry comes the central directory, immediately; after it the
 * end-of-central-directory record, immediately; after that, nothing. Every
 * field of the end record must say what is actually there: yauzl reads only
 * some of them (the first disk number, the total count, the offset), so the
 * others could otherwise carry anything, and the size would let unsigned
 * bytes hide between the directory and the end record.
 */
function checkEndOfFile(bytes: Buffer, entries: readonly ZipEntryInfo[], endOfEntries: number): void {
  const eocd = bytes.length - EOCD_BYTES;
  if (eocd < 0 || bytes.readUInt32LE(eocd) !== EOCD_SIGNATURE) refuse('CONTAINER_INVALID', 'eocd-not-at-end');
  if (bytes.readUInt16LE(eocd + 4) !== 0 || bytes.readUInt16LE(eocd + 6) !== 0) refuse('CONTAINER_INVALID', 'eocd-disk-number');
  if (bytes.readUInt16LE(eocd + 8) !== entries.length || bytes.readUInt16LE(eocd + 10) !== entries.length) {
    refuse('CONTAINER_INVALID', 'eocd-entry-count');
  }
  const centralOffset = bytes.readUInt32LE(eocd + 16);
  if (centralOffset !== endOfEntries) refuse('CONTAINER_INVALID', 'central-directory-offset');
  const centralSize = entries.reduce((n, { raw }) => n + CENTRAL_HEADER_BYTES + raw.fileNameLength + raw.extraFieldLength + raw.fileCommentLength, 0);
  if (bytes.readUInt32LE(eocd + 12) !== centralSize || centralOffset + centralSize !== eocd) {
    refuse('CONTAINER_INVALID', 'central-directory-size');
  }
  if (bytes.readUInt16LE(eocd + 20) !== 0) refuse('CONTAINER_INVALID', 'zip-comment');
}

/** `mimetype` is the first entry, at byte 0, stored, with exactly the media type. */
async function checkMimetype(zip: StrictZip, entries: readonly ZipEntryInfo[]): Promise<void> {
  const first = entries[0];
  if (first?.name !== ENTRY.mimetype || first.raw.relativeOffsetOfLocalHeader !== 0) refuse('CONTAINER_INVALID', 'mimetype-not-first');
  const { bytes } = await zip.read(ENTRY.mimetype);
  if (bytes.toString('latin1') !== MIMETYPE) refuse('CONTAINER_INVALID', 'mimetype-content');
}

function strictZipOver(zipfile: yauzl.ZipFile, entries: readonly ZipEntryInfo[], limits: PackageLimits): StrictZip {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const budget = { remaining: limits.maxTotalBytes };
  // Small entries (mimetype is read twice) are kept, so the running total counts their bytes once;
  // large ones are not, so the caller can drop them as soon as it is done.
  const alreadyRead = new Map<string, EntryContent>();
  return {
    names: entries.map((e) => e.name),
    has: (name) => byName.has(name),
    read: async (name) => {
      const entry = byName.get(name);
      if (entry === undefined) refuse('INTEGRITY_MISMATCH', 'entry-missing');
      const cached = alreadyRead.get(name);
      if (cached !== undefined) return cached;
      const content = await readCapped(zipfile, entry, entryCap(entry.name, limits), budget);
      if (content.bytes.length <= SMALL_ENTRY_CAP) alreadyRead.set(name, content);
      return content;
    },
    close: () => zipfile.close(),
  };
}

/**
 * Streams one entry, counting the bytes actually read: the read stops at the
 * first chunk over the entry's cap or the package's remaining total, whatever
 * the headers claimed.
 */
async function readCapped(zipfile: yauzl.ZipFile, entry: ZipEntryInfo, cap: number, budget: { remaining: number }): Promise<EntryContent> {
  return step('CONTAINER_INVALID', 'entry-data', async () => {
    const stream = await zipfile.openReadStreamPromise(entry.raw);
    const chunks: Buffer[] = [];
    let length = 0;
    let crc = 0;
    const hash = createHash('sha256');
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      length += chunk.length;
      budget.remaining -= chunk.length;
      if (length > cap) refuse('LIMIT_EXCEEDED', 'entry-size');
      if (budget.remaining < 0) refuse('LIMIT_EXCEEDED', 'total-size');
      crc = crc32(chunk, crc);
      hash.update(chunk);
      chunks.push(chunk);
    }
    return { bytes: Buffer.concat(chunks, length), sha256: hash.digest('hex'), crcOk: crc >>> 0 === entry.crc32 };
  });
}
