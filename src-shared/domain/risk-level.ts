/**
 * The overall risk level of a screening: a transparent, configurable rule,
 * never a black box. PuMPuRS itself did not grade risk; the level only helps a
 * coordinator decide whom to look at first.
 *
 * The rule is stored in the setting `risk.levelRule` as JSON. It lists levels
 * from the highest down; a level applies when ANY of its thresholds is met:
 *   - minGroups:  number of risk groups with at least one present factor,
 *   - minPresent: total number of present factors.
 * The first level that applies wins; when none does, the level is `none`.
 *
 * DEFAULT RULE (documented for users in the same words):
 *   high   — present factors in 3 or more groups, or 6 or more present factors;
 *   medium — present factors in 2 or more groups, or 3 or more present factors;
 *   low    — at least 1 present factor;
 *   none   — no present factor.
 * Unknown answers never raise the level; they are reported as a reason, so
 * the user sees the screening is incomplete.
 */
import { z } from 'zod';

export const RISK_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_LEVEL_RULE_SETTING = 'risk.levelRule';

const threshold = z.number().int().min(1).max(1000).nullable();

export const riskLevelRuleSchema = z
  .object({
    levels: z
      .array(z.object({ level: z.enum(['low', 'medium', 'high']), minGroups: threshold, minPresent: threshold }))
      .min(1)
      .max(3),
  })
  .refine((rule) => new Set(rule.levels.map((l) => l.level)).size === rule.levels.length, {
    message: 'errors.riskLevel.duplicateLevel',
    path: ['levels'],
  })
  .refine((rule) => rule.levels.every((l) => l.minGroups !== null || l.minPresent !== null), {
    message: 'errors.riskLevel.noThreshold',
    path: ['levels'],
  });
export type RiskLevelRule = z.infer<typeof riskLevelRuleSchema>;

export const DEFAULT_RISK_LEVEL_RULE: RiskLevelRule = {
  levels: [
    { level: 'high', minGroups: 3, minPresent: 6 },
    { level: 'medium', minGroups: 2, minPresent: 3 },
    { level: 'low', minGroups: null, minPresent: 1 },
  ],
};

/** What the rule looks at. */
export interface RiskCounts {
  groupsWithPresent: number;
  present: number;
  unknown: number;
}

/** A reason for the level, as an i18n key with its numbers. */
export interface RiskLevelReason {
  key: 'risk.reason.groups' | 'risk.reason.present' | 'risk.reason.nonePresent' | 'risk.reason.unknown';
  params: Record<string, number>;
}

export interface RiskLevelResult {
  level: RiskLevel;
  reasons: RiskLevelReason[];
}

const ORDER: Record<RiskLevel, number> = { none: 0, low: 1, medium: 2, high: 3 };

export function computeRiskLevel(counts: RiskCounts, rule: RiskLevelRule = DEFAULT_RISK_LEVEL_RULE): RiskLevelResult {
  const levels = [...rule.levels].sort((a, b) => ORDER[b.level] - ORDER[a.level]);
  const reasons: RiskLevelReason[] = [];
  let level: RiskLevel = 'none';
  for (const candidate of levels) {
    const byGroups = candidate.minGroups !== null && counts.groupsWithPresent >= candidate.minGroups;
    const byPresent = candidate.minPresent !== null && counts.present >= candidate.minPresent;
    if (!byGroups && !byPresent) continue;
    level = candidate.level;
    if (byGroups) reasons.push({ key: 'risk.reason.groups', params: { count: counts.groupsWithPresent, threshold: candidate.minGroups ?? 0 } });
    if (byPresent) reasons.push({ key: 'risk.reason.present', params: { count: counts.present, threshold: candidate.minPresent ?? 0 } });
    break;
  }
  if (level === 'none') reasons.push({ key: 'risk.reason.nonePresent', params: { count: counts.present } });
  if (counts.unknown > 0) reasons.push({ key: 'risk.reason.unknown', params: { count: counts.unknown } });
  return { level, reasons };
}

/** Reads the stored rule; a missing or broken setting means the default rule. */
export function parseRiskLevelRule(stored: string | null | undefined): RiskLevelRule {
  if (!stored) return DEFAULT_RISK_LEVEL_RULE;
  try {
    const parsed = riskLevelRuleSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : DEFAULT_RISK_LEVEL_RULE;
  } catch {
    return DEFAULT_RISK_LEVEL_RULE;
  }
}
