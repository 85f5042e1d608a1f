/**
 * The decision queue's rows as the import builds them from its parsed
 * records (queue-model.ts with `live`) equal those the SQL builds from the
 * stored JSON (queue-model.ts without: the definition, the migration's
 * backfill), table for table and storage class for storage class:
 * - over real imports, one package at a time: two demo schools to their
 *   municipality, a second edition from one of them (a planned student's
 *   grade and class changed, a measure deleted, another re-planned), then
 *   the municipality's report to the state (whose plans carry no code and
 *   whose measures no updatedAt: no rows either way);
 * - on varied slices (testing/varied-slices.ts) with what the queue's rules
 *   tell apart: plans without a text code, students without grade or class
 *   label, plans of students withdrawn or never held, measures without a
 *   text kindCode or updatedAt, kinds with no live record or no category,
 *   values in other JSON types than the validated records hold.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src-shared/domain/seeded-random';
import type { OpenedDatabase } from '../../db/connection';
import { ACTOR, link, movableClock, type Installation } from '../exchange/testing/exchange-fixture';
import { madonaChain, tmpFile } from '../exchange/testing/national-fixture';
import type { ParsedRecord } from '../statistics/analytic-rows';
import { AT, PERIOD, sliceOf, storeSlice, type Slice } from '../statistics/testing/varied-slices';
import { rebuildQueue } from './queue-model';
import { useTempDatabase } from '../../db/testing/use-temp-database';

const TABLES = ['queue_plan', 'queue_measure'] as const;
type Snapshot = Record<(typeof TABLES)[number], string[]>;

/** Every queue row held (of one sender and period when given), with each column's storage class. */
function snapshot(raw: Database.Database, of?: { sender: string; period: string }): Snapshot {
  const rows = (table: string) => {
    const columns = (raw.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    const sql = `SELECT *, ${columns.map((c) => `typeof(${c}) AS "typeof ${c}"`).join(', ')} FROM ${table}`;
    const found = of === undefined ? raw.prepare(sql).all() : raw.prepare(`${sql} WHERE sender_id = ? AND period = ?`).all(of.sender, of.period);
    return (found as object[]).map((r) => JSON.stringify(r)).sort();
  };
  return { queue_plan: rows('queue_plan'), queue_measure: rows('queue_measure') };
}

/** The queue as the SQL rebuilds it from the stored records, for every slice held (built and rolled back). */
function rebuiltBySql(raw: Database.Database): Snapshot {
  const slices = raw.prepare('SELECT DISTINCT sender_id, period FROM imported_record').all() as { sender_id: string; period: string }[];
  raw.exec('SAVEPOINT queue_sql');
  try {
    for (const s of slices) rebuildQueue(raw, s.sender_id, s.period);
    return snapshot(raw);
  } finally {
    raw.exec('ROLLBACK TO queue_sql; RELEASE queue_sql');
  }
}

describe('queue rows from the parsed records of real imports', () => {
  const clock = movableClock('2026-02-10T10:00:00.000Z');
  const SEMESTER = '2025/26-1';
  let schoolA: Installation;
  let schoolB: Installation;
  let muni: Installation;
  let state: Installation;
  const history: Array<{ step: string; imported: Snapshot; sql: Snapshot }> = [];

  async function importOne(from: Installation, to: Installation, step: string): Promise<void> {
    const file = tmpFile(from, `${step}.pumpurs`);
    await from.app.services.exchange.exporter.export(ACTOR, { path: file, semesterId: SEMESTER });
    expect((await to.app.services.exchange.importer.commit(ACTOR, [file])).files[0]?.status).toBe('imported');
    history.push({ step, imported: snapshot(to.raw), sql: rebuiltBySql(to.raw) });
  }

  beforeAll(async () => {
    ({ schoolA, schoolB, muni, state } = await madonaChain(clock));
    await importOne(schoolA, muni, 'school-a');
    await importOne(schoolB, muni, 'school-b');

    // A second edition from school A: a planned student moves grade and class, one measure is deleted (with its
    // deliveries), another is planned anew.
    clock.set('2026-02-10T11:30:00.000Z');
    const raw = schoolA.raw;
    const edited = "version = version + 1, updated_at = '2026-02-10T11:00:00.000Z'";
    const planned = raw.prepare('SELECT student_id FROM plan WHERE semester_id = ? ORDER BY id LIMIT 1').get(SEMESTER) as { student_id: string };
    raw.prepare(`UPDATE student SET grade = CASE WHEN grade = 3 THEN 11 ELSE 3 END, class_label = 'Z', ${edited} WHERE id = ?`).run(planned.student_id);
    const measures = raw.prepare('SELECT m.id FROM measure m JOIN plan p ON p.id = m.plan_id WHERE p.semester_id = ? ORDER BY m.id LIMIT 2').all(SEMESTER) as {
      id: string;
    }[];
    raw.prepare('DELETE FROM delivery WHERE measure_id = ?').run(measures[0]!.id);
    raw.prepare('DELETE FROM measure WHERE id = ?').run(measures[0]!.id);
    raw.prepare(`UPDATE measure SET planned_cents = coalesce(planned_cents, 0) + 1234, ${edited} WHERE id = ?`).run(measures[1]!.id);
    await importOne(schoolA, muni, 'school-a-again');

    await link(muni, state);
    await importOne(muni, state, 'state');
  }, 240_000);
  afterAll(async () => {
    for (const i of [schoolA, schoolB, muni, state]) await i?.close();
  });

  it('equal the SQL rebuild from the stored records after every package', () => {
    expect(history.map((h) => h.step)).toEqual(['school-a', 'school-b', 'school-a-again', 'state']);
    for (const h of history) for (const t of TABLES) expect(h.imported[t], `${h.step}: ${t}`).toEqual(h.sql[t]);
    // Not an empty comparison: both schools' plans and measures, with grades, class labels and categories.
    const atMuni = history[2]!.imported;
    expect(atMuni.queue_plan.length).toBeGreaterThan(10);
    expect(atMuni.queue_measure.length).toBeGreaterThan(15);
    expect(atMuni.queue_plan.some((r) => r.includes('"4313900789"'))).toBe(true);
    expect(atMuni.queue_plan.every((r) => r.includes('"typeof grade":"integer","typeof class_label":"text"'))).toBe(true);
    expect(atMuni.queue_measure.every((r) => r.includes('"typeof category":"text"'))).toBe(true);
  });

  it('the second edition changed the queue: a grade and class moved, a measure withdrawn, one re-planned', () => {
    const [first, , second] = history;
    const ofA = (rows: string[]) => rows.filter((r) => r.includes('"sender_id":"4313900456"'));
    expect(ofA(second!.imported.queue_plan).filter((r) => r.includes('"class_label":"Z"'))).toHaveLength(1);
    expect(ofA(second!.imported.queue_measure)).toHaveLength(ofA(first!.imported.queue_measure).length - 1);
    expect(ofA(second!.imported.queue_measure).filter((r) => !first!.imported.queue_measure.includes(r))).toHaveLength(1);
    const withdrawn = muni.raw.prepare("SELECT count(*) AS n FROM imported_record WHERE record_type = 'measure' AND withdrawn_at IS NOT NULL").get() as {
      n: number;
    };
    expect(withdrawn.n).toBe(1);
  });

  it("a state report's plans and measures give no queue row, by either path", () => {
    const held = state.raw.prepare("SELECT count(*) AS n FROM imported_record WHERE record_type IN ('plan', 'measure')").get() as { n: number };
    expect(held.n).toBeGreaterThan(20);
    expect(history[3]!.imported).toEqual({ queue_plan: [], queue_measure: [] });
  });
});

/**
 * sliceOf's school report, with what the queue's rules tell apart on top (a fraction of each type, by seed; the
 * withdrawn records too). None of these fails the SQL's NOT NULL and type constraints.
 */
function queueSliceOf(seed: number): Slice {
  const slice = sliceOf(seed);
  const rnd = seededRandom(10_000 + seed);
  const vary = (r: ParsedRecord): ParsedRecord => {
    const v = { ...(r.value as Record<string, unknown>) };
    const x = rnd();
    switch (r.type) {
      case 'plan':
        // No code; a code of another JSON type; a status and an updatedAt of other JSON types.
        if (x < 0.1) delete v.code;
        else if (x < 0.15) v.code = null;
        else if (x < 0.2) v.code = 42;
        else if (x < 0.25) v.status = 7;
        else if (x < 0.3) v.updatedAt = true;
        break;
      case 'student':
        if (x < 0.1) delete v.grade;
        else if (x < 0.15) v.grade = null;
        else if (x < 0.25) delete v.classLabel;
        else if (x < 0.3) v.classLabel = 12;
        else if (x < 0.35) v.classLabel = { label: '1.a' };
        break;
      case 'measure':
        if (x < 0.05) delete v.kindCode;
        else if (x < 0.1) v.kindCode = 5;
        else if (x < 0.15) v.updatedAt = null;
        else if (x < 0.2) delete v.updatedAt;
        else if (x < 0.3) delete v.plannedCents;
        break;
      case 'measureKind':
        if (x < 0.2) delete v.category;
        break;
    }
    return { ...r, value: v };
  };
  const live = slice.live.map(vary);
  const withdrawn = slice.withdrawn.map(vary);
  // Plans naming a student never held, one by a number (the SQL compares its text with the record id), and one a
  // withdrawn student whose class label is a number.
  const student = (id: string, classLabel: unknown): ParsedRecord => ({ type: 'student', id, value: { id, version: 1, updatedAt: AT, grade: 4, classLabel } });
  live.push(student(`${seed}777`, '4.b'));
  withdrawn.push(student(`${seed}888`, 12));
  const plan = (id: string, studentId: unknown) => live.push({ type: 'plan', id, value: { id, updatedAt: AT, code: `K-${id}`, status: 'active', studentId } });
  plan(`p-${seed}-nobody`, `nobody-${seed}`);
  plan(`p-${seed}-number`, Number(`${seed}777`));
  plan(`p-${seed}-withdrawn`, `${seed}888`);
  return { live, withdrawn };
}

describe('queue rows from the parsed records of varied slices', () => {
  let opened: OpenedDatabase;
  useTempDatabase('file', (database) => {
    opened = database;
  });

  it('equal those the SQL builds from the stored records, on 40 slices', () => {
    const raw = opened.raw;
    const all: Snapshot = { queue_plan: [], queue_measure: [] };
    for (let seed = 1; seed <= 40; seed++) {
      const sender = `school-${seed}`;
      const slice = queueSliceOf(seed);
      raw.transaction(() => storeSlice(raw, sender, slice))();
      raw.transaction(() => rebuildQueue(raw, sender, PERIOD))();
      const fromSql = snapshot(raw, { sender, period: PERIOD });
      raw.transaction(() => rebuildQueue(raw, sender, PERIOD, slice.live))();
      const fromRecords = snapshot(raw, { sender, period: PERIOD });
      for (const t of TABLES) expect(fromRecords[t], `seed ${seed}: ${t}`).toEqual(fromSql[t]);
      for (const t of TABLES) all[t].push(...fromSql[t]);
    }
    // Not an empty comparison: each rule's both sides occur.
    const plans = all.queue_plan.map((r) => JSON.parse(r) as Record<string, unknown>);
    const measures = all.queue_measure.map((r) => JSON.parse(r) as Record<string, unknown>);
    const held = (type: string, where: string) =>
      (raw.prepare(`SELECT count(*) AS n FROM imported_record WHERE record_type = '${type}' AND withdrawn_at IS NULL AND ${where}`).get() as { n: number }).n;
    expect(plans.length).toBeGreaterThan(200);
    expect(held('plan', "json_type(record, '$.code') IS NOT 'text'")).toBeGreaterThan(20);
    expect(plans.filter((p) => p.grade === null && p.class_label === null).length).toBeGreaterThanOrEqual(40); // one naming nobody a slice
    expect(plans.filter((p) => p.grade === null && p.class_label !== null).length).toBeGreaterThan(10);
    expect(plans.filter((p) => p.grade !== null && p.class_label === null).length).toBeGreaterThan(10);
    expect(plans.filter((p) => p['typeof class_label'] === 'text' && /^\d+$|^\{/.test(p.class_label as string)).length).toBeGreaterThan(5);
    expect(plans.filter((p) => p.status === '7' || p.updated_at === '1').length).toBeGreaterThan(5);
    // Plans whose student is withdrawn: the SQL still reads it (the import never leaves one: its plans name its students).
    const ofWithdrawn = raw
      .prepare(
        `SELECT count(*) AS n FROM imported_record p JOIN imported_record s ON s.sender_id = p.sender_id AND s.period = p.period
         AND s.record_type = 'student' AND s.record_id = p.record ->> '$.studentId' AND s.withdrawn_at IS NOT NULL
         WHERE p.record_type = 'plan' AND p.withdrawn_at IS NULL AND json_type(p.record, '$.code') = 'text'`,
      )
      .get() as { n: number };
    expect(ofWithdrawn.n).toBeGreaterThan(5);
    expect(plans.filter((p) => p.class_label === '4.b')).toHaveLength(40);
    expect(plans.filter((p) => p.class_label === '12' && p.grade === 4).length).toBeGreaterThanOrEqual(40);
    expect(measures.length).toBeGreaterThan(300);
    expect(held('measure', "(json_type(record, '$.kindCode') IS NOT 'text' OR json_type(record, '$.updatedAt') IS NOT 'text')")).toBeGreaterThan(40);
    expect(measures.filter((m) => m.category === null).length).toBeGreaterThan(50);
    expect(measures.filter((m) => m.category !== null).length).toBeGreaterThan(200);
    expect(measures.filter((m) => m.planned_cents === null).length).toBeGreaterThan(30);
    expect(measures.filter((m) => m['typeof planned_cents'] === 'integer').length).toBeGreaterThan(200);
  });
});
