/**
 * The state's importer against hostile state reports: each package is made
 * with real keys (a real municipality's report, then changed), imported
 * into a state that enrolled the municipality and a state vocational
 * school, and must be refused with its stable code, with the state's
 * database unchanged table by table (a refusal that means misbehaviour by a
 * key holder adds exactly one exchange_alert row, nothing else).
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXCHANGE_SCHEMA_VERSION, RECORD_FILES, RECORD_TYPES, SCHOOL_REPORT_KIND } from '../../../src-shared/domain/exchange';
import { STATE_RECORD_FILES, STATE_RECORD_TYPES, STATE_REPORT_KIND, type StateRecords } from '../../../src-shared/domain/state-report';
import type { ErrorCode } from '../../../src-shared/ipc/result';
import { dataEntryName } from '../../package-format/format';
import { writePackage, writePackageWithReceipt, type PackageRecord, type WritePackageInput } from '../../package-format/index';
import { makeParty, packageInput, type Party } from '../../package-format/test-support/fixtures';
import { entryLayout, withByteFlipped } from '../../package-format/test-support/zip-layout';
import { collectSchoolReport } from './school-report';
import { ACTOR, dumpDatabase, enrol, link, movableClock, partyOf, type Installation } from './testing/exchange-fixture';
import { municipalityNamed, schoolIn, stateInstallation } from './testing/national-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
const SEMESTER = '2025/26-1';
let school: Installation;
let vocational: Installation;
let madona: Installation;
let state: Installation;
let muniParty: Party;
let vocParty: Party;
let me: Party;
let records: StateRecords;
let vocRecords: StateRecords;

const filesOf = (r: StateRecords): WritePackageInput['files'] =>
  STATE_RECORD_TYPES.map((t) => ({ name: STATE_RECORD_FILES[t], records: r[t] as unknown as PackageRecord[] }));
const clone = (r: StateRecords): StateRecords => JSON.parse(JSON.stringify(r)) as StateRecords;

beforeAll(async () => {
  school = await schoolIn(clock, {
    municipality: 'Madonas novads',
    regNo: '4313900456',
    name: 'Madonas pilsētas vidusskola',
    seed: 7,
    students: 120,
    today: '2026-02-10',
  });
  vocational = await schoolIn(clock, {
    municipality: 'Rīga',
    regNo: '9000012345',
    name: 'Rīgas Valsts tehnikums',
    seed: 3,
    students: 80,
    today: '2026-02-10',
    schoolType: 'stateVocational',
  });
  madona = await municipalityNamed(clock, 'Madonas novads');
  await link(school, madona);
  const file = join(school.tmp.dir, 'a.pumpurs');
  await school.app.services.exchange.exporter.export(ACTOR, { path: file, semesterId: SEMESTER });
  await madona.app.services.exchange.importer.commit(ACTOR, [file]);
  records = (await madona.app.services.exchange.stateReport.build(ACTOR, SEMESTER)).records;
  vocRecords = (await vocational.app.services.exchange.stateReport.build(ACTOR, SEMESTER)).records;
  expect(records.student.length).toBeGreaterThan(3);
  muniParty = await partyOf(madona);
  vocParty = await partyOf(vocational);
}, 120_000);
afterAll(async () => {
  for (const inst of [school, vocational, madona]) await inst?.close();
});

beforeEach(async () => {
  clock.set('2026-02-10T10:00:00.000Z');
  state = await stateInstallation(clock);
  me = await partyOf(state);
  for (const sender of [madona, vocational]) await enrol(state, sender);
});
afterEach(async () => {
  await state.close();
});

/** A package from `sender` to this installation: seq 1 of its stream unless `overrides` say otherwise. */
function input(sender: Party, overrides: Partial<WritePackageInput> = {}): WritePackageInput {
  return packageInput(sender, [me], {
    kind: STATE_REPORT_KIND,
    period: { schoolYear: '2025/26', semester: 1 },
    seq: 1,
    schemaVersion: EXCHANGE_SCHEMA_VERSION,
    files: filesOf(sender === vocParty ? vocRecords : records),
    ...overrides,
  });
}

async function save(bytes: Buffer): Promise<string> {
  const path = join(state.tmp.dir, `${randomUUID()}.pumpurs`);
  await writeFile(path, bytes);
  return path;
}

