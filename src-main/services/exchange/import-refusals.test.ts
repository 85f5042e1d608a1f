/**
 * The importer against hostile packages, one (at least) per refusal code:
 * each test builds the package with real keys (the format layer's test
 * builders), imports it into a municipality that enrolled two schools, and
 * asserts the code AND that the municipality's database is unchanged, table
 * by table. The only exception is on purpose: refusals that mean
 * misbehaviour by a key holder (PACKAGE_ID_CONFLICT, SIGNER_SENDER_MISMATCH,
 * INNER_BINDING_MISMATCH) add exactly one exchange_alert row, and nothing
 * else.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { EXCHANGE_SCHEMA_VERSION, RECORD_FILES, RECORD_TYPES, SCHOOL_REPORT_KIND, type ImportFileResult } from '../../../src-shared/domain/exchange';
import type { ErrorCode } from '../../../src-shared/ipc/result';
import { canonicalBytes } from '../../package-format/canonical-json';
import { ENTRY, dataEntryName } from '../../package-format/format';
import {
  encodeSignedStatement,
  makeKeyRevocation,
  writePackage,
  writePackageWithReceipt,
  type PackageRecord,
  type WritePackageInput,
} from '../../package-format/index';
import {
  asRawEntries,
  makeParty,
  manifestOf,
  packageInput,
  sealCustom,
  sealCustomEntries,
  validEntries,
  type Party,
} from '../../package-format/test-support/fixtures';
import { hostileLayouts } from '../../package-format/test-support/hostile-layouts';
import { buildRawZip, type RawEntry } from '../../package-format/test-support/raw-zip';
import { entryLayout, withByteFlipped } from '../../package-format/test-support/zip-layout';
import { zipPackageEntries } from '../../package-format/writer';
import { collectSchoolReport } from './school-report';
import { ACTOR, dumpDatabase, enrol, makeAuthority, makeSchool, movableClock, openInstallation, partyOf, type Installation } from './testing/exchange-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
const SEMESTER = '2025/26-2';
let schoolA: Installation;
let schoolB: Installation;
let a: Party;
let b: Party;
let outsider: Party;
let otherMunicipality: Party;
let files: WritePackageInput['files'];
let prepared: Installation;
let muni: Installation;
let me: Party;
let dir: string;

async function reportFiles(inst: Installation): Promise<WritePackageInput['files']> {
  const records = collectSchoolReport(inst.app.database.raw, { semesterId: SEMESTER });
  return RECORD_TYPES.map((t) => ({ name: RECORD_FILES[t], records: records[t] as unknown as PackageRecord[] }));
}

beforeAll(async () => {
  schoolA = await makeSchool(clock, { students: 120, today: '2026-02-10' });
  schoolB = await makeSchool(clock, { students: 60, today: '2026-02-10', regNo: '4313900789', name: 'Madonas 2. vidusskola', seed: 9 });
  a = await partyOf(schoolA);
  b = await partyOf(schoolB);
  outsider = await makeParty('4313900999', 'school');
  otherMunicipality = await makeParty('cesu-novads', 'municipality');
  files = await reportFiles(schoolA);
  // The municipality every test starts from, set up and enrolled once, then closed: each test opens a copy of its folder.
  prepared = await makeAuthority(clock);
  for (const school of [schoolA, schoolB]) await enrol(prepared, school);
  await prepared.app.close();
});
afterAll(async () => {
  await schoolA.close();
  await schoolB.close();
  await prepared.tmp.remove();
});

/** A fresh municipality for every test (a copy of `prepared`), with both schools enrolled (fingerprints compared). */
beforeEach(async () => {
  clock.set('2026-02-10T10:00:00.000Z');
  muni = await openInstallation(clock, 'pumpurs-municipality-', prepared.dataDir);
  me = await partyOf(muni);
  dir = join(muni.tmp.dir, 'incoming');
  await mkdir(dir);
});
afterEach(async () => {
  await muni.close();
});

