/**
 * The summary counts each import keeps (migration 0014, analytic-model.ts)
 * give the same answers as the analytic rows they sum, on random state
 * reports: after every import, second edition and deletion the counts
 * equal a full rebuild from the rows; the effect strata from the counts
 * equal those from the rows for every kind and choice of semesters; the
 * trends and the drill-down table the service reads from the per-school
 * totals equal the row-based queries they replaced, protected the same way;
 * the overview the service sums from the per-sender overview counts
 * (migration 0015) equals the one counted from the rows, for every
 * breakdown and semester, at a municipality and at the state, of
 * everything, a sender and a school; and differs when a count is wrong.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STILL_IN_EDUCATION } from '../../../src-shared/domain/statistics/grade-band';
import { BREAKDOWNS, TREND_METRICS, type Breakdown } from '../../../src-shared/domain/statistics/report';
import { suppressTrends, suppressUnits } from '../../../src-shared/domain/statistics/suppress-report';
import type { OpenedDatabase } from '../../db/connection';
import { makeTempDir, openTempDatabase, type TempDir } from '../../db/testing/temp-db';
import { ACTOR } from '../exchange/testing/exchange-fixture';
import { rebuildAnalytics } from './analytic-model';
import { AuthorityStatisticsService, overviewCountsFromRows, schoolNames, type OverviewCounts, type StatScope } from './authority-statistics';
import { strataFromCounts, strataFromRows } from './effect-units';
import { seededRandom as rng } from '../../../src-shared/domain/seeded-random';
import { holdRandomStateReport, rebuiltSummarySnapshot, summarySnapshot } from './testing/summaries';

const PERIODS = ['2024/25-1', '2024/25-2', '2025/26-1'];
const SENDERS = ['novads-1', 'novads-2', 'novads-3'];
const STAYED = sql.join([...STILL_IN_EDUCATION].map((o) => sql`${o}`));

let tmp: TempDir;
let opened: OpenedDatabase;
const steps: string[] = [];

function rebuild(sender: string, period: string): void {
  opened.raw.transaction(() => rebuildAnalytics(opened.raw, sender, period, '2026-02-10T10:00:00.000Z'))();
  const held = summarySnapshot(opened.raw);
  expect(held, `after ${sender} ${period}`).toEqual(rebuiltSummarySnapshot(opened.raw));
  steps.push(`${sender} ${period}`);
}

beforeAll(async () => {
  tmp = await makeTempDir();
  opened = await openTempDatabase(tmp.dir);
  opened.raw
    .prepare(
      "INSERT INTO organisation (id, mode, name, reg_no, municipality, school_type, created_at, updated_at) VALUES (1, 'state', 'IZM', '1', '', NULL, 'x', 'x')",
    )
    .run();
  const r = rng(20261202);
  for (const period of PERIODS) {
    for (const sender of SENDERS) {
      holdRandomStateReport(opened.raw, r, sender, period, 40 + Math.floor(r() * 60));
      rebuild(sender, period);
    }
  }
  // Second editions replace two slices; a deletion (as retention does) takes a planned student of a third.
  holdRandomStateReport(opened.raw, r, 'novads-2', PERIODS[1]!, 70);
  rebuild('novads-2', PERIODS[1]!);
  holdRandomStateReport(opened.raw, r, 'novads-1', PERIODS[2]!, 20);
  rebuild('novads-1', PERIODS[2]!);
  const planned = opened.raw
    .prepare(
      "SELECT record_id, json_extract(record, '$.studentId') AS student FROM imported_record WHERE sender_id = 'novads-3' AND period = ? AND record_type = 'plan' LIMIT 1",
    )
    .get(PERIODS[0]) as { record_id: string; student: string };
  opened.raw
    .prepare(
      `DELETE FROM imported_record WHERE sender_id = 'novads-3' AND period = ? AND (record_id IN (?, ?, ?) OR json_extract(record, '$.planId') = ? OR json_extract(record, '$.studentId') = ?)`,
    )
    .run(PERIODS[0], planned.record_id, planned.student, `sc-${planned.student}`, planned.record_id, planned.student);
  rebuild('novads-3', PERIODS[0]!);
}, 120_000);
afterAll(async () => {
  await opened?.close();
  await tmp?.remove();
});

describe('summary counts kept at import', () => {
  it('equal a full rebuild from the analytic rows after every import, second edition and deletion, and are not empty', () => {
    expect(steps).toHaveLength(PERIODS.length * SENDERS.length + 3);
    const held = summarySnapshot(opened.raw);
    expect(held.units.length).toBe(PERIODS.length * SENDERS.length * 3);
    expect(held.effects.length).toBeGreaterThan(100);
  });

  it('give the effect strata of the rows for every kind, unit and choice of semesters', async () => {
    const kinds = (opened.raw.prepare('SELECT DISTINCT kind_code FROM stat_measure ORDER BY 1').all() as { kind_code: string }[]).map((k) => k.kind_code);
    expect(kinds.length).toBeGreaterThanOrEqual(5);
    expect(kinds.some((k) => k.endsWith('.other'))).toBe(true);
    let compared = 0;
    for (const semesters of [[], [PERIODS[0]!], [PERIODS[1]!, PERIODS[2]!]]) {
      const fromCounts = strataFromCounts(opened.raw, semesters);
      const fromRows = await strataFromRows(opened.db, semesters, {});
      for (const kind of [...kinds, 'ngo.notHeld']) {
        for (const unit of ['risk', 'plan'] as const) {
          const expected = fromRows(unit, kind);
          expect(fromCounts(unit, kind), `${unit} ${kind} ${semesters.join(',')}`).toEqual(expected);
          compared += expected.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('give the trends and the drill-down table of the rows, protected the same way', async () => {
    const service = new AuthorityStatisticsService(opened.db, opened.raw, null);
    const threshold = await service.threshold();
    const db = opened.db;
    // The row-based queries the service used before the summaries.
    const st = await sql<{ period: string; screened: number; at_risk: number }>`
      SELECT period, sum(screened) AS screened, sum(at_risk) AS at_risk FROM stat_student GROUP BY period`.execute(db);
    const pl = await sql<{ period: string; plans: number; evaluated: number; stayed: number; left_: number }>`
      SELECT period, count(*) AS plans, sum(outcome IS NOT NULL) AS evaluated, sum(outcome IN (${STAYED})) AS stayed, sum(outcome = 'leftEducation') AS left_
      FROM stat_plan GROUP BY period`.execute(db);
    const me = await sql<{ period: string; n: number; minutes: number; cents: number }>`
      SELECT period, count(*) AS n, sum(delivered_minutes) AS minutes, sum(delivered_cents) AS cents FROM stat_measure GROUP BY period`.execute(db);
    const col = <R extends { period: string }>(rows: readonly R[], f: (r: R) => number) => new Map(rows.map((r) => [r.period, Number(f(r) ?? 0)]));
    const metrics = [
      col(st.rows, (r) => r.screened),
      col(st.rows, (r) => r.at_risk),
      col(pl.rows, (r) => r.plans),
      col(me.rows, (r) => r.n),
      col(me.rows, (r) => r.minutes),
      col(me.rows, (r) => r.cents),
      col(pl.rows, (r) => r.evaluated),
      col(pl.rows, (r) => r.stayed),
      col(pl.rows, (r) => r.left_),
    ];
    const hoursAt = TREND_METRICS.indexOf('deliveredHours');
    const periods = [...new Set(metrics.flatMap((m) => [...m.keys()]))].sort();
    const rows = periods.map((period) => ({
      semesterId: period,
      values: metrics.map((m, i) => (i === hoursAt ? Math.round(((m.get(period) ?? 0) / 60) * 10) / 10 : (m.get(period) ?? 0))),
    }));
    const expected = suppressTrends({ rows, threshold }, threshold, {
      columns: [hoursAt, TREND_METRICS.indexOf('deliveredCents')],
      base: TREND_METRICS.indexOf('measures'),
    });
    expect(periods).toEqual(PERIODS);
    expect(await service.trends(ACTOR, {})).toEqual(expected);

    let stateTable: Parameters<typeof suppressUnits>[0] | undefined;
    for (const scope of [{}, { senderId: 'novads-2' }]) {
      const unit = 'senderId' in scope ? sql`school_id` : sql`sender_id`;
      const w = 'senderId' in scope ? sql`period = ${PERIODS[1]} AND sender_id = ${scope.senderId}` : sql`period = ${PERIODS[1]}`;
      const s = await sql<{ unit: string; screened: number; at_risk: number }>`
        SELECT ${unit} AS unit, sum(screened) AS screened, sum(at_risk) AS at_risk FROM stat_student WHERE ${w} GROUP BY unit`.execute(db);
      const p = await sql<{ unit: string; plans: number; evaluated: number; stayed: number; left_: number }>`
        SELECT ${unit} AS unit, count(*) AS plans, sum(outcome IS NOT NULL) AS evaluated, sum(outcome IN (${STAYED})) AS stayed, sum(outcome = 'leftEducation') AS left_
        FROM stat_plan WHERE ${w} GROUP BY unit`.execute(db);
      const m = await sql<{ unit: string; n: number }>`SELECT ${unit} AS unit, count(*) AS n FROM stat_measure WHERE ${w} GROUP BY unit`.execute(db);
      const unitRows = s.rows
        .map((r) => {
          const q = p.rows.find((x) => x.unit === r.unit);
          const values = [
            r.screened,
            r.at_risk,
            q?.plans ?? 0,
            m.rows.find((x) => x.unit === r.unit)?.n ?? 0,
            q?.evaluated ?? 0,
            q?.stayed ?? 0,
            q?.left_ ?? 0,
          ];
          return { id: r.unit, name: r.unit, values: values.map((v) => Number(v ?? 0)) };
        })
        .sort((a, b) => a.name.localeCompare(b.name, 'lv'));
      const totals = unitRows[0]!.values.map((_, i) => unitRows.reduce((a, r) => a + (r.values[i] ?? 0), 0));
      const table = { level: 'senderId' in scope ? ('school' as const) : ('municipality' as const), rows: unitRows, totals };
      const overview = await service.overview(ACTOR, { semesterId: PERIODS[1]!, breakdown: 'none', ...scope });
      if ('senderId' in scope) {
        // The sender's row as the state's table publishes it: what is hidden there stays hidden here (as the service does).
        const row = suppressUnits(stateTable!, threshold).rows.find((r) => r.id === scope.senderId);
        expect(row).toBeDefined();
        expect(overview.units).toEqual(
          suppressUnits(
            table,
            threshold,
            row!.values.map((v) => v === null),
          ),
        );
        expect(overview.units?.rows.length).toBe(3);
      } else {
        stateTable = table;
        expect(overview.units).toEqual(suppressUnits(table, threshold));
        expect(overview.units?.rows.length).toBe(SENDERS.length);
      }
    }
  });
});

/** The service as before migration 0015: every overview counted from the analytic rows. */
class OverviewFromRows extends AuthorityStatisticsService {
  protected override overviewCounts(period: string, scope: StatScope, breakdown: Breakdown): Promise<OverviewCounts> {
    return overviewCountsFromRows(opened.db, period, scope, breakdown);
  }
}

