/** The writer's output, entry by entry, against the layout in docs/package-format.md. */
import { verify } from 'node:crypto';
import fc from 'fast-check';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/ipc/result';
import { parseCanonicalJson } from './canonical-json';
import { DEFAULT_LIMITS, ENTRY, MIMETYPE, dataEntryName } from './format';
import { sha256Hex } from './keys';
import type { PackageRecord } from './data-file';
import { readPackage } from './reader';
import { makeParty, packageInput, readerOptions, recipientOf, type Party } from './test-support/fixtures';
import { zipLayout } from './test-support/zip-layout';
import { buildPackageEntries, writePackage, writePackageWithReceipt, zipPackageEntries, type PackageEntry, type WritePackageInput } from './writer';

let school: Party;
let municipality: Party;

beforeAll(async () => {
  school = await makeParty('4312900123', 'school');
  municipality = await makeParty('RIGA', 'municipality');
});

async function centralEntries(zip: Buffer): Promise<yauzl.Entry[]> {
  const zipfile = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const entries: yauzl.Entry[] = [];
  for await (const e of zipfile.eachEntry()) entries.push(e);
  return entries;
}

function entryBytes(zip: Buffer, name: string): Buffer {
  const e = zipLayout(zip).entries.find((x) => x.name === name);
  if (e === undefined) throw new Error(`no ${name}`);
  return zip.subarray(e.dataStart, e.dataEnd);
}

const twoFiles = (): Partial<WritePackageInput> => ({
  files: [
    { name: 'records', records: [{ id: 'record-one', version: 1, updatedAt: '2026-01-01T00:00:00.000Z', name: 'Jānis Bērziņš' }] },
    { name: 'measures', records: [] },
  ],
});

describe('layout', () => {
  it('mimetype first at byte 38, then manifest, data files sorted, SHA256SUMS, signature', async () => {
    const zip = await writePackage(packageInput(school, [municipality], twoFiles()));
    expect(zip.toString('latin1', 30, 38)).toBe('mimetype');
    expect(zip.toString('latin1', 38, 38 + MIMETYPE.length)).toBe(MIMETYPE);
    const entries = await centralEntries(zip);
    expect(entries.map((e) => e.fileName)).toEqual([
      ENTRY.mimetype,
      ENTRY.manifest,
      dataEntryName('measures'),
      dataEntryName('records'),
      ENTRY.sums,
      ENTRY.signature,
    ]);
  });

  it('every entry stored, no extra fields, comments or data descriptors, mode 0644, 1980-01-01 00:00', async () => {
    const zip = await writePackage(packageInput(school, [municipality]));
    for (const e of await centralEntries(zip)) {
      expect(e.compressionMethod).toBe(0);
      expect(e.extraFieldLength).toBe(0);
      expect(e.fileCommentLength).toBe(0);
      expect(e.generalPurposeBitFlag & 0x0008).toBe(0);
      expect(e.externalFileAttributes >>> 16).toBe(0o100644);
      expect([e.lastModFileDate, e.lastModFileTime]).toEqual([(0 << 9) | (1 << 5) | 1, 0]);
    }
  });

  it('two packages of the same input differ only in the age ciphertexts and what hashes them', async () => {
    const input = packageInput(school, [municipality]);
    const [a, b] = [await writePackage(input), await writePackage(input)];
    expect(entryBytes(a, ENTRY.manifest)).toEqual(entryBytes(b, ENTRY.manifest));
    expect(zipLayout(a).entries.map((e) => [e.name, e.dataEnd - e.dataStart])).toEqual(zipLayout(b).entries.map((e) => [e.name, e.dataEnd - e.dataStart]));
    expect(entryBytes(a, dataEntryName('records'))).not.toEqual(entryBytes(b, dataEntryName('records')));
  });
});

