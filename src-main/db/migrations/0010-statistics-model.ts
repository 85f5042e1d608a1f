import { sql, type Kysely } from 'kysely';

/**
 * The analytic model of a municipality and the state (issue 11): typed
 * tables derived from imported_record, one set of rows per (sender,
 * period), rebuilt in the same transaction as each import
 * (src-main/services/statistics/analytic-model.ts), so dashboards never
 * parse JSON. Keys are the sender's record ids (at the state, opaque ids);
 * the student's breakdown values (gender, education level, grade band) are
 * copied onto each row so that every dashboard query is one table scan.
 *
 * stat_source records which (sender, period) has been built, so data
 * imported before this migration is built on first use.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE stat_source (
      sender_id TEXT NOT NULL,
      period TEXT NOT NULL,
      built_at TEXT NOT NULL,
      PRIMARY KEY (sender_id, period)
    ) STRICT`,
    sql`CREATE TABLE stat_student (
      sender_id TEXT NOT NULL,
      period TEXT NOT NULL,
      school_id TEXT NOT NULL,
      student_id TEXT NOT NULL,
      gender TEXT NOT NULL,
      education_level TEXT NOT NULL,
      grade_band TEXT NOT NULL,
      screened INTEGER NOT NULL CHECK (screened IN (0, 1)),
      at_risk INTEGER NOT NULL CHECK (at_risk IN (0, 1)),
      risk_groups TEXT NOT NULL,
      PRIMARY KEY (sender_id, period, student_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX stat_student_period ON stat_student (period, school_id)`,
    sql`CREATE TABLE stat_factor (
      sender_id TEXT NOT NULL,
      period TEXT NOT NULL,
      school_id TEXT NOT NULL,
      student_id TEXT NOT NULL,
      factor_key TEXT NOT NULL,
      risk_group TEXT NOT NULL,
      gender TEXT NOT NULL,
      education_level TEXT NOT NULL,
      grade_band TEXT NOT NULL,
      PRIMARY KEY (sender_id, period, student_id, factor_key)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX stat_factor_period ON stat_factor (period, school_id)`,
    sql`CREATE TABLE stat_plan (
      sender_id TEXT NOT NULL,
      period TEXT NOT NULL,
      school_id TEXT NOT NULL,
      plan_id TEXT NOT NULL,
      student_id TEXT NOT NULL,
      status TEXT NOT NULL,
      outcome TEXT,
      gender TEXT NOT NULL,
      education_level TEXT NOT NULL,
      grade_band TEXT NOT NULL,
      risk_groups TEXT NOT NULL,
      PRIMARY KEY (sender_id, period, plan_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX stat_plan_period ON stat_plan (period, school_id)`,
    sql`CREATE TABLE stat_measure (
      sender_id TEXT NOT NULL,
      period TEXT NOT NULL,
      school_id TEXT NOT NULL,
      measure_id TEXT NOT NULL,
      plan_id TEXT NOT NULL,
      kind_code TEXT NOT NULL,
      category TEXT NOT NULL,
      planned_minutes INTEGER NOT NULL,
      planned_cents INTEGER NOT NULL,
      deliveries INTEGER NOT NULL,
      delivered_minutes INTEGER NOT NULL,
      delivered_cents INTEGER NOT NULL,
      approved_cents INTEGER,
      paid_cents INTEGER,
      gender TEXT NOT NULL,
      education_level TEXT NOT NULL,
      grade_band TEXT NOT NULL,
      PRIMARY KEY (sender_id, period, measure_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX stat_measure_period ON stat_measure (period, school_id)`,
    sql`CREATE INDEX stat_measure_plan ON stat_measure (sender_id, period, plan_id)`,
    sql`CREATE TABLE stat_measure_risk (
      sender_id TEXT NOT NULL,
      period TEXT NOT NULL,
      measure_id TEXT NOT NULL,
      factor_key TEXT NOT NULL,
      PRIMARY KEY (sender_id, period, measure_id, factor_key)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE TABLE stat_risk_outcome (
      sender_id TEXT NOT NULL,
      period TEXT NOT NULL,
      school_id TEXT NOT NULL,
      plan_id TEXT NOT NULL,
      factor_key TEXT NOT NULL,
      risk_group TEXT NOT NULL,
      change TEXT NOT NULL,
      grade_band TEXT NOT NULL,
      PRIMARY KEY (sender_id, period, plan_id, factor_key)
    ) STRICT, WITHOUT ROWID`,
  ];
  for (const s of statements) await s.execute(db);
}
