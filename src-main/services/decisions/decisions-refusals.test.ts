/**
 * The school's importer against hostile decisions packages, one (at least)
 * per refusal code: each test builds the package with real keys (the
 * municipality's own, or a stranger's), imports it into the school, and
 * asserts the code AND that the school's database is unchanged, table by
 * table (dumpDatabase before and after).
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_FILES, DECISIONS_KIND, DECISIONS_SCHEMA_VERSION } from '../../../src-shared/domain/decisions';
import type { ImportFileResult } from '../../../src-shared/domain/exchange';
import type { ErrorCode } from '../../../src-shared/ipc/result';
import { dataEntryName, ENTRY } from '../../package-format/format';
import { writePackage, writePackageWithReceipt, type PackageRecord, type WritePackageInput } from '../../package-format/index';
import { makeParty, type Party } from '../../package-format/test-support/fixtures';
import { entryLayout, withByteFlipped } from '../../package-format/test-support/zip-layout';
import { selfOrg } from '../exchange/keys-service';
import { ACTOR, dumpDatabase, link, makeAuthority, makeSchool, movableClock, type Installation } from '../exchange/testing/exchange-fixture';
import { approvedPlanWithCompensation, freeStudents, SEMESTER } from './testing/decision-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
let school: Installation;
let otherSchool: Installation;
let muni: Installation;
let me: Party;
let authority: Party;
let stranger: Party;
let other: Party;
let records: Awaited<ReturnType<Installation['app']['services']['decisions']['authority']['packageRecords']>>;
let seq = 0;

async function partyOf(inst: Installation): Promise<Party> {
  const org = await selfOrg(inst.app.database.db);
  return { id: org.id, kind: org.kind, keys: await inst.app.services.exchange.keys.ensure() };
}

beforeAll(async () => {
  school = await makeSchool(clock, { students: 30, today: '2026-02-10' });
  otherSchool = await makeSchool(clock, { students: 10, today: '2026-02-10', regNo: '4313900789', name: 'Madonas 2. vidusskola', seed: 9 });
  muni = await makeAuthority(clock);
  await link(school, muni);
  await link(otherSchool, muni);
  me = await partyOf(school);
  other = await partyOf(otherSchool);
  authority = await partyOf(muni);
  stranger = await makeParty('cesu-novads', 'municipality');
  // A real decision on a real plan: the school's plan waits, its report goes up, the municipality approves.
  const [student] = freeStudents(school, 1);
  const plan = await approvedPlanWithCompensation(school, student as string, 5000);
  const report = join(school.tmp.dir, 'report.pumpurs');
  await school.app.services.exchange.exporter.export(ACTOR, { path: report, semesterId: SEMESTER });
  expect((await muni.app.services.exchange.importer.commit(ACTOR, [report])).files[0]?.status).toBe('imported');
  await muni.app.services.decisions.authority.decide(ACTOR, { planCode: plan.code, outcome: 'approved', semesterId: SEMESTER });
  records = await muni.app.services.decisions.authority.packageRecords(me.id, SEMESTER);
  expect(records.decision).toHaveLength(1);
});
afterAll(async () => {
  await school.close();
  await otherSchool.close();
  await muni.close();
});

function filesOf(r: typeof records): WritePackageInput['files'] {
  return [
    { name: DECISION_FILES.settings, records: r.settings as unknown as PackageRecord[] },
    { name: DECISION_FILES.decision, records: r.decision as unknown as PackageRecord[] },
    { name: DECISION_FILES.payment, records: r.payment as unknown as PackageRecord[] },
    { name: DECISION_FILES.youthProject, records: r.youthProject as unknown as PackageRecord[] },
  ];
}

function input(sender: Party, overrides: Partial<WritePackageInput> = {}, to: Party = me): WritePackageInput {
  return {
    sender: { id: sender.id, kind: sender.kind, signingKey: sender.keys.signing.privateKey },
    recipients: [{ id: to.id, ageRecipient: to.keys.age.recipient, keyId: to.keys.age.keyId }],
    kind: DECISIONS_KIND,
    period: { schoolYear: '2025/26', semester: 2 },
    seq: ++seq,
    prevSums: null,
    packageId: randomUUID(),
    createdAt: '2026-02-10T09:00:00.000Z',
    appVersion: '0.1.0',
    schemaVersion: DECISIONS_SCHEMA_VERSION,
    files: filesOf(records),
    ...overrides,
  };
}

async function save(bytes: Buffer): Promise<string> {
  const path = join(school.tmp.dir, `${randomUUID()}.pumpurs`);
  await writeFile(path, bytes);
  return path;
}

async function importFile(path: string): Promise<ImportFileResult> {
  const result = await school.app.services.decisions.importer.commit(ACTOR, [path]);
  expect(result.files).toHaveLength(1);
  return result.files[0] as ImportFileResult;
}

/** Imports, expects the refusal, and the school's database exactly as before. */
async function expectRefusedUnchanged(bytes: Buffer, code: ErrorCode, detail?: string): Promise<void> {
  const path = await save(bytes);
  const before = dumpDatabase(school.raw);
  const result = await importFile(path);
  expect(result.status, `${result.code} ${result.detail}`).toBe(code === 'ALREADY_IMPORTED' ? 'alreadyImported' : 'refused');
  expect(result.code).toBe(code);
  expect(result.messageKey).toBe(`errors.code.${code}`);
  if (detail) expect(result.detail).toBe(detail);
  expect(dumpDatabase(school.raw)).toEqual(before);
}