describe('clear text', () => {
  it('the manifest is canonical JSON with exactly the specified fields', async () => {
    const input = packageInput(school, [municipality]);
    const zip = await writePackage(input);
    const manifest = parseCanonicalJson(entryBytes(zip, ENTRY.manifest)) as Record<string, unknown>;
    expect(Object.keys(manifest).sort()).toEqual(
      [
        'appVersion',
        'createdAt',
        'format',
        'formatVersion',
        'kind',
        'packageId',
        'period',
        'prevSums',
        'recipients',
        'schemaVersion',
        'sender',
        'seq',
        'signerKeyId',
      ].sort(),
    );
    expect(manifest.recipients).toEqual([{ id: municipality.id, keyId: municipality.keys.age.keyId }]);
  });

  it('no record content, and no count of records, appears in clear text anywhere in the package', async () => {
    const zip = await writePackage(packageInput(school, [municipality], twoFiles()));
    for (const secret of ['Jānis', 'Bērziņš', 'record-one', '"count"', 'updatedAt']) {
      expect(zip.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }
  });

  it('SHA256SUMS: comment line, then sha256sum lines sorted by path, hashes right', async () => {
    const zip = await writePackage(packageInput(school, [municipality], twoFiles()));
    const sums = entryBytes(zip, ENTRY.sums).toString('ascii');
    const lines = sums.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe(`# pumpurs-package 1.0 signer-key-id ${school.keys.signing.keyId}`);
    const listed = lines.slice(1).map((l) => l.split('  '));
    expect(listed.map(([, path]) => path)).toEqual([ENTRY.manifest, dataEntryName('measures'), dataEntryName('records'), ENTRY.mimetype]);
    for (const [hash, path] of listed) expect(hash).toBe(sha256Hex(entryBytes(zip, path ?? '')));
  });

  it('the receipt gives the manifest and the sums hash the reader will compute (the next prevSums)', async () => {
    const receipt = await writePackageWithReceipt(packageInput(school, [municipality]));
    expect(receipt.sumsHash).toBe(sha256Hex(entryBytes(receipt.bytes, ENTRY.sums)));
    const read = await readPackage({ bytes: receipt.bytes }, readerOptions(municipality, [school]));
    expect(read.ok && read.value.sumsHash).toBe(receipt.sumsHash);
    expect(read.ok && read.value.manifest).toEqual(receipt.manifest);
  });

  it('the signature is raw Ed25519 over SHA256SUMS', async () => {
    const zip = await writePackage(packageInput(school, [municipality]));
    const signature = entryBytes(zip, ENTRY.signature);
    expect(signature.length).toBe(64);
    expect(verify(null, entryBytes(zip, ENTRY.sums), school.keys.signing.publicKey, signature)).toBe(true);
  });
});

describe('input checks', () => {
  async function rejectsWith(overrides: Partial<WritePackageInput>, code = 'VALIDATION_FAILED'): Promise<void> {
    const error = await writePackage(packageInput(school, [municipality], overrides)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
  }

  it('refuses a recipient key id that does not belong to the age recipient', async () => {
    await rejectsWith({ recipients: [{ ...recipientOf(municipality), keyId: school.keys.age.keyId }] });
  });

  it('refuses bad manifest fields, file names, duplicate or missing files, non-object records', async () => {
    await rejectsWith({ packageId: 'nope' });
    await rejectsWith({ seq: 0 });
    await rejectsWith({ period: { schoolYear: '2025/2026', semester: 1 } });
    await rejectsWith({ recipients: [] });
    await rejectsWith({ files: [] });
    await rejectsWith({ files: [{ name: 'Records', records: [] }] });
    await rejectsWith({ files: [{ name: '../x', records: [] }] });
    await rejectsWith({
      files: [
        { name: 'a', records: [] },
        { name: 'a', records: [] },
      ],
    });
    await rejectsWith({ files: [{ name: 'a', records: [[1, 2] as never] }] });
  });

  it('refuses record lines that cannot be one JSON object per line', async () => {
    const one = (line: string) => ({ files: [{ name: 'a', records: [{ a: 1 }], lines: [line] }] });
    await rejectsWith(one('[1,2]'));
    await rejectsWith(one(''));
    await rejectsWith(one('{"a":1}\n{"b":2}'));
    await rejectsWith(one(1 as never));
    await rejectsWith(one(`{"a":"${'x'.repeat(DEFAULT_LIMITS.maxRecordLineBytes)}"}`));
    await rejectsWith({ files: [{ name: 'a', records: [{ a: 1 }, { a: 2 }], lines: ['{"a":1}'] }] });
  });
});

describe('records given as lines', () => {
  it('a file given with its JSON lines is written from the lines, and reads back as the records', async () => {
    const records: PackageRecord[] = [
      { id: 'a', version: 1, name: 'Jānis "Bērziņš" \\ \u0001\u2028 😀' },
      { id: 'b', version: 2, nested: { list: [1, null, true] } },
    ];
    // The lines name the keys in another order than the records: what is read back shows which of the two was written.
    const lines = records.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).reverse())));
    const input = packageInput(school, [municipality], { files: [{ name: 'records', records, lines }] });
    const result = await readPackage({ bytes: await writePackage(input) }, readerOptions(municipality, [school]));
    expect(result.ok && result.value.files.records).toEqual(records);
    expect(result.ok && result.value.files.records!.map((r) => JSON.stringify(r))).toEqual(lines);
  });
});

