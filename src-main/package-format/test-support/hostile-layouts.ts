/**
 * Containers that carry bytes the documented layout does not account for, or
 * an end record that disagrees with what is there: the attack review's cases
 * (issue 14, item 1). Each starts from a valid, signed package (its bytes, as
 * the writer made them) and changes one thing; the signed content is untouched,
 * so only the container rules can refuse them.
 */
import { ENTRY } from '../format';
import { buildRawZip, type RawEntry } from './raw-zip';

const EOCD_BYTES = 22;

export interface HostileLayout {
  label: string;
  /** The reader's refusal detail (always CONTAINER_INVALID). */
  detail: string;
  /**
   * Whether stock Info-ZIP `unzip -t` fails on the file as well (exit status
   * not 0), as observed with UnZip 6.0: it reports gaps before the end record
   * and sizes or counts that do not add up, but not a gap before the central
   * directory, trailing bytes, the second disk number, the per-disk count, a
   * comment, another order or compression (all valid ZIP, only not this format).
   */
  unzipRejects: boolean;
  bytes: Buffer;
}

/** Clear-text "personal data" of the size asked for: what an attacker would smuggle. */
function fakePersonalData(size: number): Buffer {
  const line = Buffer.from('Jānis Bērziņš,010203-12345,Rīgas 1. vidusskola\n');
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i += line.length) line.copy(out, i, 0, Math.min(line.length, size - i));
  return out;
}

function split(zip: Buffer): { body: Buffer; central: Buffer; eocd: Buffer } {
  const eocdStart = zip.length - EOCD_BYTES;
  const centralStart = zip.readUInt32LE(eocdStart + 16);
  return { body: zip.subarray(0, centralStart), central: zip.subarray(centralStart, eocdStart), eocd: Buffer.from(zip.subarray(eocdStart)) };
}

function withEocdField(zip: Buffer, at: number, value: number, width: 2 | 4): Buffer {
  const copy = Buffer.from(zip);
  const eocd = copy.length - EOCD_BYTES;
  if (width === 2) copy.writeUInt16LE(value, eocd + at);
  else copy.writeUInt32LE(value, eocd + at);
  return copy;
}

/** The central directory's records, each as its own buffer, in order. */
function centralRecords(central: Buffer): Buffer[] {
  const records: Buffer[] = [];
  let p = 0;
  while (p < central.length) {
    const length = 46 + central.readUInt16LE(p + 28) + central.readUInt16LE(p + 30) + central.readUInt16LE(p + 32);
    records.push(central.subarray(p, p + length));
    p += length;
  }
  return records;
}

/**
 * `valid` is a valid package as written; `entries` the same package as raw
 * entries (for re-assembling with another order or compression).
 */
export function hostileLayouts(valid: Buffer, entries: readonly RawEntry[]): HostileLayout[] {
  const { body, central, eocd } = split(valid);
  const gapBeforeEocd = (size: number): Buffer => Buffer.concat([body, central, fakePersonalData(size), eocd]);
  const gapBeforeCentral = (size: number): Buffer => {
    const moved = Buffer.from(eocd);
    moved.writeUInt32LE(body.length + size, 16);
    return Buffer.concat([body, fakePersonalData(size), central, moved]);
  };
  const count = eocd.readUInt16LE(10);
  const centralSize = eocd.readUInt32LE(12);
  const records = centralRecords(central);
  const swappedCentral = Buffer.concat([records[0], records[2], records[1], ...records.slice(3)].filter((r): r is Buffer => r !== undefined));
  const data = entries.find((e) => typeof e.name === 'string' && e.name.startsWith('data/'))?.name;
  if (data === undefined) throw new Error('hostileLayouts: the package has no data entry');
  const manifestAfterData = [
    ...entries.filter((e) => e.name === ENTRY.mimetype),
    ...entries.filter((e) => e.name === data),
    ...entries.filter((e) => e.name === ENTRY.manifest),
    ...entries.filter((e) => e.name !== ENTRY.mimetype && e.name !== ENTRY.manifest && e.name !== data),
  ];
  const sumsFirst = [
    ...entries.filter((e) => e.name === ENTRY.mimetype || e.name === ENTRY.manifest),
    ...entries.filter((e) => e.name === ENTRY.sums || e.name === ENTRY.signature),
    ...entries.filter((e) => e.name !== ENTRY.mimetype && e.name !== ENTRY.manifest && e.name !== ENTRY.sums && e.name !== ENTRY.signature),
  ];
  return [
    { label: 'a 1-byte gap before the end record', detail: 'central-directory-size', unzipRejects: true, bytes: gapBeforeEocd(1) },
    { label: 'a 1 MB gap of clear text before the end record', detail: 'central-directory-size', unzipRejects: true, bytes: gapBeforeEocd(1024 * 1024) },
    { label: 'a gap between the last entry and the central directory', detail: 'central-directory-offset', unzipRejects: false, bytes: gapBeforeCentral(100) },
    { label: 'a ZIP comment', detail: 'zip-comment', unzipRejects: false, bytes: buildRawZip(entries, { comment: Buffer.from('comment') }) },
    { label: 'trailing data after the end record', detail: 'not-a-zip', unzipRejects: false, bytes: Buffer.concat([valid, fakePersonalData(1000)]) },
    { label: "the end record's disk number", detail: 'not-a-zip', unzipRejects: true, bytes: withEocdField(valid, 4, 1, 2) },
    { label: "the end record's central-directory disk number", detail: 'eocd-disk-number', unzipRejects: false, bytes: withEocdField(valid, 6, 1, 2) },
    { label: "the end record's entries on this disk", detail: 'eocd-entry-count', unzipRejects: false, bytes: withEocdField(valid, 8, count - 1, 2) },
    { label: "the end record's total entries (fewer)", detail: 'eocd-entry-count', unzipRejects: true, bytes: withEocdField(valid, 10, count - 1, 2) },
    { label: "the end record's total entries (more)", detail: 'central-directory', unzipRejects: true, bytes: withEocdField(valid, 10, count + 1, 2) },
    {
      label: "the end record's central-directory size + 5,000",
      detail: 'central-directory-size',
      unzipRejects: true,
      bytes: withEocdField(valid, 12, centralSize + 5000, 4),
    },
    {
      label: "the end record's central-directory size - 1",
      detail: 'central-directory-size',
      unzipRejects: true,
      bytes: withEocdField(valid, 12, centralSize - 1, 4),
    },
    {
      label: "the end record's central-directory offset",
      detail: 'central-directory',
      unzipRejects: true,
      bytes: withEocdField(valid, 16, body.length + 1, 4),
    },
    {
      label: 'the central directory in another order than the entries',
      detail: 'entry-order',
      unzipRejects: false,
      bytes: Buffer.concat([body, swappedCentral, eocd]),
    },
    { label: 'the manifest after the data file', detail: 'entry-order', unzipRejects: false, bytes: buildRawZip(manifestAfterData) },
    { label: 'SHA256SUMS before the data file', detail: 'entry-order', unzipRejects: false, bytes: buildRawZip(sumsFirst) },
    {
      label: 'a deflated data entry',
      detail: 'entry-compression-method',
      unzipRejects: false,
      bytes: buildRawZip(entries.map((e) => (e.name === data ? { ...e, method: 8 as const } : e))),
    },
  ];
}
