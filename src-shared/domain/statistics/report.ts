/**
 * What the statistics screen shows: count tables per semester, broken down
 * by one dimension, and effect estimates per measure kind. Shared by main
 * (which computes them) and the renderer (which shows them).
 */
import { z } from 'zod';

export const BREAKDOWNS = ['none', 'gradeBand', 'gender', 'educationLevel'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** One row of a count table: its key (a status, a group, a factor id…), counts per breakdown column, and the total. */
export const statRowSchema = z.object({
  key: z.string(),
  labelLv: z.string().optional(),
  labelEn: z.string().optional(),
  values: z.array(z.number().int().nonnegative()),
  total: z.number().int().nonnegative(),
});

export const STAT_TABLES = ['students', 'riskGroups', 'riskFactors', 'plansByStatus', 'outcomes'] as const;
export const statTableSchema = z.object({
  id: z.enum(STAT_TABLES),
  rows: z.array(statRowSchema),
});

export const measureRowSchema = z.object({
  kindCode: z.string(),
  labelLv: z.string(),
  labelEn: z.string(),
  category: z.enum(['consultation', 'compensation', 'ngo']),
  plans: z.number().int().nonnegative(),
  measures: z.number().int().nonnegative(),
  plannedMinutes: z.number().int().nonnegative(),
  deliveredMinutes: z.number().int().nonnegative(),
  plannedCents: z.number().int().nonnegative(),
  deliveredCents: z.number().int().nonnegative(),
  participations: z.number().int().nonnegative(),
});

export const statOverviewSchema = z.object({
  semesterId: z.string().nullable(),
  breakdown: z.enum(BREAKDOWNS),
  /** Breakdown column keys (e.g. '1-4', 'female'); ['all'] without a breakdown. */
  columns: z.array(z.string()),
  tables: z.array(statTableSchema),
  measures: z.array(measureRowSchema),
});
export type StatOverview = z.infer<typeof statOverviewSchema>;
export type StatTable = z.infer<typeof statTableSchema>;

const estimateSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('estimate'),
    difference: z.number(),
    lower: z.number(),
    upper: z.number(),
    method: z.enum(['newcombe', 'mantel-haenszel']),
    exposed: z.number().int(),
    comparison: z.number().int(),
    exposedShare: z.number(),
    comparisonShare: z.number(),
    strata: z.number().int(),
  }),
  z.object({ kind: z.literal('notEnoughData'), exposed: z.number().int(), comparison: z.number().int() }),
]);

export const kindEffectSchema = z.object({
  kindCode: z.string(),
  labelLv: z.string(),
  labelEn: z.string(),
  risksLessened: estimateSchema,
  stillInEducation: estimateSchema,
});
export const statEffectivenessSchema = z.object({ threshold: z.number().int(), kinds: z.array(kindEffectSchema) });
export type StatEffectiveness = z.infer<typeof statEffectivenessSchema>;
