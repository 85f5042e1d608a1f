/**
 * Channels for the year's work on a student: screening, the support plan
 * (IAP) and its measures, deliveries, semester end, and their configuration
 * (risk-level rule, measure kinds, rates and caps).
 */
import { z } from 'zod';
import { channel, EVERY_MODE, SCHOOL_ONLY, signedIn } from '../channel';
import { deliveryAddInputSchema, monthTotalsSchema, planDeliveriesSchema, spendingSchema } from '../../domain/delivery';
import { measureKindSchema, measureKindsUpdateInputSchema } from '../../domain/measure-kinds';
import {
  planCreateInputSchema,
  planDeleteInputSchema,
  planListItemSchema,
  planRefInputSchema,
  planStartNextInputSchema,
  planSummarySchema,
  planTransitionInputSchema,
  planUpdateInputSchema,
  planViewSchema,
  waitingPlanSchema,
} from '../../domain/plan';
import { idSchema } from '../../domain/plan-fields';
import { riskLevelRuleSchema } from '../../domain/risk-level';
import { riskSummarySchema, screeningSaveInputSchema, screeningViewSchema } from '../../domain/screening';
import { openPlanListSchema, semesterEndCloseInputSchema, semesterEndSaveInputSchema, semesterEndViewSchema } from '../../domain/semester-end';

const levelRuleView = z.object({ rule: riskLevelRuleSchema, isDefault: z.boolean() });

export const supportPlanChannels = {
  /** A student's screening in a semester, with group counts and the risk level. */
  'screening:get': channel(z.object({ studentId: idSchema, semesterId: idSchema }), screeningViewSchema, signedIn('school.read', SCHOOL_ONLY)),
  'screening:save': channel(screeningSaveInputSchema, screeningViewSchema, signedIn('screening.write', SCHOOL_ONLY)),
  /** Active students with a present factor per risk group in a semester (default: the current one); counts only. */
  'screening:riskSummary': channel(z.object({ semesterId: idSchema.optional() }), riskSummarySchema, signedIn('school.read', SCHOOL_ONLY)),
  /** The configurable rule behind the risk level (school admin changes it; null resets). */
  'riskLevel:getRule': channel(z.object({}), levelRuleView, signedIn('school.read', SCHOOL_ONLY)),
  'riskLevel:saveRule': channel(z.object({ rule: riskLevelRuleSchema.nullable() }), levelRuleView, signedIn('school.admin', SCHOOL_ONLY)),

  'plans:get': channel(planRefInputSchema, planViewSchema, signedIn('school.read', SCHOOL_ONLY)),
  'plans:listForStudent': channel(z.object({ studentId: idSchema }), z.array(planListItemSchema), signedIn('school.read', SCHOOL_ONLY)),
  'plans:create': channel(planCreateInputSchema, planViewSchema, signedIn('plan.write', SCHOOL_ONLY)),
  /** Goals, consent and measures: only while the plan is a draft. */
  'plans:update': channel(planUpdateInputSchema, planViewSchema, signedIn('plan.write', SCHOOL_ONLY)),
  /** One step of the lifecycle (src-shared/domain/plan-lifecycle.ts). */
  'plans:transition': channel(planTransitionInputSchema, planViewSchema, signedIn('school.read', SCHOOL_ONLY)),
  'plans:delete': channel(planDeleteInputSchema, z.object({ deleted: z.literal(true) }), signedIn('plan.write', SCHOOL_ONLY)),
  /** Next semester's draft from a plan: goals and measures still relevant. */
  'plans:startNext': channel(planStartNextInputSchema, planViewSchema, signedIn('plan.write', SCHOOL_ONLY)),
  /** Plans waiting for the current user's action (home screen). */
  'plans:listWaiting': channel(z.object({}), z.array(waitingPlanSchema), signedIn('school.read', SCHOOL_ONLY)),
  /** Plans by status in a semester (default: the current one). */
  'plans:summary': channel(z.object({ semesterId: idSchema.optional() }), planSummarySchema, signedIn('school.read', SCHOOL_ONLY)),
  /** The semester's open plans that need a semester-end evaluation, with progress (default: the current semester). */
  'plans:listOpen': channel(z.object({ semesterId: idSchema.optional() }), openPlanListSchema, signedIn('school.read', SCHOOL_ONLY)),

  'measureKinds:list': channel(z.object({}), z.array(measureKindSchema), signedIn('school.read', EVERY_MODE)),
  'measureKinds:update': channel(measureKindsUpdateInputSchema, z.array(measureKindSchema), signedIn('school.admin', SCHOOL_ONLY)),

  /** Each measure's deliveries with planned vs delivered. */
  'deliveries:listForPlan': channel(planRefInputSchema, planDeliveriesSchema, signedIn('school.read', SCHOOL_ONLY)),
  'deliveries:add': channel(deliveryAddInputSchema, planDeliveriesSchema, signedIn('delivery.write', SCHOOL_ONLY)),
  'deliveries:remove': channel(z.object({ deliveryId: idSchema }), planDeliveriesSchema, signedIn('delivery.write', SCHOOL_ONLY)),
  /** Counts and sums of a month (default: this month). */
  'deliveries:month': channel(
    z.object({
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'errors.field.month')
        .optional(),
    }),
    monthTotalsSchema,
    signedIn('school.read', SCHOOL_ONLY),
  ),
  /** Spending per kind vs the per-student cap in a semester (default: the current one). */
  'deliveries:spending': channel(z.object({ semesterId: idSchema.optional() }), spendingSchema, signedIn('school.read', SCHOOL_ONLY)),

  'semesterEnd:get': channel(planRefInputSchema, semesterEndViewSchema, signedIn('school.read', SCHOOL_ONLY)),
  'semesterEnd:save': channel(semesterEndSaveInputSchema, semesterEndViewSchema, signedIn('outcome.write', SCHOOL_ONLY)),
  'semesterEnd:close': channel(semesterEndCloseInputSchema, semesterEndViewSchema, signedIn('outcome.write', SCHOOL_ONLY)),
} as const;