describe('overview counts kept at import (migration 0015)', () => {
  const SCOPES: StatScope[] = [{}, { senderId: 'novads-2' }, { senderId: 'novads-1', schoolId: 'novads-1-b' }, { senderId: 'novads-3' }];

  it('give the overview of the rows for every breakdown, semester and scope, at a municipality and at the state', async () => {
    const service = new AuthorityStatisticsService(opened.db, opened.raw, null);
    const reference = new OverviewFromRows(opened.db, opened.raw, null);
    let compared = 0;
    let shown = 0;
    let approved = 0;
    try {
      for (const mode of ['state', 'municipality'] as const) {
        opened.raw.prepare('UPDATE organisation SET mode = ? WHERE id = 1').run(mode);
        for (const semesterId of PERIODS) {
          for (const scope of SCOPES) {
            for (const breakdown of BREAKDOWNS) {
              const expected = await reference.overview(ACTOR, { semesterId, breakdown, ...scope });
              expect(await service.overview(ACTOR, { semesterId, breakdown, ...scope }), `${mode} ${semesterId} ${breakdown} ${JSON.stringify(scope)}`).toEqual(
                expected,
              );
              compared++;
              shown += expected.tables.flatMap((t) => t.rows.flatMap((r) => r.values)).filter((v) => v !== null && v > 0).length;
              approved += expected.measures.filter((m) => (m.approvedCents ?? 0) > 0).length;
            }
          }
        }
      }
    } finally {
      opened.raw.prepare("UPDATE organisation SET mode = 'state' WHERE id = 1").run();
    }
    expect(compared).toBe(2 * PERIODS.length * SCOPES.length * BREAKDOWNS.length);
    // Not only hidden cells: the comparison saw counts and approved sums.
    expect(shown).toBeGreaterThan(500);
    expect(approved).toBeGreaterThan(10);
  });

  it('differ from the rows when one overview count or measure figure is wrong (the comparison above can fail)', async () => {
    const service = new AuthorityStatisticsService(opened.db, opened.raw, null);
    const reference = new OverviewFromRows(opened.db, opened.raw, null);
    const everything = { semesterId: PERIODS[1]!, breakdown: 'gender' as const };
    const sender = { ...everything, senderId: 'novads-2' };
    const cell = (table: string, scope: string) => {
      const key = `period, tbl, key, grade_band, gender, education_level${scope ? ', sender_id' : ''}`;
      return `UPDATE ${table} SET n = n + 7 WHERE (${key}) IN (SELECT ${key} FROM ${table} WHERE period = '${PERIODS[1]}' AND tbl = 'riskFactors' ${scope} ORDER BY n DESC LIMIT 1)`;
    };
    const cases = [
      [everything, cell('stat_overview_all', '')],
      [sender, cell('stat_overview_count', "AND sender_id = 'novads-2'")],
      [
        everything,
        `UPDATE stat_overview_measure SET plans = plans + 1 WHERE (period, sender_id, kind_code, category) IN (
          SELECT period, sender_id, kind_code, category FROM stat_overview_measure WHERE period = '${PERIODS[1]}' ORDER BY plans DESC LIMIT 1)`,
      ],
    ] as const;
    for (const [input, wrong] of cases) {
      const expected = await reference.overview(ACTOR, input);
      expect(await service.overview(ACTOR, input)).toEqual(expected);
      opened.raw.exec('SAVEPOINT wrong');
      try {
        expect(opened.raw.prepare(wrong).run().changes).toBe(1);
        expect(await service.overview(ACTOR, input)).not.toEqual(expected);
      } finally {
        opened.raw.exec('ROLLBACK TO wrong; RELEASE wrong');
      }
      expect(await service.overview(ACTOR, input)).toEqual(expected);
    }
  });
});