describe('hostile decisions packages change nothing at the school', () => {
  it('from a municipality the school does not trust -> SIGNER_UNKNOWN', async () => {
    await expectRefusedUnchanged(await writePackage(input(stranger)), 'SIGNER_UNKNOWN');
  });

  it('for another school -> NOT_FOR_THIS_RECIPIENT', async () => {
    await expectRefusedUnchanged(await writePackage(input(authority, {}, other)), 'NOT_FOR_THIS_RECIPIENT');
  });

  it('addressed to another school but encrypted to this one (a copy re-sealed) -> NOT_FOR_THIS_RECIPIENT', async () => {
    const readdressed = input(authority, { recipients: [{ id: other.id, ageRecipient: me.keys.age.recipient, keyId: me.keys.age.keyId }] });
    await expectRefusedUnchanged(await writePackage(readdressed), 'NOT_FOR_THIS_RECIPIENT');
  });

  it('a payment for a plan that does not exist at the school -> RECORD_INVALID', async () => {
    const payment = {
      id: randomUUID(),
      version: 1,
      updatedAt: '2026-02-10T09:00:00.000Z',
      planId: 'no-such-plan',
      measureId: 'no-such-measure',
      paidOn: '2026-02-10',
      cents: 1000,
      payee: 'guardian',
      reference: 'MK-1',
    };
    const bytes = await writePackage(input(authority, { files: filesOf({ ...records, payment: [payment as unknown as (typeof records.payment)[number]] }) }));
    await expectRefusedUnchanged(bytes, 'RECORD_INVALID');
  });

  it('tampered: a changed byte of a data file -> INTEGRITY_MISMATCH; of the signature -> SIGNATURE_INVALID', async () => {
    const bytes = await writePackage(input(authority));
    const data = entryLayout(bytes, dataEntryName(DECISION_FILES.decision));
    await expectRefusedUnchanged(withByteFlipped(bytes, data.dataStart + 40), 'INTEGRITY_MISMATCH', 'entry-hash');
    const sig = entryLayout(bytes, ENTRY.signature);
    await expectRefusedUnchanged(withByteFlipped(bytes, sig.dataStart + 3), 'SIGNATURE_INVALID');
  });

  it('for a plan that does not exist at the school -> RECORD_INVALID (decisions-plan-unknown)', async () => {
    const decision = { ...(records.decision[0] as object), id: randomUUID(), planId: 'no-such-plan' };
    const bytes = await writePackage(
      input(authority, { files: filesOf({ ...records, decision: [decision as unknown as (typeof records.decision)[number]] }) }),
    );
    await expectRefusedUnchanged(bytes, 'RECORD_INVALID', 'decisions-plan-unknown');
  });

  it('a record with a field the format does not know -> RECORD_INVALID (decisions-schema)', async () => {
    const decision = { ...(records.decision[0] as object), note: 'free text' };
    const bytes = await writePackage(
      input(authority, { files: filesOf({ ...records, decision: [decision as unknown as (typeof records.decision)[number]] }) }),
    );
    await expectRefusedUnchanged(bytes, 'RECORD_INVALID', 'decisions-schema');
  });

  it('from the future: a newer record schema -> SCHEMA_FROM_FUTURE; made after now -> MANIFEST_INVALID', async () => {
    await expectRefusedUnchanged(await writePackage(input(authority, { schemaVersion: DECISIONS_SCHEMA_VERSION + 1 })), 'SCHEMA_FROM_FUTURE');
    await expectRefusedUnchanged(await writePackage(input(authority, { createdAt: '2026-02-10T11:00:00.000Z' })), 'MANIFEST_INVALID', 'created-in-future');
  });

  it('another kind of package signed by the municipality -> UNSUPPORTED_FORMAT (package-kind)', async () => {
    await expectRefusedUnchanged(await writePackage(input(authority, { kind: 'school-report' })), 'UNSUPPORTED_FORMAT', 'package-kind');
  });

  it('replayed: the same package again -> ALREADY_IMPORTED; an older one of the same semester -> STALE_REPLAY', async () => {
    const older = await writePackage(input(authority));
    const newer = await writePackageWithReceipt(input(authority));
    const newerPath = await save(newer.bytes);
    const first = await importFile(newerPath);
    expect(first, `${first.code} ${first.detail}`).toMatchObject({ status: 'imported' });
    expect(school.raw.prepare('SELECT count(*) AS n FROM received_decision').get()).toEqual({ n: 1 });
    await expectRefusedUnchanged(newer.bytes, 'ALREADY_IMPORTED');
    await expectRefusedUnchanged(older, 'STALE_REPLAY');
  });
});
