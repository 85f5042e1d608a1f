/**
 * Hostile ZIP containers. Each starts from a valid, correctly signed package
 * (re-assembled with the naive raw-zip writer) and changes exactly one thing,
 * so the refusal is known to come from the check under test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src-shared/ipc/result';
import { ENTRY, dataEntryName } from './format';
import { readPackage, type ReadPackageOptions, type ReadPackageResult } from './reader';
import { asRawEntries, makeParty, packageInput, readerOptions, validEntries, type Party } from './test-support/fixtures';
import { hostileLayouts } from './test-support/hostile-layouts';
import { buildRawZip, type RawEntry } from './test-support/raw-zip';
import { zipPackageEntries } from './writer';

let school: Party;
let municipality: Party;
let baseline: RawEntry[];
/** The same package as the writer zips it. */
let written: Buffer;

beforeAll(async () => {
  school = await makeParty('4312900123', 'school');
  municipality = await makeParty('RIGA', 'municipality');
  const entries = await validEntries(packageInput(school, [municipality]));
  baseline = asRawEntries(entries);
  written = await zipPackageEntries(entries);
});

async function read(zip: Buffer, overrides: Partial<ReadPackageOptions> = {}): Promise<ReadPackageResult> {
  return readPackage({ bytes: zip }, readerOptions(municipality, [school], overrides));
}

function expectRefused(result: ReadPackageResult, code: ErrorCode, detail?: string): void {
  if (result.ok) throw new Error(`expected ${code}, but the package was accepted`);
  expect(result.refusal).toEqual(detail === undefined ? { code, detail: expect.any(String) } : { code, detail });
}

/** The baseline with one entry (by name) changed. */
function changed(name: string, change: Partial<RawEntry>): RawEntry[] {
  return baseline.map((e) => (e.name === name ? { ...e, ...change } : e));
}

/** The baseline with `extra` inserted just before SHA256SUMS. */
function withExtra(extra: RawEntry): RawEntry[] {
  return [...baseline.slice(0, -2), extra, ...baseline.slice(-2)];
}

const DATA = dataEntryName('records');

it('the baseline itself is accepted', async () => {
  expect((await read(buildRawZip(baseline))).ok).toBe(true);
});

describe('not a ZIP', () => {
  it('random bytes, an empty file, a ZIP with no entries -> CONTAINER_INVALID', async () => {
    expectRefused(await read(Buffer.from('this is not a zip file at all')), 'CONTAINER_INVALID', 'not-a-zip');
    expectRefused(await read(Buffer.alloc(0)), 'CONTAINER_INVALID', 'not-a-zip');
    expectRefused(await read(buildRawZip([])), 'CONTAINER_INVALID', 'no-entries');
  });

  it('bytes before the first entry (self-extracting style) -> CONTAINER_INVALID', async () => {
    expectRefused(await read(buildRawZip(baseline, { prefix: Buffer.from('MZ fake executable stub') })), 'CONTAINER_INVALID');
  });

  it('a ZIP comment or an entry comment -> CONTAINER_INVALID', async () => {
    expectRefused(await read(buildRawZip(baseline, { comment: Buffer.from('hi') })), 'CONTAINER_INVALID', 'zip-comment');
    expectRefused(await read(buildRawZip(changed(DATA, { comment: Buffer.from('hi') }))), 'CONTAINER_INVALID', 'entry-comment');
  });
});

describe('entry names', () => {
  const hostileNames: Array<[string, string | Buffer]> = [
    ['parent traversal', '../x'],
    ['nested traversal', 'data/../../x'],
    ['absolute', '/abs'],
    ['backslash', 'a\\b'],
    ['backslash traversal', '..\\x'],
    ['drive letter', 'C:/x'],
    ['drive-relative', 'C:x'],
    ['control character', 'data/a\x01.ndjson.age'],
    ['newline', 'data/a\n.ndjson.age'],
    ['NUL', Buffer.from('data/a\0.ndjson.age', 'latin1')],
    ['non-ASCII', 'data/ā.ndjson.age'],
    ['space', 'data/a b.ndjson.age'],
    ['dot segment', './mimetype2'],
    ['hidden file', '.hidden'],
    ['directory', 'data/'],
    ['empty', ''],
    ['too deep', 'a/b/c/d/e'],
    ['too long', `data/${'x'.repeat(100)}`],
  ];
  for (const [label, name] of hostileNames) {
    it(`${label} -> CONTAINER_INVALID`, async () => {
      expectRefused(await read(buildRawZip(withExtra({ name, data: Buffer.from('x') }))), 'CONTAINER_INVALID');
    });
  }

  it('a Unicode path extra field that would rename an entry -> CONTAINER_INVALID', async () => {
    const target = Buffer.from('../evil', 'utf8');
    const data = Buffer.concat([Buffer.from([1, 0, 0, 0, 0]), target]); // version 1, CRC of the raw name (unchecked here)
    const field = Buffer.alloc(4);
    field.writeUInt16LE(0x7075, 0);
    field.writeUInt16LE(data.length, 2);
    expectRefused(await read(buildRawZip(changed(DATA, { extra: Buffer.concat([field, data]) }))), 'CONTAINER_INVALID');
  });

  it('duplicate entries, also differing only in case -> CONTAINER_INVALID', async () => {
    const data = baseline.find((e) => e.name === DATA);
    if (data === undefined) throw new Error('fixture');
    expectRefused(await read(buildRawZip(withExtra({ ...data }))), 'CONTAINER_INVALID', 'entry-duplicate');
    expectRefused(await read(buildRawZip(withExtra({ ...data, name: DATA.replace('records', 'RECORDS') }))), 'CONTAINER_INVALID', 'entry-duplicate');
    const manifest = baseline.find((e) => e.name === ENTRY.manifest);
    if (manifest === undefined) throw new Error('fixture');
    expectRefused(await read(buildRawZip(withExtra({ ...manifest, name: 'meta-inf/manifest.json' }))), 'CONTAINER_INVALID', 'entry-duplicate');
  });
});

