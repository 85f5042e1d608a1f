/**
 * The units behind an effectiveness estimate at a school, from its own
 * tables (docs/statistics.md):
 * - risks lessened: one unit per risk evaluated at semester end. Exposed: the
 *   risk was linked to a measure of the kind that had at least one delivery.
 *   Comparison: the risk's plan held no measure of the kind. Strata: risk
 *   group, grade band, semester.
 * - still in education: one unit per plan with a semester-end outcome.
 *   Exposed: the plan held a delivered measure of the kind. Comparison: the
 *   plan held none of the kind. Strata: grade band, semester and the set of
 *   risk groups present at screening.
 * Units that are neither (a measure of the kind that was never delivered, or
 * a risk in such a plan that the measure did not address) are left out.
 */
import { sql, type Kysely } from 'kysely';
import { estimateEffect, type EffectEstimate, type Stratum } from '../../../src-shared/domain/statistics/effectiveness';
import { gradeBand, STILL_IN_EDUCATION } from '../../../src-shared/domain/statistics/grade-band';
import type { DB } from '../../db/schema';

export interface KindEffect {
  kindCode: string;
  risksLessened: EffectEstimate;
  stillInEducation: EffectEstimate;
}

/**
 * Units counted per stratum (exposed or not, event or not): the input of the
 * stratified estimate. Shared by the school's and the authorities'
 * statistics. A unit may stand for n alike (grouped counts); strata come
 * out in the order of their keys, so the estimate does not depend on the
 * order rows arrived in.
 */
export function stratify(units: { stratum: string; exposed: boolean; event: boolean; n?: number }[]): Stratum[] {
  const byKey = new Map<string, Stratum>();
  for (const u of units) {
    const n = u.n ?? 1;
    const s = byKey.get(u.stratum) ?? { exposed: 0, exposedEvents: 0, comparison: 0, comparisonEvents: 0 };
    if (u.exposed) {
      s.exposed += n;
      if (u.event) s.exposedEvents += n;
    } else {
      s.comparison += n;
      if (u.event) s.comparisonEvents += n;
    }
    byKey.set(u.stratum, s);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

/** Effect estimates for one measure kind over the given semesters (all when empty). */
export async function kindEffect(db: Kysely<DB>, kindCode: string, semesterIds: readonly string[], threshold: number): Promise<KindEffect> {
  const inSemesters = semesterIds.length ? sql`AND p.semester_id IN (${sql.join(semesterIds.map((id) => sql`${id}`))})` : sql``;
  const risks = await sql<{
    semester_id: string;
    grade: number;
    education_level: 'general' | 'vocational';
    risk_group: string;
    change: string;
    linked: number;
    has_kind: number;
  }>`
    SELECT p.semester_id, s.grade, s.education_level, rf.risk_group, ro.change,
      EXISTS (SELECT 1 FROM measure m JOIN measure_risk mr ON mr.measure_id = m.id
              WHERE m.plan_id = p.id AND m.kind_code = ${kindCode} AND mr.risk_factor_id = ro.risk_factor_id
                AND EXISTS (SELECT 1 FROM delivery d WHERE d.measure_id = m.id)) AS linked,
      EXISTS (SELECT 1 FROM measure m WHERE m.plan_id = p.id AND m.kind_code = ${kindCode}) AS has_kind
    FROM risk_outcome ro
    JOIN plan p ON p.id = ro.plan_id
    JOIN student s ON s.id = p.student_id
    JOIN risk_factor rf ON rf.id = ro.risk_factor_id
    WHERE 1 = 1 ${inSemesters}`.execute(db);
  const riskUnits = risks.rows
    .filter((r) => r.linked || !r.has_kind)
    .map((r) => ({
      stratum: `${r.risk_group}|${gradeBand(r.grade, r.education_level)}|${r.semester_id}`,
      exposed: Boolean(r.linked),
      event: r.change === 'lessened',
    }));

  const plans = await sql<{
    semester_id: string;
    grade: number;
    education_level: 'general' | 'vocational';
    student_outcome: string;
    groups: string | null;
    delivered: number;
    has_kind: number;
  }>`
    SELECT p.semester_id, s.grade, s.education_level, po.student_outcome,
      (SELECT group_concat(g, ',') FROM (SELECT DISTINCT rf.risk_group AS g FROM screening sc
         JOIN screening_answer sa ON sa.screening_id = sc.id JOIN risk_factor rf ON rf.id = sa.risk_factor_id
         WHERE sc.student_id = p.student_id AND sc.semester_id = p.semester_id AND sa.answer = 'present' ORDER BY g)) AS groups,
      EXISTS (SELECT 1 FROM measure m WHERE m.plan_id = p.id AND m.kind_code = ${kindCode}
                AND EXISTS (SELECT 1 FROM delivery d WHERE d.measure_id = m.id)) AS delivered,
      EXISTS (SELECT 1 FROM measure m WHERE m.plan_id = p.id AND m.kind_code = ${kindCode}) AS has_kind
    FROM plan_outcome po
    JOIN plan p ON p.id = po.plan_id
    JOIN student s ON s.id = p.student_id
    WHERE 1 = 1 ${inSemesters}`.execute(db);
  const stillIn = new Set<string>(STILL_IN_EDUCATION);
  const planUnits = plans.rows
    .filter((r) => r.delivered || !r.has_kind)
    .map((r) => ({
      stratum: `${r.groups ?? ''}|${gradeBand(r.grade, r.education_level)}|${r.semester_id}`,
      exposed: Boolean(r.delivered),
      event: stillIn.has(r.student_outcome),
    }));
  return {
    kindCode,
    risksLessened: estimateEffect(stratify(riskUnits), threshold),
    stillInEducation: estimateEffect(stratify(planUnits), threshold),
  };
}
