/**
 * Channels for the year's work on a student: screening, the support plan
 * (IAP) and its measures, deliveries, semester end, and their configuration
 * (risk-level rule, measure kinds, rates and caps).
 */
import { z } from 'zod';
import { channel } from '../channel';
import {
  deliveryAddInputSchema,
  monthTotalsSchema,
  planDeliveriesSchema,
  spendingSchema,
} from '../../domain/delivery';
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
  'screening:get': channel(z.object({ studentId: idSchema, semesterId: idSchema }), screeningViewSchema),
  'screening:save': channel(screeningSaveInputSchema, screeningViewSchema),
  /** Active students with a present factor per risk group in a semester (default: the current one); counts only. */
  'screening:riskSummary': channel(z.object({ semesterId: idSchema.optional() }), riskSummarySchema),
  /** The configurable rule behind the risk level (school admin changes it; null resets). */
  'riskLevel:getRule': channel(z.object({}), levelRuleView),
  'riskLevel:saveRule': channel(z.object({ rule: riskLevelRuleSchema.nullable() }), levelRuleView),

  'plans:get': channel(planRefInputSchema, planViewSchema),
  'plans:listForStudent': channel(z.object({ studentId: idSchema }), z.array(planListItemSchema)),
  'plans:create': channel(planCreateInputSchema, planViewSchema),
  /** Goals, consent and measures: only while the plan is a draft. */
  'plans:update': channel(planUpdateInputSchema, planViewSchema),
  /** One step of the lifecycle (src-shared/domain/plan-lifecycle.ts). */
  'plans:transition': channel(planTransitionInputSchema, planViewSchema),
  'plans:delete': channel(planDeleteInputSchema, z.object({ deleted: z.literal(true) })),
  /** Next semester's draft from a plan: goals and measures still relevant. */
  'plans:startNext': channel(planStartNextInputSchema, planViewSchema),
  /** Plans waiting for the current user's action (home screen). */
  'plans:listWaiting': channel(z.object({}), z.array(waitingPlanSchema)),
  /** Plans by status in a semester (default: the current one). */
  'plans:summary': channel(z.object({ semesterId: idSchema.optional() }), planSummarySchema),
  /** The semester's open plans that need a semester-end evaluation, with progress (default: the current semester). */
  'plans:listOpen': channel(z.object({ semesterId: idSchema.optional() }), openPlanListSchema),

  'measureKinds:list': channel(z.object({}), z.array(measureKindSchema)),
  'measureKinds:update': channel(measureKindsUpdateInputSchema, z.array(measureKindSchema)),

  /** Each measure's deliveries with planned vs delivered. */
  'deliveries:listForPlan': channel(planRefInputSchema, planDeliveriesSchema),
  'deliveries:add': channel(deliveryAddInputSchema, planDeliveriesSchema),
  'deliveries:remove': channel(z.object({ deliveryId: idSchema }), planDeliveriesSchema),
  /** Counts and sums of a month (default: this month). */
  'deliveries:month': channel(z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'errors.field.month').optional() }), monthTotalsSchema),
  /** Spending per kind vs the per-student cap in a semester (default: the current one). */
  'deliveries:spending': channel(z.object({ semesterId: idSchema.optional() }), spendingSchema),

  'semesterEnd:get': channel(planRefInputSchema, semesterEndViewSchema),
  'semesterEnd:save': channel(semesterEndSaveInputSchema, semesterEndViewSchema),
  'semesterEnd:close': channel(semesterEndCloseInputSchema, semesterEndViewSchema),
} as const;
