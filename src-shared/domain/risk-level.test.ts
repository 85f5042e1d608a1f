import { describe, expect, it } from 'vitest';
import { computeRiskLevel, DEFAULT_RISK_LEVEL_RULE, parseRiskLevelRule, riskLevelRuleSchema } from './risk-level';
import { levelOfScreening, summarizeByGroup } from './screening';

describe('the risk level rule', () => {
  it('by default is none without present factors, and says so', () => {
    expect(computeRiskLevel({ groupsWithPresent: 0, present: 0, unknown: 0 })).toEqual({
      level: 'none',
      reasons: [{ key: 'risk.reason.nonePresent', params: { count: 0 } }],
    });
  });

  it('by default is low with one present factor, medium with 2 groups or 3 factors, high with 3 groups or 6 factors', () => {
    expect(computeRiskLevel({ groupsWithPresent: 1, present: 1, unknown: 0 }).level).toBe('low');
    expect(computeRiskLevel({ groupsWithPresent: 1, present: 2, unknown: 0 }).level).toBe('low');
    expect(computeRiskLevel({ groupsWithPresent: 2, present: 2, unknown: 0 }).level).toBe('medium');
    expect(computeRiskLevel({ groupsWithPresent: 1, present: 3, unknown: 0 }).level).toBe('medium');
    expect(computeRiskLevel({ groupsWithPresent: 3, present: 3, unknown: 0 }).level).toBe('high');
    expect(computeRiskLevel({ groupsWithPresent: 1, present: 6, unknown: 0 }).level).toBe('high');
  });

  it('names every threshold that triggered the level, and unknown answers as a reason without raising it', () => {
    expect(computeRiskLevel({ groupsWithPresent: 3, present: 7, unknown: 4 })).toEqual({
      level: 'high',
      reasons: [
        { key: 'risk.reason.groups', params: { count: 3, threshold: 3 } },
        { key: 'risk.reason.present', params: { count: 7, threshold: 6 } },
        { key: 'risk.reason.unknown', params: { count: 4 } },
      ],
    });
    expect(computeRiskLevel({ groupsWithPresent: 0, present: 0, unknown: 20 }).level).toBe('none');
  });

  it('follows a configured rule, whatever order its levels are listed in', () => {
    const rule = {
      levels: [
        { level: 'low' as const, minGroups: null, minPresent: 2 },
        { level: 'high' as const, minGroups: 2, minPresent: null },
      ],
    };
    expect(computeRiskLevel({ groupsWithPresent: 1, present: 1, unknown: 0 }, rule).level).toBe('none');
    expect(computeRiskLevel({ groupsWithPresent: 1, present: 2, unknown: 0 }, rule).level).toBe('low');
    expect(computeRiskLevel({ groupsWithPresent: 2, present: 2, unknown: 0 }, rule).level).toBe('high');
  });

  it('refuses a rule with a level twice or a level without any threshold', () => {
    expect(
      riskLevelRuleSchema.safeParse({
        levels: [
          { level: 'low', minGroups: 1, minPresent: null },
          { level: 'low', minGroups: 2, minPresent: null },
        ],
      }).success,
    ).toBe(false);
    expect(riskLevelRuleSchema.safeParse({ levels: [{ level: 'low', minGroups: null, minPresent: null }] }).success).toBe(false);
  });

  it('falls back to the default rule when the stored setting is missing or broken', () => {
    expect(parseRiskLevelRule(null)).toBe(DEFAULT_RISK_LEVEL_RULE);
    expect(parseRiskLevelRule('{not json')).toBe(DEFAULT_RISK_LEVEL_RULE);
    expect(parseRiskLevelRule('{"levels":[]}')).toBe(DEFAULT_RISK_LEVEL_RULE);
    expect(parseRiskLevelRule('{"levels":[{"level":"high","minGroups":4,"minPresent":null}]}').levels[0]?.minGroups).toBe(4);
  });

  it('counts present, unknown and absent answers per group, for all four groups', () => {
    const groups = summarizeByGroup([
      { group: 'school', answer: 'present' },
      { group: 'school', answer: 'present' },
      { group: 'school', answer: 'unknown' },
      { group: 'family', answer: 'present' },
      { group: 'economic', answer: 'absent' },
    ]);
    expect(groups).toEqual([
      { group: 'school', present: 2, unknown: 1, absent: 0 },
      { group: 'personal', present: 0, unknown: 0, absent: 0 },
      { group: 'family', present: 1, unknown: 0, absent: 0 },
      { group: 'economic', present: 0, unknown: 0, absent: 1 },
    ]);
    expect(levelOfScreening(groups, DEFAULT_RISK_LEVEL_RULE).level).toBe('medium');
  });
});
