/**
 * Screening: for one student in one semester, each risk factor of the
 * catalogue is present, absent or unknown; every present factor carries a
 * justification. Summaries count present and unknown answers per group.
 */
import { z } from 'zod';
import { idSchema, isoDaySchema, versionSchema } from './plan-fields';
import { computeRiskLevel, RISK_LEVELS, type RiskLevelResult, type RiskLevelRule } from './risk-level';

export const SCREENING_GROUPS = ['school', 'personal', 'family', 'economic'] as const;
export type ScreeningGroup = (typeof SCREENING_GROUPS)[number];

export const ANSWERS = ['present', 'absent', 'unknown'] as const;
export type Answer = (typeof ANSWERS)[number];

export const JUSTIFICATION_MAX = 2000;

export const screeningAnswerInputSchema = z.object({
  riskFactorId: idSchema,
  answer: z.enum(ANSWERS, 'errors.field.notAllowed'),
  justification: z.string().trim().max(JUSTIFICATION_MAX, 'errors.field.tooLong').default(''),
});

export const screeningSaveInputSchema = z.object({
  studentId: idSchema,
  semesterId: idSchema,
  screenedOn: isoDaySchema.optional(),
  note: z.string().trim().max(JUSTIFICATION_MAX, 'errors.field.tooLong').default(''),
  answers: z.array(screeningAnswerInputSchema).max(500),
  /** The version read; omit when creating. */
  version: versionSchema.optional(),
});
export type ScreeningSaveInput = z.input<typeof screeningSaveInputSchema>;

export const screeningFactorSchema = z.object({
  id: z.string(),
  group: z.enum(SCREENING_GROUPS),
  labelLv: z.string(),
  labelEn: z.string(),
  retired: z.boolean(),
  answer: z.enum(ANSWERS),
  justification: z.string(),
});
export type ScreeningFactor = z.infer<typeof screeningFactorSchema>;

export const groupSummarySchema = z.object({
  group: z.enum(SCREENING_GROUPS),
  present: z.number().int(),
  unknown: z.number().int(),
  absent: z.number().int(),
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;

export const riskLevelResultSchema = z.object({
  level: z.enum(RISK_LEVELS),
  reasons: z.array(z.object({ key: z.string(), params: z.record(z.string(), z.number()) })),
});

export const screeningViewSchema = z.object({
  studentId: z.string(),
  semesterId: z.string(),
  /** Null until the first save. */
  id: z.string().nullable(),
  screenedOn: z.string().nullable(),
  screenedBy: z.string().nullable(),
  note: z.string(),
  version: z.number().int().nullable(),
  factors: z.array(screeningFactorSchema),
  groups: z.array(groupSummarySchema),
  level: riskLevelResultSchema,
});
export type ScreeningView = z.infer<typeof screeningViewSchema>;

/** Counts per group, always all four groups, in catalogue order. */
export function summarizeByGroup(factors: readonly Pick<ScreeningFactor, 'group' | 'answer'>[]): GroupSummary[] {
  return SCREENING_GROUPS.map((group) => {
    const inGroup = factors.filter((f) => f.group === group);
    return {
      group,
      present: inGroup.filter((f) => f.answer === 'present').length,
      unknown: inGroup.filter((f) => f.answer === 'unknown').length,
      absent: inGroup.filter((f) => f.answer === 'absent').length,
    };
  });
}

export function levelOfScreening(groups: readonly GroupSummary[], rule: RiskLevelRule): RiskLevelResult {
  return computeRiskLevel(
    {
      groupsWithPresent: groups.filter((g) => g.present > 0).length,
      present: groups.reduce((sum, g) => sum + g.present, 0),
      unknown: groups.reduce((sum, g) => sum + g.unknown, 0),
    },
    rule,
  );
}

/** Home screen: active students with at least one present factor, per group and in all (`screening:riskSummary`). */
export const riskSummarySchema = z.object({
  semesterId: z.string().nullable(),
  total: z.number().int(),
  byGroup: z.object({ school: z.number().int(), personal: z.number().int(), family: z.number().int(), economic: z.number().int() }),
});
export type RiskSummary = z.infer<typeof riskSummarySchema>;
