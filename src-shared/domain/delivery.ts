/**
 * Deliveries: what was actually given under a measure — a consultation
 * session, a compensation payment, or participation in an NGO project.
 */
import { z } from 'zod';
import { MAX_CENTS, MEASURE_CATEGORIES } from './measure-kinds';
import { idSchema, isoDaySchema } from './plan-fields';

export const NOTE_MAX = 500;

export const deliveryAddInputSchema = z.object({
  measureId: idSchema,
  deliveredOn: isoDaySchema,
  /** Consultations: who gave it (defaults to the person recording). */
  specialistId: idSchema.nullable().default(null),
  minutes: z.number().int('errors.field.wholeNumber').min(1, 'errors.field.tooSmall').max(1440, 'errors.field.tooBig').nullable().default(null),
  studentConfirmed: z.boolean().nullable().default(null),
  cents: z.number().int('errors.field.wholeCents').min(1, 'errors.field.tooSmall').max(MAX_CENTS, 'errors.field.tooBig').nullable().default(null),
  receiptRef: z.string().trim().max(100, 'errors.field.tooLong').nullable().default(null),
  note: z.string().trim().max(NOTE_MAX, 'errors.field.tooLong').default(''),
  overPlanReason: z.string().trim().max(NOTE_MAX, 'errors.field.tooLong').nullable().default(null),
});
export type DeliveryAddInput = z.input<typeof deliveryAddInputSchema>;

export const deliveryViewSchema = z.object({
  id: z.string(),
  measureId: z.string(),
  deliveredOn: z.string(),
  specialistId: z.string().nullable(),
  minutes: z.number().int().nullable(),
  studentConfirmed: z.boolean().nullable(),
  cents: z.number().int().nullable(),
  receiptRef: z.string().nullable(),
  note: z.string(),
  overPlanReason: z.string().nullable(),
  recordedBy: z.string(),
  createdAt: z.string(),
  /** The current user may remove it (recorder on the same day, or a coordinator). */
  removable: z.boolean(),
});
export type DeliveryView = z.infer<typeof deliveryViewSchema>;

export const measureDeliveriesSchema = z.object({
  measureId: z.string(),
  kindCode: z.string(),
  category: z.enum(MEASURE_CATEGORIES),
  startsOn: z.string(),
  endsOn: z.string(),
  /** The person the plan names as responsible for the measure, if any. */
  responsibleId: z.string().nullable(),
  /** In the measure's unit: minutes, cents, or participations (planned null). */
  planned: z.number().int().nullable(),
  delivered: z.number().int(),
  count: z.number().int(),
  deliveries: z.array(deliveryViewSchema),
});
export type MeasureDeliveries = z.infer<typeof measureDeliveriesSchema>;

export const planDeliveriesSchema = z.object({
  planId: z.string(),
  status: z.string(),
  measures: z.array(measureDeliveriesSchema),
});

export const monthTotalsSchema = z.object({
  month: z.string(),
  count: z.number().int(),
  recordedByMe: z.number().int(),
  consultationMinutes: z.number().int(),
  compensationCents: z.number().int(),
  ngoParticipations: z.number().int(),
  students: z.number().int(),
});
export type MonthTotals = z.infer<typeof monthTotalsSchema>;

export const kindSpendingSchema = z.object({
  kindCode: z.string(),
  category: z.enum(MEASURE_CATEGORIES),
  labelLv: z.string(),
  labelEn: z.string(),
  capCents: z.number().int().nullable(),
  spentCents: z.number().int(),
  students: z.number().int(),
  studentsOverCap: z.number().int(),
});
export const spendingSchema = z.object({ semesterId: z.string().nullable(), kinds: z.array(kindSpendingSchema) });
export type Spending = z.infer<typeof spendingSchema>;
