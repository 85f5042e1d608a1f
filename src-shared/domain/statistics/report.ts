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
  /** null: hidden (small-cell protection, suppress-report.ts). */
  values: z.array(z.number().int().nonnegative().nullable()),
  total: z.number().int().nonnegative().nullable(),
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
  plans: z.number().int().nonnegative().nullable(),
  measures: z.number().int().nonnegative().nullable(),
  plannedMinutes: z.number().int().nonnegative().nullable(),
  deliveredMinutes: z.number().int().nonnegative().nullable(),
  plannedCents: z.number().int().nonnegative().nullable(),
  deliveredCents: z.number().int().nonnegative().nullable(),
  participations: z.number().int().nonnegative().nullable(),
  /** Compensations the municipality approved and paid (authority modes; null where unknown or hidden). */
  approvedCents: z.number().int().nonnegative().nullable().optional(),
  paidCents: z.number().int().nonnegative().nullable().optional(),
});

/** Figures per school (municipality) or per municipality (state): the drill-down table. */
export const UNIT_METRICS = ['screened', 'atRisk', 'plans', 'measures', 'evaluated', 'stillInEducation', 'leftEducation'] as const;
export type UnitMetric = (typeof UNIT_METRICS)[number];
export const unitTableSchema = z.object({
  level: z.enum(['school', 'municipality']),
  rows: z.array(z.object({ id: z.string(), name: z.string(), values: z.array(z.number().int().nonnegative().nullable()) })),
  totals: z.array(z.number().int().nonnegative().nullable()),
});
export type UnitTable = z.infer<typeof unitTableSchema>;

export const statOverviewSchema = z.object({
  semesterId: z.string().nullable(),
  breakdown: z.enum(BREAKDOWNS),
  /** Breakdown column keys (e.g. '1-4', 'female'); ['all'] without a breakdown. */
  columns: z.array(z.string()),
  tables: z.array(statTableSchema),
  measures: z.array(measureRowSchema),
  /** Authority modes: the threshold under which counts are hidden (null: exact figures, the school's own screen). */
  threshold: z.number().int().positive().nullable().optional(),
  /** Authority modes: the figures per school / municipality in scope. */
  units: unitTableSchema.nullable().optional(),
  /** Authority modes: the scope shown (null: everything this installation holds). */
  scope: z.object({ senderId: z.string().nullable(), schoolId: z.string().nullable(), name: z.string().nullable() }).nullable().optional(),
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
  z.object({ kind: z.literal('notEnoughData'), exposed: z.number().int().nullable(), comparison: z.number().int().nullable() }),
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

/** Key figures per semester, for trends (authority modes hide small counts). */
export const TREND_METRICS = [
  'screened',
  'atRisk',
  'plans',
  'measures',
  'deliveredHours',
  'deliveredCents',
  'evaluated',
  'stillInEducation',
  'leftEducation',
] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];
export const statTrendsSchema = z.object({
  rows: z.array(z.object({ semesterId: z.string(), values: z.array(z.number().nonnegative().nullable()) })),
  threshold: z.number().int().positive().nullable(),
});
export type StatTrends = z.infer<typeof statTrendsSchema>;
