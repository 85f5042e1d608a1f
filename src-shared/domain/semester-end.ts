/**
 * Semester end: how each measure was delivered, how each risk present in the
 * screening changed, and what became of the student. Closing the plan needs
 * all of them.
 */
import { z } from 'zod';
import { MEASURE_CATEGORIES } from './measure-kinds';
import { idSchema, versionSchema } from './plan-fields';

export const DELIVERED_LEVELS = ['full', 'partial', 'none'] as const;
export const RISK_CHANGES = ['lessened', 'unchanged', 'grew'] as const;
export const STUDENT_OUTCOMES = ['continues', 'extendedYear', 'repeatsYear', 'movedSchool', 'leftEducation', 'graduated'] as const;
export type DeliveredLevel = (typeof DELIVERED_LEVELS)[number];
export type RiskChange = (typeof RISK_CHANGES)[number];
export type StudentOutcome = (typeof STUDENT_OUTCOMES)[number];

export const semesterEndSaveInputSchema = z.object({
  planId: idSchema,
  version: versionSchema,
  measures: z.array(z.object({ measureId: idSchema, delivered: z.enum(DELIVERED_LEVELS, 'errors.field.notAllowed') })).max(50),
  risks: z.array(z.object({ riskFactorId: idSchema, change: z.enum(RISK_CHANGES, 'errors.field.notAllowed') })).max(500),
  studentOutcome: z.enum(STUDENT_OUTCOMES, 'errors.field.notAllowed').nullable(),
  note: z.string().trim().max(2000, 'errors.field.tooLong').default(''),
});
export type SemesterEndSaveInput = z.input<typeof semesterEndSaveInputSchema>;

export const semesterEndCloseInputSchema = z.object({ planId: idSchema, version: versionSchema });

export const semesterEndViewSchema = z.object({
  planId: z.string(),
  status: z.string(),
  version: z.number().int(),
  measures: z.array(
    z.object({
      measureId: z.string(),
      kindCode: z.string(),
      category: z.enum(MEASURE_CATEGORIES),
      planned: z.number().int().nullable(),
      delivered: z.number().int(),
      evaluation: z.enum(DELIVERED_LEVELS).nullable(),
    }),
  ),
  risks: z.array(z.object({ riskFactorId: z.string(), labelLv: z.string(), labelEn: z.string(), change: z.enum(RISK_CHANGES).nullable() })),
  studentOutcome: z.enum(STUDENT_OUTCOMES).nullable(),
  note: z.string(),
  /** Every evaluation is in: the plan may be closed. */
  complete: z.boolean(),
});
export type SemesterEndView = z.infer<typeof semesterEndViewSchema>;

/** Field errors for each missing evaluation; [] when the plan may be closed. */
export function missingEvaluations(view: Pick<SemesterEndView, 'measures' | 'risks' | 'studentOutcome'>) {
  const problems: { path: string; messageKey: string; params?: Record<string, string> }[] = [];
  view.measures.forEach((m, i) => {
    if (m.evaluation === null)
      problems.push({ path: `measures.${i}.delivered`, messageKey: 'errors.semesterEnd.measureMissing', params: { measureId: m.measureId } });
  });
  view.risks.forEach((r, i) => {
    if (r.change === null) problems.push({ path: `risks.${i}.change`, messageKey: 'errors.semesterEnd.riskMissing', params: { factorId: r.riskFactorId } });
  });
  if (view.studentOutcome === null) problems.push({ path: 'studentOutcome', messageKey: 'errors.semesterEnd.outcomeMissing' });
  return problems;
}

/**
 * A plan on the semester-end overview (`plans:listOpen`): still open, so it
 * needs its evaluation; `evaluated` of `toEvaluate` counts the measures, the
 * risks and the student's outcome already recorded. `studentName` is
 * "Last First", as the overview sorts it.
 */
export const openPlanItemSchema = z.object({
  id: z.string(),
  code: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  educationLevel: z.enum(['general', 'vocational']),
  grade: z.number().int(),
  classLabel: z.string(),
  status: z.enum(['approved', 'active', 'underReview', 'suspended']),
  evaluated: z.number().int(),
  toEvaluate: z.number().int(),
});
export type OpenPlanItem = z.infer<typeof openPlanItemSchema>;
export const openPlanListSchema = z.object({ semesterId: z.string().nullable(), plans: z.array(openPlanItemSchema) });
export type OpenPlanList = z.infer<typeof openPlanListSchema>;
