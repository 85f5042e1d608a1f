/**
 * The risks present for a student in a semester: the factors their screening
 * that semester answered `present`. Plans answer these (a measure must name
 * one), semester end evaluates them, and the next plan carries forward the
 * measures whose risks are still there.
 */
import type { Db } from './schema';

export async function presentRiskFactorIds(db: Db, studentId: string, semesterId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('screening_answer')
    .innerJoin('screening', 'screening.id', 'screening_answer.screening_id')
    .select('screening_answer.risk_factor_id')
    .where('screening.student_id', '=', studentId)
    .where('screening.semester_id', '=', semesterId)
    .where('screening_answer.answer', '=', 'present')
    .execute();
  return new Set(rows.map((r) => r.risk_factor_id));
}