describe('school names of the drill-down', () => {
  it('are those every school record gave before (first in key order), found through the period index', async () => {
    // A school renamed in a later period, and named again by another sender: the first in (sender, period, id) order wins, as before.
    const insert = opened.raw.prepare(
      "INSERT INTO imported_record (sender_id, period, record_type, record_id, version, record, package_id, imported_at) SELECT ?, ?, 'school', ?, 1, ?, package_id, 'x' FROM imported_record WHERE sender_id = ? LIMIT 1",
    );
    opened.raw.exec('SAVEPOINT names');
    try {
      insert.run('novads-1', PERIODS[2], 'novads-1-renamed', JSON.stringify({ name: 'Vēlāk' }), 'novads-1');
      insert.run('novads-1', PERIODS[0], 'novads-1-renamed', JSON.stringify({ name: 'Agrāk' }), 'novads-1');
      insert.run('novads-3', PERIODS[0], 'novads-1-renamed', JSON.stringify({ name: 'Citur' }), 'novads-3');
      const before = await sql<{ id: string; name: string }>`
        SELECT record_id AS id, json_extract(record, '$.name') AS name FROM imported_record WHERE record_type = 'school' AND withdrawn_at IS NULL`.execute(
        opened.db,
      );
      const first = (rows: readonly { id: string; name: string }[]) => {
        const out = new Map<string, string>();
        for (const r of rows) if (!out.has(r.id)) out.set(r.id, r.name);
        return out;
      };
      const now = first(await schoolNames(opened.db));
      expect(now).toEqual(first(before.rows));
      expect(now.get('novads-1-renamed')).toBe('Agrāk');
      expect(now.size).toBe(SENDERS.length * 3 + 1);
      const plan = opened.raw
        .prepare(
          "EXPLAIN QUERY PLAN SELECT record_id FROM imported_record WHERE period IN (SELECT period FROM stat_source) AND record_type = 'school' AND withdrawn_at IS NULL",
        )
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' | ')).toContain('imported_record_period_type');
    } finally {
      opened.raw.exec('ROLLBACK TO names; RELEASE names');
    }
  });
});
