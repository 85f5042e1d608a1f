/**
 * Retention on a real encrypted SQLite file with demo data: which students
 * are due, the deletion of everything about them in one transaction, the
 * receipt (counts, no personal data) in the audit log, nothing deleted when
 * the count the coordinator saw changed, the WAL emptied afterwards.
 */
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-chain';
import { ACTOR, dumpDatabase, makeSchool, movableClock, type Installation } from '../exchange/testing/exchange-fixture';
import { yearsBefore } from './retention-service';

const clock = movableClock('2026-02-10T10:00:00.000Z');
let school: Installation;
let gone: Array<{ id: string; first_name: string; last_name: string; personal_code: string }>;
let kept: string[];
const count = (sql: string, ...params: unknown[]) => (school.raw.prepare(sql).get(...params) as { n: number }).n;

beforeAll(async () => {
  school = await makeSchool(clock, { students: 40, today: '2026-02-10' });
  // Two students with plans who left long ago, one who left recently, one without a leaving date.
  const withPlans = school.raw
    .prepare('SELECT DISTINCT s.id, s.first_name, s.last_name, s.personal_code FROM student s JOIN plan p ON p.student_id = s.id ORDER BY s.id')
    .all() as typeof gone;
  expect(withPlans.length).toBeGreaterThanOrEqual(4);
  gone = withPlans.slice(0, 2);
  const setLeft = school.raw.prepare('UPDATE student SET status = ?, left_on = ? WHERE id = ?');
  setLeft.run('left', '2019-06-15', gone[0]!.id);
  setLeft.run('graduated', '2021-02-10', gone[1]!.id);
  setLeft.run('left', '2025-06-01', withPlans[2]!.id);
  setLeft.run('graduated', null, withPlans[3]!.id);
  kept = (school.raw.prepare('SELECT id FROM student WHERE id NOT IN (?, ?) ORDER BY id').all(gone[0]!.id, gone[1]!.id) as { id: string }[]).map((r) => r.id);
});
afterAll(async () => {
  await school.close();
});

describe('retention', () => {
  it('the cutoff is the leaving day the given years back (29 February to 28 February)', () => {
    expect(yearsBefore('2026-02-10', 5)).toBe('2021-02-10');
    expect(yearsBefore('2028-02-29', 1)).toBe('2027-02-28');
  });

  it('shows the default years, the cutoff and who is due (a student left on the cutoff day is due; one without a date never)', async () => {
    expect(await school.app.services.retention.status(ACTOR)).toEqual({ years: 5, source: 'default', cutoff: '2021-02-10', due: 2, withoutLeavingDate: 1 });
  });

  it('refuses when the count the coordinator saw changed, deleting nothing', async () => {
    const before = dumpDatabase(school.raw);
    await expect(school.app.services.retention.deleteDue(ACTOR, 3)).rejects.toMatchObject({ code: 'CONFLICT', messageKey: 'errors.retention.changed' });
    expect(dumpDatabase(school.raw)).toEqual(before);
  });

  it('deletes everything about the due students in one go, with a receipt of counts only', async () => {
    const ids = gone.map((g) => g.id);
    const inIds = `(${ids.map(() => '?').join(', ')})`;
    const plans = count(`SELECT count(*) AS n FROM plan WHERE student_id IN ${inIds}`, ...ids);
    const screenings = count(`SELECT count(*) AS n FROM screening WHERE student_id IN ${inIds}`, ...ids);
    const measures = count(`SELECT count(*) AS n FROM measure WHERE plan_id IN (SELECT id FROM plan WHERE student_id IN ${inIds})`, ...ids);
    const deliveries = count(
      `SELECT count(*) AS n FROM delivery WHERE measure_id IN (SELECT m.id FROM measure m JOIN plan p ON p.id = m.plan_id WHERE p.student_id IN ${inIds})`,
      ...ids,
    );
    expect(plans).toBeGreaterThan(0);
    const otherPlans = count('SELECT count(*) AS n FROM plan') - plans;

    clock.set('2026-02-10T11:00:00.000Z');
    const receipt = await school.app.services.retention.deleteDue(ACTOR, 2);
    expect(receipt).toMatchObject({ at: '2026-02-10T11:00:00.000Z', by: { id: ACTOR.userId, name: ACTOR.name }, years: 5, cutoff: '2021-02-10' });
    expect(receipt.counts).toMatchObject({ students: 2, plans, screenings, measures, deliveries });

    for (const [table, column] of [
      ['student', 'id'],
      ['plan', 'student_id'],
      ['screening', 'student_id'],
      ['guardian', 'student_id'],
      ['journal_indicator', 'student_id'],
    ] as const) {
      expect(count(`SELECT count(*) AS n FROM ${table} WHERE ${column} IN ${inIds}`, ...ids), table).toBe(0);
    }
    expect(count('SELECT count(*) AS n FROM measure WHERE plan_id NOT IN (SELECT id FROM plan)')).toBe(0);
    expect(count('SELECT count(*) AS n FROM plan')).toBe(otherPlans);
    expect((school.raw.prepare('SELECT id FROM student ORDER BY id').all() as { id: string }[]).map((r) => r.id)).toEqual(kept);
    expect(school.raw.pragma('foreign_key_check')).toEqual([]);

    const rows = school.raw.prepare("SELECT actor_id, entity_id, detail FROM audit_log WHERE action = 'delete' AND entity = 'retention'").all() as {
      actor_id: string;
      entity_id: string;
      detail: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: ACTOR.userId, entity_id: '2021-02-10' });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ years: 5, cutoff: '2021-02-10', counts: receipt.counts });
    const written = JSON.stringify(receipt) + rows[0]!.detail;
    for (const g of gone) for (const text of [g.id, g.first_name, g.last_name, g.personal_code]) expect(written).not.toContain(text);
    expect(verifyAuditChain(school.raw).ok).toBe(true);
    // The deleted rows are not left in the WAL.
    expect(statSync(`${school.app.database.file}-wal`).size).toBe(0);
  });

  it('a longer period: nobody due, and deleting then is refused', async () => {
    const status = await school.app.services.retention.setYears(ACTOR, 10);
    expect(status).toMatchObject({ years: 10, source: 'stored', cutoff: '2016-02-10', due: 0 });
    await expect(school.app.services.retention.deleteDue(ACTOR, 0)).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      messageKey: 'errors.retention.nothingDue',
    });
    expect(count("SELECT count(*) AS n FROM audit_log WHERE entity = 'setting' AND entity_id = 'retention.yearsAfterLeaving'")).toBe(1);
  });
});