async function expectRefusedUnchanged(bytes: Buffer | string, code: ErrorCode, options: { detail?: string; alert?: boolean } = {}): Promise<void> {
  const path = typeof bytes === 'string' ? bytes : await save(bytes);
  const before = dumpDatabase(state.raw);
  const result = (await state.app.services.exchange.importer.commit(ACTOR, [path])).files[0];
  if (!result) throw new Error('no result');
  expect(result.status, `${result.code} ${result.detail}`).toBe(code === 'ALREADY_IMPORTED' ? 'alreadyImported' : 'refused');
  expect(result.code).toBe(code);
  expect(result.messageKey).toBe(`errors.code.${code}`);
  if (options.detail) expect(result.detail).toBe(options.detail);
  const after = dumpDatabase(state.raw);
  const { exchange_alert: alertsAfter, ...restAfter } = after;
  const { exchange_alert: alertsBefore, ...restBefore } = before;
  expect(restAfter).toEqual(restBefore);
  expect(alertsAfter?.length).toBe((alertsBefore?.length ?? 0) + (options.alert ? 1 : 0));
}

async function importValid(w: WritePackageInput): Promise<string> {
  const written = await writePackageWithReceipt(w);
  const result = (await state.app.services.exchange.importer.commit(ACTOR, [await save(written.bytes)])).files[0];
  expect(result?.status, `${result?.code} ${result?.detail}`).toBe('imported');
  return written.sumsHash;
}

describe('state import: a valid report', () => {
  it('imports a municipality’s report and a state vocational school’s', async () => {
    await importValid(input(muniParty));
    await importValid(input(vocParty));
    const schools = state.raw.prepare("SELECT sender_id, record_id FROM imported_record WHERE record_type = 'school' ORDER BY sender_id").all();
    expect(schools).toEqual([
      { sender_id: '9000012345', record_id: '9000012345' },
      { sender_id: 'madonas-novads', record_id: '4313900456' },
    ]);
  });
});

