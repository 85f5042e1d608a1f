import { sql, type Kysely } from 'kysely';

/**
 * Typed rows for the two slow screens of an authority (issues 9 and 11),
 * filled in the same transaction as each import and backfilled here from
 * what is already held, so neither screen parses JSON when it opens.
 *
 * - queue_plan / queue_measure: the municipality's decision queue. One row
 *   per live imported plan (with its student's grade and class label) and
 *   per live imported measure (with the category its sender's measure kind
 *   record gives), of school reports only (a plan with a code; the state
 *   report's minimised plans carry none and are never decided on).
 *   Rebuilt per (sender, period) by src-main/services/decisions/queue-model.ts
 *   with the same SQL as below.
 * - effect columns of the analytic model: each plan's measure kinds and the
 *   kinds delivered (stat_plan), each evaluated risk's plan kinds and the
 *   kinds that reached it (delivered and linked to that risk;
 *   stat_risk_outcome), sorted and comma-separated, so the effect
 *   estimates group rows by them instead of two subqueries per row.
 *   Filled by src-main/services/statistics/analytic-model.ts
 *   (fillEffectColumns) with the same SQL as below. An index on the
 *   measure kind lists the kinds without reading every measure.
 */
const KINDS = (alias: string, extra = sql``) => sql`coalesce((SELECT group_concat(k, ',') FROM (SELECT DISTINCT m.kind_code AS k FROM stat_measure m
  WHERE m.sender_id = ${sql.raw(alias)}.sender_id AND m.period = ${sql.raw(alias)}.period AND m.plan_id = ${sql.raw(alias)}.plan_id ${extra} ORDER BY k)), '')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`CREATE TABLE queue_plan (
      sender_id TEXT NOT NULL,
      period TEXT NOT NULL,
      plan_id TEXT NOT NULL,
      code TEXT NOT NULL,
      status TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      grade INTEGER,
      class_label TEXT,
      PRIMARY KEY (period, sender_id, plan_id)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE TABLE queue_measure (
      sender_id TEXT NOT NULL,
      period TEXT NOT NULL,
      plan_id TEXT NOT NULL,
      measure_id TEXT NOT NULL,
      kind_code TEXT NOT NULL,
      category TEXT,
      planned_cents INTEGER,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (period, sender_id, plan_id, measure_id)
    ) STRICT, WITHOUT ROWID`,
    sql`INSERT INTO queue_plan (sender_id, period, plan_id, code, status, updated_at, grade, class_label)
      SELECT p.sender_id, p.period, p.record_id, json_extract(p.record, '$.code'), json_extract(p.record, '$.status'), json_extract(p.record, '$.updatedAt'),
        json_extract(s.record, '$.grade'), json_extract(s.record, '$.classLabel')
      FROM imported_record p
      LEFT JOIN imported_record s ON s.sender_id = p.sender_id AND s.period = p.period AND s.record_type = 'student' AND s.record_id = json_extract(p.record, '$.studentId')
      WHERE p.record_type = 'plan' AND p.withdrawn_at IS NULL AND json_type(p.record, '$.code') = 'text'`,
    sql`INSERT INTO queue_measure (sender_id, period, plan_id, measure_id, kind_code, category, planned_cents, updated_at)
      SELECT m.sender_id, m.period, json_extract(m.record, '$.planId'), m.record_id, json_extract(m.record, '$.kindCode'), json_extract(k.record, '$.category'),
        json_extract(m.record, '$.plannedCents'), json_extract(m.record, '$.updatedAt')
      FROM imported_record m
      LEFT JOIN imported_record k ON k.sender_id = m.sender_id AND k.period = m.period AND k.record_type = 'measureKind' AND k.record_id = json_extract(m.record, '$.kindCode') AND k.withdrawn_at IS NULL
      WHERE m.record_type = 'measure' AND m.withdrawn_at IS NULL AND json_type(m.record, '$.kindCode') = 'text' AND json_type(m.record, '$.updatedAt') = 'text'`,
    sql`ALTER TABLE stat_plan ADD COLUMN kinds TEXT NOT NULL DEFAULT ''`,
    sql`ALTER TABLE stat_plan ADD COLUMN delivered_kinds TEXT NOT NULL DEFAULT ''`,
    sql`ALTER TABLE stat_risk_outcome ADD COLUMN plan_kinds TEXT NOT NULL DEFAULT ''`,
    sql`ALTER TABLE stat_risk_outcome ADD COLUMN reached_kinds TEXT NOT NULL DEFAULT ''`,
    sql`CREATE INDEX stat_measure_kind ON stat_measure (kind_code)`,
    sql`UPDATE stat_plan SET kinds = ${KINDS('stat_plan')}, delivered_kinds = ${KINDS('stat_plan', sql`AND m.deliveries > 0`)}`,
    sql`UPDATE stat_risk_outcome SET plan_kinds = ${KINDS('stat_risk_outcome')}, reached_kinds = ${KINDS(
      'stat_risk_outcome',
      sql`AND m.deliveries > 0 AND EXISTS (SELECT 1 FROM stat_measure_risk mr WHERE mr.sender_id = m.sender_id AND mr.period = m.period AND mr.measure_id = m.measure_id AND mr.factor_key = stat_risk_outcome.factor_key)`,
    )}`,
  ];
  for (const s of statements) await s.execute(db);
}