/** A package from `sender` to this installation: seq 1 of its stream unless `overrides` say otherwise. */
function input(sender: Party, overrides: Partial<WritePackageInput> = {}): WritePackageInput {
  return packageInput(sender, [me], {
    kind: SCHOOL_REPORT_KIND,
    period: { schoolYear: '2025/26', semester: 2 },
    seq: 1,
    schemaVersion: EXCHANGE_SCHEMA_VERSION,
    files,
    ...overrides,
  });
}

/** Valid content, sealed with the sender's real key, from a manifest the test may change. */
function custom(sender: Party, manifest: Record<string, unknown> | Buffer, options: { recipients?: Party[]; formatVersion?: string } = {}) {
  return {
    signer: sender,
    recipients: options.recipients ?? [me],
    manifest,
    dataFiles: files.map((f) => ({ name: f.name, records: [...f.records] })),
    ...(options.formatVersion ? { formatVersion: options.formatVersion } : {}),
  };
}

const manifestFor = (w: WritePackageInput, sender: Party, changes: Record<string, unknown> = {}) => ({
  ...manifestOf(w, sender.keys.signing.keyId),
  ...changes,
});

async function save(bytes: Buffer): Promise<string> {
  const path = join(dir, `${randomUUID()}.pumpurs`);
  await writeFile(path, bytes);
  return path;
}

async function importFile(path: string): Promise<ImportFileResult> {
  const result = await muni.app.services.exchange.importer.commit(ACTOR, [path]);
  expect(result.files).toHaveLength(1);
  return result.files[0]!;
}

