/**
 * The strata behind the authorities' effect estimates (units as in
 * effectiveness-query.ts: evaluated risks for "risks lessened", evaluated
 * plans for "still in education"), from the analytic model in two ways
 * that give the same strata:
 * - fromRows: the rows in scope, grouped by stratum, event and the kinds
 *   their plan held and that reached them (the effect columns of 0012);
 *   any scope.
 * - fromCounts: the summed counts of migration 0014 (stat_effect_count,
 *   kept at each import by analytic-model.ts), a few thousand rows for
 *   every semester held; everything held only (the counts are not kept per
 *   sender or school).
 * effect-units.test.ts holds the two equal on random data.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { sql, type Kysely } from 'kysely';
import type { Stratum } from '../../../src-shared/domain/statistics/effectiveness';
import { STILL_IN_EDUCATION } from '../../../src-shared/domain/statistics/grade-band';
import type { DB } from '../../db/schema';
import { stratify } from './effectiveness-query';

export type EffectUnit = 'risk' | 'plan';
/** The strata of one unit for one measure kind, in stratum order (as stratify gives them). */
export type StrataOf = (unit: EffectUnit, kind: string) => Stratum[];

const STAYED_SQL = sql.join([...STILL_IN_EDUCATION].map((o) => sql`${o}`));

/** From the rows in scope (all semesters when none are given). */
export async function strataFromRows(
  db: Kysely<DB>,
  semesterIds: readonly string[],
  scope: { senderId?: string | undefined; schoolId?: string | undefined },
): Promise<StrataOf> {
  const inSemesters = (alias: 'ro' | 'p') =>
    semesterIds.length ? sql`AND ${sql.ref(`${alias}.period`)} IN (${sql.join(semesterIds.map((id) => sql`${id}`))})` : sql``;
  const scopeSql = (alias: 'ro' | 'p') =>
    sql.join(
      [
        scope.senderId ? sql`AND ${sql.ref(`${alias}.sender_id`)} = ${scope.senderId}` : sql``,
        scope.schoolId ? sql`AND ${sql.ref(`${alias}.school_id`)} = ${scope.schoolId}` : sql``,
      ],
      sql` `,
    );
  // Units grouped by stratum, event and the kinds their plan held and that reached them (the effect columns filled at import): counts, not rows.
  const risks = await sql<{ stratum: string; event: number; kinds: string; reached: string; n: number }>`
      SELECT ro.risk_group || '|' || ro.grade_band || '|' || ro.period AS stratum, ro.change = 'lessened' AS event, ro.plan_kinds AS kinds, ro.reached_kinds AS reached, count(*) AS n
      FROM stat_risk_outcome ro WHERE 1 = 1 ${inSemesters('ro')} ${scopeSql('ro')}
      GROUP BY ro.period, ro.risk_group, ro.grade_band, event, ro.plan_kinds, ro.reached_kinds`.execute(db);
  const plans = await sql<{ stratum: string; event: number; kinds: string; reached: string; n: number }>`
      SELECT p.risk_groups || '|' || p.grade_band || '|' || p.period AS stratum, p.outcome IN (${STAYED_SQL}) AS event, p.kinds, p.delivered_kinds AS reached, count(*) AS n
      FROM stat_plan p WHERE p.outcome IS NOT NULL ${inSemesters('p')} ${scopeSql('p')}
      GROUP BY p.period, p.risk_groups, p.grade_band, event, p.kinds, p.delivered_kinds`.execute(db);
  const split = (v: string) => new Set(v ? v.split(',') : []);
  const grouped = (rows: typeof risks.rows) =>
    rows.map((r) => ({ stratum: r.stratum, event: r.event === 1, n: Number(r.n), kinds: split(r.kinds), reached: split(r.reached) }));
  const units = { risk: grouped(risks.rows), plan: grouped(plans.rows) };
  return (unit, kind) =>
    stratify(
      units[unit]
        .filter((u) => u.reached.has(kind) || !u.kinds.has(kind))
        .map((u) => ({ stratum: u.stratum, exposed: u.reached.has(kind), event: u.event, n: u.n })),
    );
}

/**
 * From the summed counts (everything held; all semesters when none are
 * given). Per stratum and event: every unit (kind ''), and per kind the
 * units whose plan held it or that it reached, and those it reached. A
 * kind's exposed units are those it reached; its comparison units those
 * neither holding nor reached by it: every unit less those holding it.
 */
export function strataFromCounts(raw: Database.Database, semesterIds: readonly string[]): StrataOf {
  // Both events of a stratum and kind on one row, read as arrays: a few thousand rows, each built into an object in JavaScript otherwise.
  const rows = raw
    .prepare(
      `SELECT unit, stratum || '|' || period AS key, kind_code, sum(CASE WHEN event = 0 THEN units ELSE 0 END), sum(CASE WHEN event = 0 THEN reached ELSE 0 END),
         sum(CASE WHEN event = 1 THEN units ELSE 0 END), sum(CASE WHEN event = 1 THEN reached ELSE 0 END)
       FROM stat_effect_count ${semesterIds.length ? `WHERE period IN (${semesterIds.map(() => '?').join(', ')})` : ''}
       GROUP BY period, unit, stratum, kind_code`,
    )
    .raw(true)
    .all(...semesterIds) as [EffectUnit, string, string, number, number, number, number][];
  // unit → stratum key → kind ('' for all) → [units, reached] per event (0, 1).
  const counts: Record<EffectUnit, Map<string, Map<string, [number, number][]>>> = { risk: new Map(), plan: new Map() };
  for (const [unit, key, kind, units0, reached0, units1, reached1] of rows) {
    let byKind = counts[unit].get(key);
    if (!byKind) counts[unit].set(key, (byKind = new Map()));
    byKind.set(kind, [
      [units0, reached0],
      [units1, reached1],
    ]);
  }
  return (unit, kind) => {
    const units: { stratum: string; exposed: boolean; event: boolean; n: number }[] = [];
    for (const [stratum, byKind] of counts[unit]) {
      const all = byKind.get('') ?? [
        [0, 0],
        [0, 0],
      ];
      const of = byKind.get(kind) ?? [
        [0, 0],
        [0, 0],
      ];
      for (const event of [0, 1] as const) {
        const reached = of[event]![1];
        const comparison = all[event]![0] - of[event]![0];
        // Only units that exist: a stratum with none of either side is not one (as stratify builds them from units).
        if (reached > 0) units.push({ stratum, exposed: true, event: event === 1, n: reached });
        if (comparison > 0) units.push({ stratum, exposed: false, event: event === 1, n: comparison });
      }
    }
    return stratify(units);
  };
}
