/**
 * The individual support plan (IAP): schemas of what travels over IPC, and
 * the plan ID code.
 */
import { z } from 'zod';
import { MAX_CENTS, MEASURE_CATEGORIES } from './measure-kinds';
import { commentSchema, idSchema, isoDaySchema, versionSchema } from './plan-fields';
import { PLAN_STATUSES, USER_PLAN_ACTIONS } from './plan-lifecycle';

export const CONSENT_RELATIONS = ['mother', 'father', 'guardian', 'other', 'student'] as const;
export type ConsentRelation = (typeof CONSENT_RELATIONS)[number];

export const GOALS_MAX = 4000;

/**
 * Plan ID code: `<school regNo>-<semester id>-<4-digit sequence>`, e.g.
 * `4313900456-2025/26-1-0007`. The sequence counts per semester and is never
 * reused, even after a draft is deleted (it is kept in the setting table).
 */
export function formatPlanCode(regNo: string, semesterId: string, seq: number): string {
  return `${regNo}-${semesterId}-${String(seq).padStart(4, '0')}`;
}
export const PLAN_CODE_SEQ_SETTING_PREFIX = 'plan.codeSeq.';

export const consentSchema = z.object({
  by: z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.tooLong'),
  relation: z.enum(CONSENT_RELATIONS, 'errors.field.notAllowed'),
  on: isoDaySchema,
});
export type Consent = z.infer<typeof consentSchema>;

const positiveMinutes = z.number().int('errors.field.wholeNumber').min(1, 'errors.field.tooSmall').max(100_000, 'errors.field.tooBig');
const plannedCents = z.number().int('errors.field.wholeCents').min(1, 'errors.field.tooSmall').max(MAX_CENTS, 'errors.field.tooBig');

export const measureInputSchema = z.object({
  /** Present for a measure already in the plan; absent for a new one. */
  id: idSchema.optional(),
  kindCode: idSchema,
  plannedMinutes: positiveMinutes.nullable().default(null),
  plannedCents: plannedCents.nullable().default(null),
  responsibleId: idSchema.nullable().default(null),
  startsOn: isoDaySchema,
  endsOn: isoDaySchema,
  justification: z.string().trim().min(1, 'errors.measure.justificationRequired').max(2000, 'errors.field.tooLong'),
  riskFactorIds: z.array(idSchema).max(100).default([]),
  /** NGO participation: the youth NGO initiative project (from the municipality's list) it joins. */
  youthProjectId: idSchema.nullable().default(null),
});
export type MeasureInput = z.input<typeof measureInputSchema>;
export type ParsedMeasureInput = z.output<typeof measureInputSchema>;

export const planCreateInputSchema = z.object({
  studentId: idSchema,
  semesterId: idSchema,
  goals: z.string().trim().max(GOALS_MAX, 'errors.field.tooLong').default(''),
});

export const planUpdateInputSchema = z.object({
  planId: idSchema,
  version: versionSchema,
  goals: z.string().trim().max(GOALS_MAX, 'errors.field.tooLong'),
  consent: consentSchema.nullable(),
  measures: z.array(measureInputSchema).max(50),
});
export type PlanUpdateInput = z.input<typeof planUpdateInputSchema>;

export const planTransitionInputSchema = z.object({
  planId: idSchema,
  version: versionSchema,
  action: z.enum(USER_PLAN_ACTIONS, 'errors.field.notAllowed'),
  comment: commentSchema.default(''),
});
export type PlanTransitionInput = z.input<typeof planTransitionInputSchema>;

export const planRefInputSchema = z.object({ planId: idSchema });
export const planDeleteInputSchema = z.object({ planId: idSchema, version: versionSchema });
export const planStartNextInputSchema = z.object({ previousPlanId: idSchema, semesterId: idSchema.optional() });

export const measureViewSchema = z.object({
  id: z.string(),
  kindCode: z.string(),
  category: z.enum(MEASURE_CATEGORIES),
  plannedMinutes: z.number().int().nullable(),
  plannedCents: z.number().int().nullable(),
  responsibleId: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  justification: z.string(),
  riskFactorIds: z.array(z.string()),
  youthProjectId: z.string().nullable(),
  version: z.number().int(),
});
export type MeasureView = z.infer<typeof measureViewSchema>;

export const statusChangeViewSchema = z.object({
  from: z.enum(PLAN_STATUSES).nullable(),
  to: z.enum(PLAN_STATUSES),
  comment: z.string(),
  changedBy: z.string(),
  changedAt: z.string(),
});

export const planViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  studentId: z.string(),
  semesterId: z.string(),
  status: z.enum(PLAN_STATUSES),
  goals: z.string(),
  authorId: z.string(),
  consent: consentSchema.nullable(),
  previousPlanId: z.string().nullable(),
  closedAt: z.string().nullable(),
  /**
   * Inactive because it was closed at semester end with its results (true),
   * not deactivated: closing needs the student's outcome, deactivating not.
   */
  completed: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  measures: z.array(measureViewSchema),
  history: z.array(statusChangeViewSchema),
  /** What the current user may do next. */
  allowedActions: z.array(z.enum(USER_PLAN_ACTIONS)),
  deletable: z.boolean(),
});
export type PlanView = z.infer<typeof planViewSchema>;

export const planListItemSchema = z.object({
  id: z.string(),
  code: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  classLabel: z.string(),
  semesterId: z.string(),
  status: z.enum(PLAN_STATUSES),
  authorId: z.string(),
  updatedAt: z.string(),
});
export type PlanListItem = z.infer<typeof planListItemSchema>;

/** Why a plan waits for the current user (home screen). */
export const WAITING_REASONS = ['toApprove', 'draft', 'returned', 'toStart', 'underReview', 'semesterEnded'] as const;
export type WaitingReason = (typeof WAITING_REASONS)[number];
export const waitingPlanSchema = planListItemSchema.extend({
  reason: z.enum(WAITING_REASONS),
  /** The student's grade and level, so the class reads "8.a" (or a vocational course). */
  grade: z.number().int(),
  educationLevel: z.enum(['general', 'vocational']),
  /** Who sent the plan into its current status (for a director: who submitted it), and when; null when unknown. */
  sentBy: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export type WaitingPlan = z.infer<typeof waitingPlanSchema>;

export const planSummarySchema = z.object({
  semesterId: z.string().nullable(),
  total: z.number().int(),
  byStatus: z.object(Object.fromEntries(PLAN_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof PLAN_STATUSES)[number], z.ZodNumber>),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;
