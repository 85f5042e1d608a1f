/**
 * Kinds of support measures are configuration (the measure_kind table): a
 * school admin may rename them, set rates and caps, switch them off, or add
 * new ones. Migration 0003 seeds the default set from domain.md (8
 * consultation specialists, 6 compensations, NGO project participation),
 * with rates and caps NULL = no cap.
 *
 * rate_cents: for consultations, the cost of one hour (60 minutes); for
 *   compensations, a reference amount (e.g. one ticket); informational.
 * cap_cents: the most that may go to one student in one semester for this
 *   kind; for consultations it is compared with minutes × rate / 60.
 *   Going over needs a stated reason.
 */
import { z } from 'zod';

export const MEASURE_CATEGORIES = ['consultation', 'compensation', 'ngo'] as const;
export type MeasureCategory = (typeof MEASURE_CATEGORIES)[number];

export type MeasureUnit = 'minutes' | 'cents' | 'participation';
export const UNIT_OF: Record<MeasureCategory, MeasureUnit> = {
  consultation: 'minutes',
  compensation: 'cents',
  ngo: 'participation',
};

/** The largest amount any field takes: 10 million euros in cents. */
export const MAX_CENTS = 1_000_000_000;

export const measureKindSchema = z.object({
  code: z.string(),
  category: z.enum(MEASURE_CATEGORIES),
  unit: z.enum(['minutes', 'cents', 'participation']),
  labelLv: z.string(),
  labelEn: z.string(),
  rateCents: z.number().int().nullable(),
  capCents: z.number().int().nullable(),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type MeasureKind = z.infer<typeof measureKindSchema>;

const cents = z.number().int('errors.field.wholeCents').min(0, 'errors.field.tooSmall').max(MAX_CENTS, 'errors.field.tooBig').nullable();

export const measureKindInputSchema = z.object({
  code: z
    .string()
    .trim()
    .max(60, 'errors.measureKind.code')
    .regex(/^[a-z]+\.[a-zA-Z0-9]{1,40}$/, 'errors.measureKind.code'),
  category: z.enum(MEASURE_CATEGORIES, 'errors.field.notAllowed'),
  labelLv: z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.tooLong'),
  labelEn: z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.tooLong'),
  rateCents: cents,
  capCents: cents,
  active: z.boolean(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});
export type MeasureKindInput = z.input<typeof measureKindInputSchema>;

export const measureKindsUpdateInputSchema = z.object({ kinds: z.array(measureKindInputSchema).min(1).max(200) });