/** Imports, expects the refusal, and the municipality's database exactly as before (plus one alert when `alert`). */
async function expectRefusedUnchanged(
  bytesOrPath: Buffer | string,
  code: ErrorCode,
  options: { detail?: string; alert?: boolean } = {},
): Promise<ImportFileResult> {
  const path = typeof bytesOrPath === 'string' ? bytesOrPath : await save(bytesOrPath);
  const before = dumpDatabase(muni.raw);
  const result = await importFile(path);
  expect(result.status, `${result.code} ${result.detail}`).toBe(code === 'ALREADY_IMPORTED' ? 'alreadyImported' : 'refused');
  expect(result.code).toBe(code);
  expect(result.messageKey).toBe(`errors.code.${code}`);
  if (options.detail) expect(result.detail).toBe(options.detail);
  const after = dumpDatabase(muni.raw);
  if (options.alert) {
    const { exchange_alert: alertsAfter, ...restAfter } = after;
    const { exchange_alert: alertsBefore, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
    expect(alertsAfter).toHaveLength((alertsBefore?.length ?? 0) + 1);
    expect(muni.raw.prepare('SELECT code FROM exchange_alert ORDER BY id DESC LIMIT 1').get()).toEqual({ code });
  } else {
    expect(after).toEqual(before);
  }
  return result;
}

async function importValid(w: WritePackageInput): Promise<{ sumsHash: string; result: ImportFileResult }> {
  const written = await writePackageWithReceipt(w);
  const result = await importFile(await save(written.bytes));
  expect(result.status, `${result.code} ${result.detail}`).toBe('imported');
  return { sumsHash: written.sumsHash, result };
}

describe('container and limits', () => {
  it('a tampered byte in the ciphertext -> INTEGRITY_MISMATCH', async () => {
    const bytes = await writePackage(input(a));
    const data = entryLayout(bytes, dataEntryName(RECORD_FILES.plan));
    await expectRefusedUnchanged(withByteFlipped(bytes, data.dataStart + 40), 'INTEGRITY_MISMATCH', { detail: 'entry-hash' });
  });

  it('a tampered signature -> SIGNATURE_INVALID', async () => {
    const bytes = await writePackage(input(a));
    const sig = entryLayout(bytes, ENTRY.signature);
    await expectRefusedUnchanged(withByteFlipped(bytes, sig.dataStart + 3), 'SIGNATURE_INVALID');
  });

  it('a truncated file -> CONTAINER_INVALID', async () => {
    const bytes = await writePackage(input(a));
    await expectRefusedUnchanged(bytes.subarray(0, Math.floor(bytes.length * 0.7)), 'CONTAINER_INVALID');
  });

  it('a `../` entry name and duplicate entries -> CONTAINER_INVALID', async () => {
    const entries = asRawEntries(await validEntries(input(a)));
    const withExtra = (extra: RawEntry) => [...entries.slice(0, -2), extra, ...entries.slice(-2)];
    await expectRefusedUnchanged(buildRawZip(withExtra({ name: '../evil', data: Buffer.from('x') })), 'CONTAINER_INVALID');
    const plan = entries.find((e) => e.name === dataEntryName(RECORD_FILES.plan))!;
    await expectRefusedUnchanged(buildRawZip(withExtra({ ...plan })), 'CONTAINER_INVALID', { detail: 'entry-duplicate' });
  });

  it('a zip bomb -> CONTAINER_INVALID before anything is inflated (entries are stored, never deflated)', async () => {
    const entries = asRawEntries(await validEntries(input(a)));
    const bomb: RawEntry = { name: 'data/bomb.ndjson.age', data: Buffer.alloc(8 * 1024 * 1024), method: 8 };
    expect(deflateRawSync(bomb.data).length).toBeLessThan(64 * 1024);
    await expectRefusedUnchanged(buildRawZip([...entries.slice(0, -2), bomb, ...entries.slice(-2)]), 'CONTAINER_INVALID', {
      detail: 'entry-compression-method',
    });
  });

  it('bytes the layout does not account for, or an end record that disagrees -> CONTAINER_INVALID, nothing stored', async () => {
    const entries = await validEntries(input(a));
    const cases = hostileLayouts(await zipPackageEntries(entries), asRawEntries(entries));
    expect(cases.length).toBeGreaterThan(10);
    for (const c of cases) {
      const result = await expectRefusedUnchanged(c.bytes, 'CONTAINER_INVALID').catch((err: unknown) => {
        throw new Error(`${c.label}: ${String(err)}`);
      });
      expect(result.detail, c.label).toBe(c.detail);
    }
  });

  it('a huge manifest -> LIMIT_EXCEEDED', async () => {
    const w = input(a);
    const huge = await sealCustom(custom(a, Buffer.concat([canonicalBytes(manifestFor(w, a)).subarray(0, -1), Buffer.from(`,"zz":"${'x'.repeat(70_000)}"}`)])));
    await expectRefusedUnchanged(huge, 'LIMIT_EXCEEDED');
  });

  it('not a regular file, or a file that is not there -> IO_ERROR', async () => {
    await expectRefusedUnchanged(dir, 'IO_ERROR');
    await expectRefusedUnchanged(join(dir, 'missing.pumpurs'), 'IO_ERROR');
  });
});

describe('keys and policy', () => {
  it('a key nobody enrolled -> SIGNER_UNKNOWN', async () => {
    await expectRefusedUnchanged(await writePackage(input(outsider)), 'SIGNER_UNKNOWN', { detail: 'not-enrolled' });
  });

  it('a key revoked after seq N signs seq N+1 -> SIGNER_REVOKED (seq N still imports)', async () => {
    const revocation = join(dir, 'revocation.json');
    await writeFile(revocation, encodeSignedStatement(makeKeyRevocation({ signing: a.keys.signing, revokedAfterSeq: 1, createdAt: clock.now() })));
    const done = await muni.app.services.exchange.enrolment.confirm(ACTOR, { path: revocation, purpose: 'enrol', fingerprint: a.keys.signing.keyId });
    expect(done).toMatchObject({ action: 'revoke', revokedAfterSeq: 1 });
    const first = await importValid(input(a));
    await expectRefusedUnchanged(await writePackage(input(a, { seq: 2, prevSums: first.sumsHash })), 'SIGNER_REVOKED', { detail: 'seq-after-revocation' });
  });

  it('school B signs a package in school A’s name (a splice) -> SIGNER_SENDER_MISMATCH, flagged', async () => {
    const w = input(a);
    const spliced = await sealCustom(custom(b, manifestFor(w, b, { sender: { id: a.id, kind: 'school' } })));
    await expectRefusedUnchanged(spliced, 'SIGNER_SENDER_MISMATCH', { alert: true });
  });

  it('a package for another municipality -> NOT_FOR_THIS_RECIPIENT', async () => {
    const w = input(a, {
      recipients: [{ id: otherMunicipality.id, ageRecipient: otherMunicipality.keys.age.recipient, keyId: otherMunicipality.keys.age.keyId }],
    });
    await expectRefusedUnchanged(await writePackage(w), 'NOT_FOR_THIS_RECIPIENT', { detail: 'not-a-recipient' });
  });

  it('a manifest that is not canonical, or made in the future -> MANIFEST_INVALID', async () => {
    const w = input(a);
    const spaced = Buffer.from(JSON.stringify(manifestFor(w, a), null, 1));
    await expectRefusedUnchanged(await sealCustom(custom(a, spaced)), 'MANIFEST_INVALID', { detail: 'not-canonical-json' });
    await expectRefusedUnchanged(await writePackage(input(a, { createdAt: '2026-02-11T10:00:00.000Z' })), 'MANIFEST_INVALID', { detail: 'created-in-future' });
  });

  it('a newer major format -> UNSUPPORTED_FORMAT; so is a package kind this app does not import', async () => {
    const w = input(a);
    await expectRefusedUnchanged(await sealCustom(custom(a, manifestFor(w, a, { formatVersion: '2.0' }), { formatVersion: '2.0' })), 'UNSUPPORTED_FORMAT');
    await expectRefusedUnchanged(await writePackage(input(a, { kind: 'decisions' })), 'UNSUPPORTED_FORMAT', { detail: 'package-kind' });
  });

  it('records from a newer schema -> SCHEMA_FROM_FUTURE', async () => {
    await expectRefusedUnchanged(await writePackage(input(a, { schemaVersion: EXCHANGE_SCHEMA_VERSION + 1 })), 'SCHEMA_FROM_FUTURE');
  });
});

describe('replay rules', () => {
  it('the same package again -> ALREADY_IMPORTED, nothing changes', async () => {
    const bytes = await writePackage(input(a));
    const path = await save(bytes);
    expect((await importFile(path)).status).toBe('imported');
    await expectRefusedUnchanged(path, 'ALREADY_IMPORTED');
    await expectRefusedUnchanged(Buffer.from(bytes), 'ALREADY_IMPORTED');
  });

  it('a package id reused with other content -> PACKAGE_ID_CONFLICT, refused and flagged', async () => {
    const first = input(a);
    const { sumsHash } = await importValid(first);
    const reused = input(a, { packageId: first.packageId, seq: 2, prevSums: sumsHash, createdAt: '2026-02-10T09:30:00.000Z' });
    await expectRefusedUnchanged(await writePackage(reused), 'PACKAGE_ID_CONFLICT', { alert: true });
    const alert = muni.raw.prepare('SELECT package_id, sender_id, seq, signer_key_id FROM exchange_alert').get();
    expect(alert).toEqual({ package_id: first.packageId, sender_id: a.id, seq: 2, signer_key_id: a.keys.signing.keyId });
  });

  it('an older package after a newer one -> STALE_REPLAY (older never overwrites newer)', async () => {
    const one = input(a, { seq: 1 });
    const two = input(a, { seq: 2, createdAt: '2026-02-10T09:10:00.000Z' });
    const oneBytes = await writePackage(one);
    await importValid(two);
    await expectRefusedUnchanged(oneBytes, 'STALE_REPLAY');
  });

  it('a skipped seq -> imported with a SEQUENCE_GAP warning', async () => {
    const { sumsHash } = await importValid(input(a, { seq: 1 }));
    const { result } = await importValid(input(a, { seq: 3, prevSums: sumsHash }));
    expect(result.warnings).toEqual([{ code: 'SEQUENCE_GAP', detail: 'seq-skipped' }]);
  });
});

describe('decryption, binding and records', () => {
  it('encrypted to another key than the manifest says -> DECRYPTION_FAILED', async () => {
    const w = input(a);
    await expectRefusedUnchanged(await sealCustom(custom(a, manifestFor(w, a), { recipients: [otherMunicipality] })), 'DECRYPTION_FAILED');
  });

  it('ciphertext lifted from another package of the same school -> INNER_BINDING_MISMATCH, flagged', async () => {
    const original = await validEntries(input(a));
    const w = input(a, { seq: 2 });
    const sealed = await sealCustomEntries({
      ...custom(a, manifestFor(w, a)),
      dataFiles: original.filter((e) => e.name.startsWith('data/')).map((e) => ({ name: e.name.slice(5, -'.ndjson.age'.length), ciphertext: e.bytes })),
    });
    await expectRefusedUnchanged(await zipPackageEntries(sealed), 'INNER_BINDING_MISMATCH', { alert: true });
  });

  it('a record carrying free text, a missing file, a dangling reference -> RECORD_INVALID', async () => {
    const withNote = files.map((f) =>
      f.name === RECORD_FILES.plan ? { ...f, records: f.records.map((r, i) => (i === 0 ? { ...r, goals: 'Uzlabot sekmes' } : r)) } : f,
    );
    await expectRefusedUnchanged(await writePackage(input(a, { files: withNote })), 'RECORD_INVALID', { detail: 'plans-schema' });
    await expectRefusedUnchanged(await writePackage(input(a, { files: files.filter((f) => f.name !== RECORD_FILES.outcome) })), 'RECORD_INVALID', {
      detail: 'file-missing',
    });
    const dangling = files.map((f) => (f.name === RECORD_FILES.delivery ? { ...f, records: [{ ...f.records[0]!, measureId: 'no-such-measure' }] } : f));
    await expectRefusedUnchanged(await writePackage(input(a, { files: dangling })), 'RECORD_INVALID', { detail: 'deliveries-measure' });
    const proto = files.map((f) =>
      f.name === RECORD_FILES.student ? { ...f, records: [JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(f.records[0]).slice(1)}`) as PackageRecord] } : f,
    );
    await expectRefusedUnchanged(await writePackage(input(a, { files: proto })), 'RECORD_INVALID', { detail: 'students-schema' });
    const surrogate = files.map((f) =>
      f.name === RECORD_FILES.student ? { ...f, records: f.records.map((r, i) => (i === 0 ? { ...r, firstName: 'J\ud800nis' } : r)) } : f,
    );
    await expectRefusedUnchanged(await writePackage(input(a, { files: surrogate })), 'RECORD_INVALID', { detail: 'students-schema' });
  });

  it('students no screening or plan of the semester refers to -> RECORD_INVALID, nothing stored (issue 14.2)', async () => {
    const students = files.find((f) => f.name === RECORD_FILES.student)!.records;
    const extra = Array.from({ length: 2000 }, (_, i) => ({ ...students[0]!, id: `smuggled-${i}`, firstName: `Vārds${i}` }));
    const carried = files.map((f) => (f.name === RECORD_FILES.student ? { ...f, records: [...f.records, ...extra] } : f));
    await expectRefusedUnchanged(await writePackage(input(a, { files: carried })), 'RECORD_INVALID', { detail: 'students-unreferenced' });
    const justOne = files.map((f) => (f.name === RECORD_FILES.student ? { ...f, records: [...f.records, extra[0]!] } : f));
    await expectRefusedUnchanged(await writePackage(input(a, { files: justOne })), 'RECORD_INVALID', { detail: 'students-unreferenced' });
  });

  it('impossible timestamps (30 February, 24:00, year 0000) -> RECORD_INVALID', async () => {
    const cases: Array<[string, string, string]> = [
      [RECORD_FILES.plan, 'updatedAt', '2026-02-30T10:00:00.000Z'],
      [RECORD_FILES.plan, 'createdAt', '2026-02-10T24:00:00.000Z'],
      [RECORD_FILES.student, 'updatedAt', '0000-01-01T00:00:00.000Z'],
    ];
    for (const [file, field, value] of cases) {
      const edited = files.map((f) => (f.name === file ? { ...f, records: f.records.map((r, i) => (i === 0 ? { ...r, [field]: value } : r)) } : f));
      await expectRefusedUnchanged(await writePackage(input(a, { files: edited })), 'RECORD_INVALID', { detail: `${file}-schema` });
    }
  });

  it('a measure’s youthProjectId: left out (a package from before the field) imports; free text in it -> RECORD_INVALID', async () => {
    const measures = files.find((f) => f.name === RECORD_FILES.measure)!.records;
    expect(measures.length).toBeGreaterThan(0);
    expect(measures.every((r) => 'youthProjectId' in r)).toBe(true);
    const text = files.map((f) =>
      f.name === RECORD_FILES.measure ? { ...f, records: f.records.map((r, i) => (i === 0 ? { ...r, youthProjectId: 'Jānis iet uz kori' } : r)) } : f,
    );
    await expectRefusedUnchanged(await writePackage(input(a, { files: text })), 'RECORD_INVALID', { detail: 'measures-schema' });
    const old = files.map((f) =>
      f.name === RECORD_FILES.measure ? { ...f, records: f.records.map(({ youthProjectId: _left, ...r }) => r as PackageRecord) } : f,
    );
    await importValid(input(a, { files: old }));
    const stored = muni.raw.prepare(`SELECT record FROM imported_record WHERE record_type = 'measure'`).all() as { record: string }[];
    expect(stored).toHaveLength(measures.length);
    expect(stored.every((r) => !('youthProjectId' in (JSON.parse(r.record) as object)))).toBe(true);
    expect(await muni.app.services.decisions.authority.youthProjectParticipants(ACTOR, { semesterId: SEMESTER })).toEqual({
      semesterId: SEMESTER,
      participants: [],
    });
  });

  it('an older edition of a record than the one held -> RECORD_CONFLICT, listed, nothing imported', async () => {
    const { sumsHash } = await importValid(input(a, { seq: 1 }));
    const plans = files.find((f) => f.name === RECORD_FILES.plan)!.records;
    const target = plans[0]!;
    const older = { ...target, version: 1, updatedAt: '2020-01-01T00:00:00.000Z' };
    const edited = files.map((f) => (f.name === RECORD_FILES.plan ? { ...f, records: f.records.map((r) => (r === target ? older : r)) } : f));
    const result = await expectRefusedUnchanged(await writePackage(input(a, { seq: 2, prevSums: sumsHash, files: edited })), 'RECORD_CONFLICT');
    expect(result.summary?.conflicts).toEqual([{ type: 'plan', id: target.id }]);
    expect(result.summary?.total.conflicts).toBe(1);
  });
});

describe('a folder at once', () => {
  it('imports in seq order whatever the file order, one transaction each, and reports every file', async () => {
    const one = await writePackageWithReceipt(input(a, { seq: 1 }));
    const two = await writePackageWithReceipt(input(a, { seq: 2, prevSums: one.sumsHash, createdAt: '2026-02-10T09:10:00.000Z' }));
    const fromB = await writePackageWithReceipt(input(b, { seq: 1, files: await reportFiles(schoolB) }));
    const broken = await save(Buffer.from('not a package'));
    const paths = [await save(two.bytes), broken, await save(fromB.bytes), await save(one.bytes)];

    const preview = await muni.app.services.exchange.importer.preview(ACTOR, paths);
    expect(preview.committed).toBe(false);
    expect(preview.files.map((f) => [f.sender?.id ?? null, f.seq, f.status, f.warnings])).toEqual([
      [a.id, 1, 'ready', []],
      [a.id, 2, 'ready', []],
      [b.id, 1, 'ready', []],
      [null, null, 'refused', []],
    ]);
    expect(preview.files[1]?.summary?.total).toMatchObject({ created: 0, updated: 0, withdrawn: 0 });
    expect(muni.raw.prepare('SELECT count(*) AS n FROM exchange_import').get()).toEqual({ n: 0 });

    const done = await muni.app.services.exchange.importer.commit(ACTOR, paths);
    expect(done.files.map((f) => f.status)).toEqual(['imported', 'imported', 'imported', 'refused']);
    expect(done.files[3]?.code).toBe('CONTAINER_INVALID');
    expect(muni.raw.prepare('SELECT sender_id, seq FROM exchange_import ORDER BY sender_id, seq').all()).toEqual([
      { sender_id: a.id, seq: 1 },
      { sender_id: a.id, seq: 2 },
      { sender_id: b.id, seq: 1 },
    ]);
  });
});