describe('the ZIP of stored entries', () => {
  /** What yazl writes for the same entries (the writer's layout before it wrote stored entries itself). */
  async function yazlZip(entries: readonly PackageEntry[]): Promise<Buffer> {
    const zip = new yazl.ZipFile();
    for (const e of entries) {
      zip.addBuffer(e.bytes, e.name, { mtime: new Date(1980, 0, 1, 0, 0, 0), mode: 0o100644, compress: false, forceDosTimestamp: true });
    }
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  it('is byte for byte what yazl writes, for a package and for arbitrary names and contents', async () => {
    const entries = await buildPackageEntries(packageInput(school, [municipality], twoFiles()));
    expect((await zipPackageEntries(entries)).equals(await yazlZip(entries))).toBe(true);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.record({
            name: fc.oneof(fc.stringMatching(/^[a-zA-Z0-9._-]{1,20}(\/[a-zA-Z0-9._ā-]{1,12})?$/), fc.string({ maxLength: 12 })),
            bytes: fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)),
          }),
          { minLength: 1, maxLength: 8, selector: (e) => e.name },
        ),
        async (list) => {
          const stored = list.map((e) => ({ ...e, compress: false }));
          const ours = await zipPackageEntries(stored).catch((e: unknown) => String(e));
          const theirs = await yazlZip(stored).catch((e: unknown) => String(e));
          expect(typeof ours === 'string' ? ours : ours.toString('hex')).toBe(typeof theirs === 'string' ? theirs : theirs.toString('hex'));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('size', () => {
  it('a school-sized package (30,000 records) round-trips', async () => {
    const records = Array.from({ length: 30_000 }, (_, i) => ({
      id: `student-${i}`,
      version: 3,
      updatedAt: '2026-02-01T10:00:00.000Z',
      personalCode: `${100000 + i}-1${String(i % 10000).padStart(4, '0')}`,
      grade: 1 + (i % 12),
      risks: ['attendance', 'learning', 'family'].slice(0, 1 + (i % 3)),
      measures: [{ kind: 'consultation', hours: i % 7, amount: (i % 50) * 12.5 }],
    }));
    const input = packageInput(school, [municipality], { files: [{ name: 'records', records }] });
    const zip = await writePackage(input);
    expect(zip.length).toBeGreaterThan(5_000_000);
    const result = await readPackage({ bytes: zip }, readerOptions(municipality, [school]));
    expect(result.ok && result.value.files.records).toEqual(records);
  });
});