describe('state import: refusals leave the state database unchanged', () => {
  it('SIGNER_UNKNOWN: a municipality the state never enrolled', async () => {
    const stranger = await makeParty('cesu-novads', 'municipality');
    await expectRefusedUnchanged(await writePackage(input(stranger)), 'SIGNER_UNKNOWN');
  });

  it('SIGNER_SENDER_MISMATCH: an enrolled key signing for another municipality (flagged)', async () => {
    const w = input(muniParty);
    await expectRefusedUnchanged(await writePackage({ ...w, sender: { ...w.sender, id: 'rezeknes-novads' } }), 'SIGNER_SENDER_MISMATCH', { alert: true });
  });

  it('NOT_FOR_THIS_RECIPIENT: a report encrypted to someone else', async () => {
    const other = await makeParty('ikvd-test', 'state');
    await expectRefusedUnchanged(
      await writePackage(input(muniParty, { recipients: [{ id: other.id, ageRecipient: other.keys.age.recipient, keyId: other.keys.age.keyId }] })),
      'NOT_FOR_THIS_RECIPIENT',
    );
  });

  it('SIGNATURE_INVALID and INTEGRITY_MISMATCH: damaged bytes', async () => {
    const bytes = await writePackage(input(muniParty));
    const sig = entryLayout(bytes, 'META-INF/SHA256SUMS.sig');
    await expectRefusedUnchanged(withByteFlipped(bytes, sig.dataStart + 3), 'SIGNATURE_INVALID');
    const data = entryLayout(bytes, dataEntryName(STATE_RECORD_FILES.student));
    await expectRefusedUnchanged(withByteFlipped(bytes, data.dataStart + 40), 'INTEGRITY_MISMATCH', { detail: 'entry-hash' });
  });

  it('UNSUPPORTED_FORMAT: a school report sent to the state, or a state report of another kind of sender', async () => {
    const schoolFiles = collectSchoolReport(vocational.app.database.raw, { semesterId: SEMESTER });
    const asSchoolReport = input(vocParty, {
      kind: SCHOOL_REPORT_KIND,
      files: RECORD_TYPES.map((t) => ({ name: RECORD_FILES[t], records: schoolFiles[t] as unknown as PackageRecord[] })),
    });
    await expectRefusedUnchanged(await writePackage(asSchoolReport), 'UNSUPPORTED_FORMAT', { detail: 'package-kind' });
  });

  it('SCHEMA_FROM_FUTURE and MANIFEST_INVALID (made in the future)', async () => {
    await expectRefusedUnchanged(await writePackage(input(muniParty, { schemaVersion: EXCHANGE_SCHEMA_VERSION + 1 })), 'SCHEMA_FROM_FUTURE');
    await expectRefusedUnchanged(await writePackage(input(muniParty, { createdAt: '2026-03-01T00:00:00.000Z' })), 'MANIFEST_INVALID', {
      detail: 'created-in-future',
    });
  });

  const recordCases: Array<[string, (r: StateRecords) => void, string]> = [
    ['a name slipped into a student', (r) => Object.assign(r.student[0] as object, { firstName: 'Anna' }), 'students-schema'],
    ['a personal code instead of a pseudonym', (r) => Object.assign(r.student[0] as object, { pseudonym: '120305-12345' }), 'students-schema'],
    ['an exact date instead of a month', (r) => Object.assign(r.plan[0] as object, { createdMonth: '2025-09-14' }), 'plans-schema'],
    [
      'a school’s own factor id',
      (r) => r.screening.find((s) => s.present.length > 0)!.present.splice(0, 1, { riskFactorId: 'family.custom1a2b3c4d', group: 'family' }),
      'screenings-schema',
    ],
    ['a school-typed measure kind code', (r) => Object.assign(r.measure[0] as object, { kindCode: 'consultation.Jānis' }), 'measures-schema'],
    ['a free-text note on a plan', (r) => Object.assign(r.plan[0] as object, { note: 'Saruna ar mammu' }), 'plans-schema'],
    ['a student of a school not in the package', (r) => Object.assign(r.student[0] as object, { schoolId: '4313900999' }), 'students-school'],
    ['a plan of an unknown student', (r) => Object.assign(r.plan[0] as object, { studentId: 'f'.repeat(32) }), 'plans-student'],
    ['a measure of an unknown plan', (r) => Object.assign(r.measure[0] as object, { planId: 'e'.repeat(32) }), 'measures-plan'],
    ['the same id twice', (r) => r.student.push({ ...(r.student[0] as StateRecords['student'][number]) }), 'students-duplicate-id'],
  ];
  for (const [what, change, detail] of recordCases) {
    it(`RECORD_INVALID: ${what}`, async () => {
      const changed = clone(records);
      change(changed);
      await expectRefusedUnchanged(await writePackage(input(muniParty, { files: filesOf(changed) })), 'RECORD_INVALID', { detail });
    });
  }

  it('RECORD_INVALID: an unexpected data file', async () => {
    const w = input(muniParty);
    await expectRefusedUnchanged(
      await writePackage({ ...w, files: [...w.files, { name: 'notes', records: [{ id: 'x', text: 'piezīme' }] }] }),
      'RECORD_INVALID',
      { detail: 'file-unexpected' },
    );
  });

  it('RECORD_INVALID: a state vocational school reporting on another school', async () => {
    const changed = clone(vocRecords);
    changed.school[0] = { id: '4313900456', name: 'Madonas pilsētas vidusskola' };
    for (const s of changed.student) s.schoolId = '4313900456';
    await expectRefusedUnchanged(await writePackage(input(vocParty, { files: filesOf(changed) })), 'RECORD_INVALID', { detail: 'schools-not-sender' });
  });

  it('ALREADY_IMPORTED and STALE_REPLAY: a report again, an older one after a newer one', async () => {
    const one = input(muniParty, { seq: 1 });
    const oneBytes = await writePackage(one);
    const path = await save(oneBytes);
    expect((await state.app.services.exchange.importer.commit(ACTOR, [path])).files[0]?.status).toBe('imported');
    await expectRefusedUnchanged(path, 'ALREADY_IMPORTED');
    const stale = await writePackage(input(muniParty, { seq: 1, createdAt: '2026-02-10T08:00:00.000Z' }));
    await importValid(input(muniParty, { seq: 3, prevSums: null, createdAt: '2026-02-10T09:30:00.000Z' }));
    await expectRefusedUnchanged(stale, 'STALE_REPLAY');
  });
});
