/**
 * The analytic model as each import builds it (set-based SQL, analytic-model.ts)
 * equals (a) the JavaScript model it replaced (testing/analytic-reference.ts)
 * after every single package, and (b) a full rebuild of everything at the
 * end. Real installations, real packages, imported one at a time: two demo
 * schools to their municipality, a second edition from one of them (a
 * student's grade changed, a screened student no longer at risk, so records
 * are withdrawn), then the municipality's report to the state.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTOR, link, movableClock, type Installation } from '../exchange/testing/exchange-fixture';
import { madonaChain, tmpFile } from '../exchange/testing/national-fixture';
import { buildMissingAnalytics, rebuildAnalytics } from './analytic-model';
import { rebuildAnalytics as referenceRebuild } from './testing/analytic-reference';

const clock = movableClock('2026-02-10T10:00:00.000Z');
const SEMESTER = '2025/26-1';
const TABLES = ['stat_student', 'stat_factor', 'stat_plan', 'stat_measure', 'stat_measure_risk', 'stat_risk_outcome'] as const;

let schoolA: Installation;
let schoolB: Installation;
let muni: Installation;
let state: Installation;

type Snapshot = Record<string, string[]>;

function snapshot(raw: Database.Database): Snapshot {
  return Object.fromEntries(TABLES.map((t) => [t, (raw.prepare(`SELECT * FROM ${t}`).all() as object[]).map((r) => JSON.stringify(r)).sort()]));
}

/**
 * The tables as `rebuild` makes them for every slice held, built and rolled back: the reference model from the same
 * imported records, or the SQL rebuild (buildMissingAnalytics' path) from the stored records.
 */
function rebuiltSnapshot(raw: Database.Database, rebuild: typeof rebuildAnalytics, savepoint: string): Snapshot {
  const sources = raw.prepare('SELECT sender_id, period FROM stat_source').all() as { sender_id: string; period: string }[];
  raw.exec(`SAVEPOINT ${savepoint}`);
  try {
    for (const s of sources) rebuild(raw, s.sender_id, s.period, savepoint);
    return snapshot(raw);
  } finally {
    raw.exec(`ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
  }
}

const counts = (s: Snapshot) => Object.fromEntries(TABLES.map((t) => [t, s[t]!.length]));
const history: Array<{ step: string; incremental: Snapshot; reference: Snapshot; sql: Snapshot }> = [];

async function importOne(from: Installation, to: Installation, step: string): Promise<void> {
  const file = tmpFile(from, `${step}.pumpurs`);
  await from.app.services.exchange.exporter.export(ACTOR, { path: file, semesterId: SEMESTER });
  expect((await to.app.services.exchange.importer.commit(ACTOR, [file])).files[0]?.status).toBe('imported');
  history.push({
    step,
    incremental: snapshot(to.raw),
    reference: rebuiltSnapshot(to.raw, referenceRebuild, 'reference'),
    sql: rebuiltSnapshot(to.raw, rebuildAnalytics, 'from_sql'),
  });
}

beforeAll(async () => {
  ({ schoolA, schoolB, muni, state } = await madonaChain(clock));
  await importOne(schoolA, muni, 'school-a');
  await importOne(schoolB, muni, 'school-b');

  // A second edition from school A: one planned student changes grade band; an absent answer becomes present; a delivery is deleted.
  clock.set('2026-02-10T11:30:00.000Z');
  const raw = schoolA.raw;
  const planned = raw.prepare('SELECT student_id FROM plan WHERE semester_id = ? ORDER BY id LIMIT 1').get(SEMESTER) as { student_id: string };
  raw
    .prepare("UPDATE student SET grade = CASE WHEN grade = 3 THEN 11 ELSE 3 END, version = version + 1, updated_at = '2026-02-10T11:00:00.000Z' WHERE id = ?")
    .run(planned.student_id);
  const absent = raw
    .prepare(
      `SELECT a.screening_id, a.risk_factor_id FROM screening_answer a JOIN screening s ON s.id = a.screening_id WHERE s.semester_id = ? AND a.answer = 'absent' ORDER BY 1, 2 LIMIT 1`,
    )
    .get(SEMESTER) as { screening_id: string; risk_factor_id: string };
  raw
    .prepare("UPDATE screening_answer SET answer = 'present', justification = 'Test' WHERE screening_id = ? AND risk_factor_id = ?")
    .run(absent.screening_id, absent.risk_factor_id);
  raw.prepare("UPDATE screening SET version = version + 1, updated_at = '2026-02-10T11:00:00.000Z' WHERE id = ?").run(absent.screening_id);
  const delivery = raw
    .prepare('SELECT d.id FROM delivery d JOIN measure m ON m.id = d.measure_id JOIN plan p ON p.id = m.plan_id WHERE p.semester_id = ? ORDER BY d.id LIMIT 1')
    .get(SEMESTER) as { id: string };
  raw.prepare('DELETE FROM delivery WHERE id = ?').run(delivery.id);
  await importOne(schoolA, muni, 'school-a-again');

  await link(muni, state);
  await importOne(muni, state, 'state');
}, 240_000);
afterAll(async () => {
  for (const i of [schoolA, schoolB, muni, state]) await i?.close();
});

describe('analytic model built at each import', () => {
  it('equals the reference model after every package, one at a time', () => {
    expect(history.map((h) => h.step)).toEqual(['school-a', 'school-b', 'school-a-again', 'state']);
    for (const h of history) {
      for (const t of TABLES) expect(h.incremental[t], `${h.step}: ${t}`).toEqual(h.reference[t]);
    }
  });

  it('equals the SQL rebuild from the stored records after every package (the import builds factor and student rows from its parsed records)', () => {
    for (const h of history) {
      for (const t of TABLES) expect(h.incremental[t], `${h.step}: ${t}`).toEqual(h.sql[t]);
    }
    // Not an empty comparison: every table has rows at the municipality and at the state (risk outcomes where evaluated).
    const muniCounts = counts(history[2]!.incremental);
    const stateCounts = counts(history[3]!.incremental);
    for (const t of ['stat_student', 'stat_factor', 'stat_plan', 'stat_measure', 'stat_measure_risk'] as const) {
      expect(muniCounts[t], t).toBeGreaterThan(0);
      expect(stateCounts[t], t).toBeGreaterThan(0);
    }
  });

  it('the second edition changed the model: a grade band moved, a factor found present, a delivery was withdrawn', () => {
    const [, second, third] = history;
    expect(third!.incremental.stat_factor!.length).toBe(second!.incremental.stat_factor!.length + 1);
    expect(third!.incremental.stat_plan).not.toEqual(second!.incremental.stat_plan);
    expect(third!.incremental.stat_measure).not.toEqual(second!.incremental.stat_measure);
    const withdrawn = muni.raw.prepare("SELECT count(*) AS n FROM imported_record WHERE record_type = 'delivery' AND withdrawn_at IS NOT NULL").get() as {
      n: number;
    };
    expect(withdrawn.n).toBe(1);
  });

  it('equals a full rebuild of every sender and period from scratch', () => {
    for (const inst of [muni, state]) {
      const built = snapshot(inst.raw);
      const sources = (inst.raw.prepare('SELECT count(*) AS n FROM stat_source').get() as { n: number }).n;
      inst.raw.transaction(() => {
        for (const t of [...TABLES, 'stat_source']) inst.raw.prepare(`DELETE FROM ${t}`).run();
      })();
      expect(buildMissingAnalytics(inst.raw, '2026-02-10T12:00:00.000Z')).toBe(sources);
      expect(snapshot(inst.raw)).toEqual(built);
    }
  });
});
