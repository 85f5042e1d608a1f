import { sql, type Kysely } from 'kysely';

/**
 * Summary counts of the analytic model (issue 11, national statistics at
 * speed), so the authority dashboards that read every semester read a few
 * thousand counts instead of every student-semester:
 *
 * - stat_unit_total: per (sender, period, school) the key figures of the
 *   trends and of the drill-down table (student rows, screened, at risk,
 *   plans, evaluated, still in education, left education, measures,
 *   delivered minutes and cents). Rebuilt per (sender, period) at each
 *   import, like the analytic rows it sums.
 * - stat_effect_count: per (period, unit, stratum, event, kind) the units
 *   of the effect estimates (unit 'risk': evaluated risks, stratum
 *   '<risk group>|<grade band>', event: lessened; unit 'plan': evaluated
 *   plans, stratum '<risk groups>|<grade band>', event: still in
 *   education). kind_code '' counts every unit; a kind's row counts the
 *   units whose plan held the kind or that it reached (units) and those it
 *   reached (reached). Summed over all senders (per sender it would be as
 *   large as the rows it sums): each import subtracts what its (sender,
 *   period) counted before and adds what it counts now.
 *
 * Raw counts: small-cell protection is applied after, as before.
 * Filled by src-main/services/statistics/analytic-model.ts with the same SQL
 * as below; backfilled here from what is already held.
 */
const STAYED = sql.raw(`('continues', 'extendedYear', 'repeatsYear', 'movedSchool', 'graduated')`);

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE stat_unit_total (
      sender_id TEXT NOT NULL,
      period TEXT NOT NULL,
      school_id TEXT NOT NULL,
      students INTEGER NOT NULL,
      screened INTEGER NOT NULL,
      at_risk INTEGER NOT NULL,
      plans INTEGER NOT NULL,
      evaluated INTEGER NOT NULL,
      stayed INTEGER NOT NULL,
      left_education INTEGER NOT NULL,
      measures INTEGER NOT NULL,
      delivered_minutes INTEGER NOT NULL,
      delivered_cents INTEGER NOT NULL,
      PRIMARY KEY (sender_id, period, school_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE TABLE stat_effect_count (
      period TEXT NOT NULL,
      unit TEXT NOT NULL CHECK (unit IN ('risk', 'plan')),
      stratum TEXT NOT NULL,
      event INTEGER NOT NULL CHECK (event IN (0, 1)),
      kind_code TEXT NOT NULL,
      units INTEGER NOT NULL,
      reached INTEGER NOT NULL,
      PRIMARY KEY (period, unit, stratum, event, kind_code)
    ) STRICT, WITHOUT ROWID`,
    sql`INSERT INTO stat_unit_total (sender_id, period, school_id, students, screened, at_risk, plans, evaluated, stayed, left_education, measures,
        delivered_minutes, delivered_cents)
      SELECT sender_id, period, school_id, sum(students), sum(screened), sum(at_risk), sum(plans), sum(evaluated), sum(stayed), sum(left_education),
        sum(measures), sum(delivered_minutes), sum(delivered_cents)
      FROM (
        SELECT sender_id, period, school_id, count(*) AS students, coalesce(sum(screened), 0) AS screened, coalesce(sum(at_risk), 0) AS at_risk,
          0 AS plans, 0 AS evaluated, 0 AS stayed, 0 AS left_education, 0 AS measures, 0 AS delivered_minutes, 0 AS delivered_cents
        FROM stat_student GROUP BY sender_id, period, school_id
        UNION ALL
        SELECT sender_id, period, school_id, 0, 0, 0, count(*), coalesce(sum(outcome IS NOT NULL), 0), coalesce(sum(outcome IN ${STAYED}), 0),
          coalesce(sum(outcome = 'leftEducation'), 0), 0, 0, 0
        FROM stat_plan GROUP BY sender_id, period, school_id
        UNION ALL
        SELECT sender_id, period, school_id, 0, 0, 0, 0, 0, 0, 0, count(*), coalesce(sum(delivered_minutes), 0), coalesce(sum(delivered_cents), 0)
        FROM stat_measure GROUP BY sender_id, period, school_id
      )
      GROUP BY sender_id, period, school_id`,
    sql`INSERT INTO stat_effect_count (period, unit, stratum, event, kind_code, units, reached)
      WITH k AS (
        SELECT DISTINCT sender_id, period, kind_code FROM stat_measure WHERE kind_code <> '' AND instr(kind_code, ',') = 0
      ), u AS (
        SELECT sender_id, period, 'risk' AS unit, risk_group || '|' || grade_band AS stratum, change = 'lessened' AS event,
          ',' || plan_kinds || ',' AS kinds, ',' || reached_kinds || ',' AS reached
        FROM stat_risk_outcome
        UNION ALL
        SELECT sender_id, period, 'plan', risk_groups || '|' || grade_band, outcome IN ${STAYED}, ',' || kinds || ',', ',' || delivered_kinds || ','
        FROM stat_plan WHERE outcome IS NOT NULL
      )
      SELECT period, unit, stratum, event, '', count(*), 0 FROM u GROUP BY period, unit, stratum, event
      UNION ALL
      SELECT u.period, u.unit, u.stratum, u.event, k.kind_code, count(*), sum(instr(u.reached, ',' || k.kind_code || ',') > 0)
      FROM u JOIN k ON k.sender_id = u.sender_id AND k.period = u.period
      WHERE instr(u.kinds, ',' || k.kind_code || ',') > 0 OR instr(u.reached, ',' || k.kind_code || ',') > 0
      GROUP BY u.period, u.unit, u.stratum, u.event, k.kind_code`,
  ];
  for (const s of statements) await s.execute(db);
}