describe('entry kinds and flags', () => {
  it('a symlink entry -> CONTAINER_INVALID', async () => {
    const symlink = { name: 'data/link.ndjson.age', data: Buffer.from('/etc/passwd'), externalAttributes: (0o120777 << 16) >>> 0 };
    expectRefused(await read(buildRawZip(withExtra(symlink))), 'CONTAINER_INVALID', 'entry-not-regular-file');
    expectRefused(await read(buildRawZip(changed(DATA, { externalAttributes: (0o120777 << 16) >>> 0 }))), 'CONTAINER_INVALID', 'entry-not-regular-file');
  });

  it('a directory with data, by Unix mode or DOS attribute -> CONTAINER_INVALID', async () => {
    expectRefused(await read(buildRawZip(changed(DATA, { externalAttributes: (0o040755 << 16) >>> 0 }))), 'CONTAINER_INVALID', 'entry-not-regular-file');
    expectRefused(await read(buildRawZip(changed(DATA, { externalAttributes: 0x10 }))), 'CONTAINER_INVALID', 'entry-not-regular-file');
  });

  it('setuid and friends -> CONTAINER_INVALID', async () => {
    expectRefused(await read(buildRawZip(changed(DATA, { externalAttributes: (0o104755 << 16) >>> 0 }))), 'CONTAINER_INVALID', 'entry-special-mode');
  });

  it('ZIP encryption, data descriptors -> CONTAINER_INVALID', async () => {
    // (yauzl itself already objects to an encrypted stored entry's sizes; either way it is refused)
    expectRefused(await read(buildRawZip(changed(DATA, { flags: 0x0001 }))), 'CONTAINER_INVALID');
    expectRefused(await read(buildRawZip(changed(DATA, { flags: 0x0001, method: 8 }))), 'CONTAINER_INVALID', 'entry-flags');
    expectRefused(await read(buildRawZip(changed(DATA, { flags: 0x0008 }))), 'CONTAINER_INVALID', 'entry-flags');
  });

  it('an unknown or ZIP64 extra field -> CONTAINER_INVALID', async () => {
    const zip64 = Buffer.from([0x01, 0x00, 0x08, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
    expectRefused(await read(buildRawZip(changed(DATA, { extra: zip64 }))), 'CONTAINER_INVALID', 'entry-extra-field');
  });

  it('a local header that names another file than the central directory -> CONTAINER_INVALID', async () => {
    const localName = Buffer.from(DATA.replace('records', 'recordz'));
    expectRefused(await read(buildRawZip(changed(DATA, { localName }))), 'CONTAINER_INVALID', 'local-header-mismatch');
  });

  it('a CRC-32 that does not match correct content -> CONTAINER_INVALID (after the hashes)', async () => {
    expectRefused(await read(buildRawZip(changed(DATA, { crc32: 0x12345678 }))), 'CONTAINER_INVALID', 'entry-crc');
  });

  it('deflated entries, any of them -> CONTAINER_INVALID (the format stores every entry)', async () => {
    const deflated = baseline.map((e) => (e.name === ENTRY.mimetype ? e : { ...e, method: 8 as const }));
    expectRefused(await read(buildRawZip(deflated)), 'CONTAINER_INVALID', 'entry-compression-method');
    for (const name of [ENTRY.manifest, DATA, ENTRY.sums, ENTRY.signature]) {
      expectRefused(await read(buildRawZip(changed(name, { method: 8 }))), 'CONTAINER_INVALID', 'entry-compression-method');
    }
  });
});

describe('mimetype', () => {
  it('not first -> CONTAINER_INVALID', async () => {
    const [mimetype, manifest, ...rest] = baseline;
    if (mimetype === undefined || manifest === undefined) throw new Error('fixture');
    expectRefused(await read(buildRawZip([manifest, mimetype, ...rest])), 'CONTAINER_INVALID', 'mimetype-not-first');
  });

  it('missing -> CONTAINER_INVALID', async () => {
    expectRefused(await read(buildRawZip(baseline.slice(1))), 'CONTAINER_INVALID', 'mimetype-not-first');
  });

  it('compressed -> CONTAINER_INVALID', async () => {
    expectRefused(await read(buildRawZip(changed(ENTRY.mimetype, { method: 8 }))), 'CONTAINER_INVALID', 'mimetype-compressed');
  });

  it('other content -> CONTAINER_INVALID', async () => {
    expectRefused(await read(buildRawZip(changed(ENTRY.mimetype, { data: Buffer.from('application/zip') }))), 'CONTAINER_INVALID', 'mimetype-content');
    expectRefused(
      await read(buildRawZip(changed(ENTRY.mimetype, { data: Buffer.from('application/vnd.pumpurs.package+zip\n') }))),
      'CONTAINER_INVALID',
      'mimetype-content',
    );
  });
});

describe('limits and zip bombs', () => {
  it('a zip bomb (deflated) -> CONTAINER_INVALID before anything is inflated', async () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const bomb = { name: 'data/bomb.ndjson.age', data: zeros, method: 8 as const };
    expectRefused(await read(buildRawZip(withExtra(bomb))), 'CONTAINER_INVALID', 'entry-compression-method');
  });

  it('a zip bomb over the entry cap -> LIMIT_EXCEEDED', async () => {
    const big = { name: 'data/big.ndjson.age', data: Buffer.alloc(2 * 1024 * 1024, 7) };
    expectRefused(await read(buildRawZip(withExtra(big)), { limits: { maxDataEntryBytes: 1024 * 1024 } }), 'LIMIT_EXCEEDED', 'entry-size');
  });

  it('a zip bomb that lies about its size -> CONTAINER_INVALID before anything is inflated', async () => {
    const zeros = Buffer.alloc(16 * 1024 * 1024);
    const liar = { name: DATA, data: zeros, method: 8 as const, declaredUncompressedSize: deflateRawSync(zeros).length };
    expectRefused(await read(buildRawZip(changed(DATA, liar))), 'CONTAINER_INVALID', 'entry-compression-method');
  });

  it('too many entries -> LIMIT_EXCEEDED', async () => {
    const many = Array.from({ length: 61 }, (_, i) => ({ name: `data/f${i}.ndjson.age`, data: Buffer.from('x') }));
    expectRefused(await read(buildRawZip([...baseline, ...many])), 'LIMIT_EXCEEDED', 'too-many-entries');
  });

  it('a huge manifest -> LIMIT_EXCEEDED', async () => {
    expectRefused(await read(buildRawZip(changed(ENTRY.manifest, { data: Buffer.alloc(65 * 1024, 0x20) }))), 'LIMIT_EXCEEDED', 'entry-size');
  });

  it('a huge SHA256SUMS -> LIMIT_EXCEEDED', async () => {
    expectRefused(await read(buildRawZip(changed(ENTRY.sums, { data: Buffer.alloc(65 * 1024, 0x23) }))), 'LIMIT_EXCEEDED', 'entry-size');
  });

  it('a signature of the wrong size -> SIGNATURE_INVALID; a huge one -> LIMIT_EXCEEDED', async () => {
    expectRefused(await read(buildRawZip(changed(ENTRY.signature, { data: Buffer.alloc(65) }))), 'SIGNATURE_INVALID', 'signature-length');
    expectRefused(await read(buildRawZip(changed(ENTRY.signature, { data: Buffer.alloc(4096) }))), 'LIMIT_EXCEEDED', 'entry-size');
  });

  it('all entries together over the total cap -> LIMIT_EXCEEDED; exactly at it, accepted', async () => {
    const total = baseline.reduce((n, e) => n + e.data.length, 0);
    expectRefused(await read(buildRawZip(baseline), { limits: { maxTotalBytes: total - 1 } }), 'LIMIT_EXCEEDED', 'total-size');
    expect((await read(buildRawZip(baseline), { limits: { maxTotalBytes: total } })).ok).toBe(true);
  });
});

describe('every byte is accounted for by the documented layout (issue 14)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pumpurs-unzip-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Stock Info-ZIP `unzip -t`: exit status 0 means it found nothing wrong. */
  function unzipAccepts(bytes: Buffer, name: string): boolean {
    const path = join(dir, `${name}.zip`);
    writeFileSync(path, bytes);
    const run = spawnSync('unzip', ['-t', '-q', path], { encoding: 'utf8' });
    if (run.error !== undefined) throw run.error;
    return run.status === 0;
  }

  it('the package as the writer makes it: accepted here and by unzip -t', async () => {
    expect((await read(written)).ok).toBe(true);
    expect(unzipAccepts(written, 'valid')).toBe(true);
  });

  it('each hostile layout -> CONTAINER_INVALID with its detail; unzip -t rejects every one it can see', async () => {
    const cases = hostileLayouts(written, baseline);
    for (const [i, c] of cases.entries()) {
      const result = await read(c.bytes);
      expect(result.ok ? 'accepted' : result.refusal, c.label).toEqual({ code: 'CONTAINER_INVALID', detail: c.detail });
      // Where stock unzip sees damage, it agrees with us; the others are valid ZIPs that break only this format's rules.
      expect(unzipAccepts(c.bytes, `case-${i}`), `unzip -t on: ${c.label}`).toBe(!c.unzipRejects);
    }
  });
});
