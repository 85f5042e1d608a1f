/**
 * Retention at a municipality and the state (issue 13, item 7, the authorities' side):
 * the records it imported of a student who left long ago are due, deleted on
 * the coordinator's request from every table that holds them (imported_record
 * and the analytic model stat_* rebuilt from it), with a receipt of counts in
 * the audit log, and gone from the database file itself (a decrypted copy
 * holds the student's personal code before, and not after). Real encrypted
 * files, real packages.
 */
import { copyFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-chain';
import { DB_KEY_SECRET, openEncrypted } from '../../db/encryption';
import { createFileSecretStore } from '../../ports/secret-store';
import { pathsFor } from '../../ports/paths';
import { rebuiltSummarySnapshot, summarySnapshot } from '../statistics/testing/summaries';
import { ACTOR, dumpDatabase, link, makeAuthority, makeSchool, movableClock, RESOURCES_DIR, type Installation } from '../exchange/testing/exchange-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
let school: Installation;
let muni: Installation;
let state: Installation;
let semesterId: string;
let gone: { id: string; first_name: string; last_name: string; personal_code: string };
let goneCode: string;
let goneName: string;
let planIds: string[];
let packagePath: string;
const count = (sql: string, ...params: unknown[]) => (muni.raw.prepare(sql).get(...params) as { n: number }).n;

/** An installation's database file, decrypted into a copy: does it hold `text` anywhere (live rows, free pages)? */
async function fileHolds(text: string, inst: Installation = muni): Promise<boolean> {
  inst.raw.pragma('wal_checkpoint(TRUNCATE)');
  const paths = pathsFor(inst.dataDir, RESOURCES_DIR);
  const key = await createFileSecretStore(paths.secretsDir).get(DB_KEY_SECRET);
  if (key === null) throw new Error('no database key');
  const plain = join(inst.tmp.dir, `decrypted-${Date.now()}.sqlite`);
  await copyFile(paths.dbFile, plain);
  const raw = openEncrypted(plain, key);
  raw.pragma('journal_mode = DELETE');
  raw.pragma("rekey=''");
  raw.close();
  return readFileSync(plain).includes(Buffer.from(text, 'utf8'));
}

beforeAll(async () => {
  school = await makeSchool(clock, { students: 30, today: '2026-02-10' });
  muni = await makeAuthority(clock);
  await link(school, muni);
  semesterId = (school.raw.prepare("SELECT id FROM semester WHERE starts_on <= '2026-02-10' ORDER BY starts_on DESC LIMIT 1").get() as { id: string }).id;
  const withPlans = school.raw
    .prepare(
      'SELECT DISTINCT s.id, s.first_name, s.last_name, s.personal_code FROM student s JOIN plan p ON p.student_id = s.id WHERE p.semester_id = ? ORDER BY s.id',
    )
    .all(semesterId) as (typeof gone)[];
  expect(withPlans.length).toBeGreaterThanOrEqual(3);
  gone = withPlans[0]!;
  goneCode = gone.personal_code;
  goneName = `"lastName":${JSON.stringify(gone.last_name)}`;
  planIds = (school.raw.prepare('SELECT id FROM plan WHERE student_id = ?').all(gone.id) as { id: string }[]).map((r) => r.id);
  // One left long ago (due), one left recently (kept), one left without a date (kept, counted).
  const setLeft = school.raw.prepare("UPDATE student SET status = ?, left_on = ?, version = version + 1, updated_at = '2026-02-10T09:00:00.000Z' WHERE id = ?");
  setLeft.run('left', '2019-06-15', gone.id);
  setLeft.run('graduated', '2025-06-01', withPlans[1]!.id);
  setLeft.run('left', null, withPlans[2]!.id);
  packagePath = join(school.tmp.dir, 'report-1.pumpurs');
  await school.app.services.exchange.exporter.export(ACTOR, { path: packagePath, semesterId });
  expect((await muni.app.services.exchange.importer.commit(ACTOR, [packagePath])).files[0]?.status).toBe('imported');
  // The municipality's pseudonymised report reaches the state before anything is deleted.
  state = await makeAuthority(clock, 'state');
  await link(muni, state);
  const statePackage = join(muni.tmp.dir, 'state-1.pumpurs');
  await muni.app.services.exchange.exporter.export(ACTOR, { path: statePackage, semesterId });
  expect((await state.app.services.exchange.importer.commit(ACTOR, [statePackage])).files[0]?.status).toBe('imported');
});
afterAll(async () => {
  await school.close();
  await muni.close();
  await state.close();
});

describe('retention at a municipality', () => {
  it('counts the imported students due by the newest package (one without a leaving date never)', async () => {
    expect(await muni.app.services.retention.status(ACTOR)).toEqual({ years: 5, source: 'default', cutoff: '2021-02-10', due: 1, withoutLeavingDate: 1 });
    expect(count('SELECT count(*) AS n FROM stat_student WHERE student_id = ?', gone.id)).toBe(1);
    expect(await fileHolds(goneCode)).toBe(true);
  });

  it('refuses when the count the coordinator saw changed, deleting nothing', async () => {
    const before = dumpDatabase(muni.raw);
    await expect(muni.app.services.retention.deleteDue(ACTOR, 2)).rejects.toMatchObject({ code: 'CONFLICT', messageKey: 'errors.retention.changed' });
    expect(dumpDatabase(muni.raw)).toEqual(before);
  });

  it('deletes the student and everything hanging on it, imported and derived, with a receipt of counts only', async () => {
    const students = count("SELECT count(*) AS n FROM imported_record WHERE record_type = 'student'");
    const statStudents = count('SELECT count(*) AS n FROM stat_student');
    const inPlans = `(${planIds.map(() => '?').join(', ')})`;
    const plans = count(`SELECT count(*) AS n FROM imported_record WHERE record_type = 'plan' AND record_id IN ${inPlans}`, ...planIds);
    const measures = count(
      `SELECT count(*) AS n FROM imported_record WHERE record_type = 'measure' AND json_extract(record, '$.planId') IN ${inPlans}`,
      ...planIds,
    );
    expect(plans).toBeGreaterThan(0);

    const summaries = summarySnapshot(muni.raw);
    clock.set('2026-02-10T11:00:00.000Z');
    const receipt = await muni.app.services.retention.deleteDue(ACTOR, 1);
    // The summary counts (migration 0014) follow: what the rows left now sum to, not what they summed to before.
    expect(summarySnapshot(muni.raw)).toEqual(rebuiltSummarySnapshot(muni.raw));
    expect(summarySnapshot(muni.raw)).not.toEqual(summaries);
    expect(receipt).toMatchObject({ at: '2026-02-10T11:00:00.000Z', years: 5, cutoff: '2021-02-10', counts: { students: 1, plans, measures } });

    // Imported records: nothing names the student, its plans or their measures.
    expect(count("SELECT count(*) AS n FROM imported_record WHERE record_type = 'student' AND record_id = ?", gone.id)).toBe(0);
    expect(count("SELECT count(*) AS n FROM imported_record WHERE json_extract(record, '$.studentId') = ?", gone.id)).toBe(0);
    expect(
      count(
        `SELECT count(*) AS n FROM imported_record WHERE record_id IN ${inPlans} OR json_extract(record, '$.planId') IN ${inPlans}`,
        ...planIds,
        ...planIds,
      ),
    ).toBe(0);
    expect(count("SELECT count(*) AS n FROM imported_record WHERE record_type = 'student'")).toBe(students - 1);
    // The analytic model follows: the student's rows are gone, the others' stay.
    expect(count('SELECT count(*) AS n FROM stat_student WHERE student_id = ?', gone.id)).toBe(0);
    expect(count('SELECT count(*) AS n FROM stat_factor WHERE student_id = ?', gone.id)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM stat_plan WHERE plan_id IN ${inPlans} OR student_id = ?`, ...planIds, gone.id)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM stat_measure WHERE plan_id IN ${inPlans}`, ...planIds)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM stat_risk_outcome WHERE plan_id IN ${inPlans}`, ...planIds)).toBe(0);
    expect(count('SELECT count(*) AS n FROM stat_student')).toBe(statStudents - 1);
    expect(count('SELECT count(*) AS n FROM stat_measure_risk WHERE measure_id NOT IN (SELECT measure_id FROM stat_measure)')).toBe(0);

    // The receipt: in the audit log, counts only.
    const rows = muni.raw.prepare("SELECT entity_id, detail FROM audit_log WHERE action = 'delete' AND entity = 'retention'").all() as {
      entity_id: string;
      detail: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ years: 5, cutoff: '2021-02-10', counts: receipt.counts });
    const written = JSON.stringify(receipt) + rows[0]!.detail;
    for (const text of [gone.id, gone.first_name, gone.last_name, goneCode]) expect(written).not.toContain(text);
    expect(verifyAuditChain(muni.raw).ok).toBe(true);
  });

  it('the deleted student is gone from the database file itself (secure delete, WAL emptied)', async () => {
    expect(await fileHolds(goneCode)).toBe(false);
    expect(await fileHolds(goneName)).toBe(false);
  });

  it('nothing is due afterwards, and the same package does not bring the student back', async () => {
    expect(await muni.app.services.retention.status(ACTOR)).toMatchObject({ due: 0, withoutLeavingDate: 1 });
    await expect(muni.app.services.retention.deleteDue(ACTOR, 1)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await muni.app.services.exchange.importer.commit(ACTOR, [packagePath])).files[0]?.status).toBe('alreadyImported');
    expect(count("SELECT count(*) AS n FROM imported_record WHERE record_type = 'student' AND record_id = ?", gone.id)).toBe(0);
  });
});

describe('retention at the state', () => {
  const stateCount = (sql: string, ...params: unknown[]) => (state.raw.prepare(sql).get(...params) as { n: number }).n;

  it('deletes the pseudonymised student who left long ago (by month) and its plans, statistics rebuilt, receipt kept, gone from the file', async () => {
    const row = state.raw
      .prepare(
        "SELECT record_id, json_extract(record, '$.pseudonym') AS pseudonym FROM imported_record WHERE record_type = 'student' AND json_extract(record, '$.leftMonth') = '2019-06'",
      )
      .get() as { record_id: string; pseudonym: string } | undefined;
    if (!row) throw new Error('the state holds no student who left in 2019-06');
    expect(await state.app.services.retention.status(ACTOR)).toMatchObject({ cutoff: '2021-02-10', due: 1, withoutLeavingDate: 1 });
    const plans = stateCount("SELECT count(*) AS n FROM imported_record WHERE record_type = 'plan' AND json_extract(record, '$.studentId') = ?", row.record_id);
    expect(plans).toBeGreaterThan(0);
    expect(stateCount('SELECT count(*) AS n FROM stat_student WHERE student_id = ?', row.record_id)).toBe(1);
    expect(await fileHolds(row.pseudonym, state)).toBe(true);

    const summaries = summarySnapshot(state.raw);
    const receipt = await state.app.services.retention.deleteDue(ACTOR, 1);
    expect(receipt.counts).toMatchObject({ students: 1, plans });
    expect(summarySnapshot(state.raw)).toEqual(rebuiltSummarySnapshot(state.raw));
    expect(summarySnapshot(state.raw)).not.toEqual(summaries);
    expect(
      stateCount("SELECT count(*) AS n FROM imported_record WHERE record_id = ? OR json_extract(record, '$.studentId') = ?", row.record_id, row.record_id),
    ).toBe(0);
    expect(stateCount('SELECT count(*) AS n FROM stat_student WHERE student_id = ?', row.record_id)).toBe(0);
    expect(stateCount('SELECT count(*) AS n FROM stat_plan WHERE student_id = ?', row.record_id)).toBe(0);
    expect(stateCount("SELECT count(*) AS n FROM audit_log WHERE action = 'delete' AND entity = 'retention'")).toBe(1);
    expect(verifyAuditChain(state.raw).ok).toBe(true);
    expect(await fileHolds(row.pseudonym, state)).toBe(false);
    expect(await state.app.services.retention.status(ACTOR)).toMatchObject({ due: 0, withoutLeavingDate: 1 });
  });
});
