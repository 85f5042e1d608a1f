import { sql, type Kysely } from 'kysely';

/**
 * Summary counts of a semester's overview (issue 11, the national
 * overviews at speed), so an overview of everything held or of one sender
 * sums a few hundred counts per sender instead of reading the semester's
 * student, factor, plan and measure rows:
 *
 * - stat_overview_count: per (period, sender, table, key, grade band,
 *   gender, education level) the count of one overview cell: table
 *   'students' (screened students, key 'atRisk' | 'notAtRisk'),
 *   'riskGroups' (distinct students per risk group), 'riskFactors' (per
 *   factor key), 'plansByStatus' (per status), 'outcomes' (evaluated plans
 *   per outcome). A breakdown sums over the other two dimensions.
 * - stat_overview_all: the same cells summed over every sender, per
 *   (period, table, key, grade band, gender, education level): the overview
 *   of everything held reads a few hundred rows a semester. Each import
 *   subtracts its (sender, period)'s cells before replacing them and adds
 *   the new ones (as stat_effect_count is kept).
 * - stat_overview_measure: per (period, sender, kind, category) the distinct
 *   plans holding the kind, the measures, planned and delivered minutes and
 *   cents, deliveries, approved and paid cents (NULL when no measure of the
 *   group carried one, as sum() gives).
 *
 * Per sender, not per school: a school's overview reads its own rows (the
 * (period, school_id) indexes), a sender's or the state's sums these.
 * Raw counts: small-cell protection is applied after, as before.
 * Rebuilt per (sender, period) at each import by
 * src-main/services/statistics/analytic-model.ts with the same SQL as
 * below; backfilled here from the analytic rows already held.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE stat_overview_count (
      period TEXT NOT NULL,
      sender_id TEXT NOT NULL,
      tbl TEXT NOT NULL CHECK (tbl IN ('students', 'riskGroups', 'riskFactors', 'plansByStatus', 'outcomes')),
      key TEXT NOT NULL,
      grade_band TEXT NOT NULL,
      gender TEXT NOT NULL,
      education_level TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (period, sender_id, tbl, key, grade_band, gender, education_level)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE TABLE stat_overview_all (
      period TEXT NOT NULL,
      tbl TEXT NOT NULL,
      key TEXT NOT NULL,
      grade_band TEXT NOT NULL,
      gender TEXT NOT NULL,
      education_level TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (period, tbl, key, grade_band, gender, education_level)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE TABLE stat_overview_measure (
      period TEXT NOT NULL,
      sender_id TEXT NOT NULL,
      kind_code TEXT NOT NULL,
      category TEXT NOT NULL,
      plans INTEGER NOT NULL,
      measures INTEGER NOT NULL,
      planned_minutes INTEGER NOT NULL,
      planned_cents INTEGER NOT NULL,
      delivered_minutes INTEGER NOT NULL,
      delivered_cents INTEGER NOT NULL,
      deliveries INTEGER NOT NULL,
      approved_cents INTEGER,
      paid_cents INTEGER,
      PRIMARY KEY (period, sender_id, kind_code, category)
    ) STRICT, WITHOUT ROWID`,
    sql`INSERT INTO stat_overview_count (period, sender_id, tbl, key, grade_band, gender, education_level, n)
      SELECT period, sender_id, 'students', CASE WHEN at_risk = 1 THEN 'atRisk' ELSE 'notAtRisk' END AS k, grade_band, gender, education_level, count(*)
      FROM stat_student WHERE screened = 1 GROUP BY period, sender_id, k, grade_band, gender, education_level
      UNION ALL
      SELECT period, sender_id, 'riskGroups', risk_group, grade_band, gender, education_level, count(*)
      FROM (SELECT DISTINCT period, sender_id, student_id, risk_group, grade_band, gender, education_level FROM stat_factor)
      GROUP BY period, sender_id, risk_group, grade_band, gender, education_level
      UNION ALL
      SELECT period, sender_id, 'riskFactors', factor_key, grade_band, gender, education_level, count(*)
      FROM stat_factor GROUP BY period, sender_id, factor_key, grade_band, gender, education_level
      UNION ALL
      SELECT period, sender_id, 'plansByStatus', status, grade_band, gender, education_level, count(*)
      FROM stat_plan GROUP BY period, sender_id, status, grade_band, gender, education_level
      UNION ALL
      SELECT period, sender_id, 'outcomes', outcome, grade_band, gender, education_level, count(*)
      FROM stat_plan WHERE outcome IS NOT NULL GROUP BY period, sender_id, outcome, grade_band, gender, education_level`,
    sql`INSERT INTO stat_overview_all (period, tbl, key, grade_band, gender, education_level, n)
      SELECT period, tbl, key, grade_band, gender, education_level, sum(n) FROM stat_overview_count
      GROUP BY period, tbl, key, grade_band, gender, education_level`,
    sql`INSERT INTO stat_overview_measure (period, sender_id, kind_code, category, plans, measures, planned_minutes, planned_cents, delivered_minutes,
        delivered_cents, deliveries, approved_cents, paid_cents)
      SELECT period, sender_id, kind_code, category, count(DISTINCT plan_id), count(*), sum(planned_minutes), sum(planned_cents), sum(delivered_minutes),
        sum(delivered_cents), sum(deliveries), sum(approved_cents), sum(paid_cents)
      FROM stat_measure GROUP BY period, sender_id, kind_code, category`,
  ];
  for (const s of statements) await s.execute(db);
}
