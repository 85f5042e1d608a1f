import { describe, expect, it } from 'vitest';
import { daysLeft, stepDone } from './step-state';

describe('semester-end steps (issue 16, item 8)', () => {
  it('a step with nothing rated is not done, however far the person moved on', () => {
    const facts = { measures: [null, null], risks: ['better'], outcome: null, closed: false };
    expect(stepDone('measures', facts)).toBe(false);
    expect(stepDone('risks', facts)).toBe(true);
    expect(stepDone('outcome', facts)).toBe(false);
    expect(stepDone('measures', { ...facts, measures: ['full', 'partly'] })).toBe(true);
  });
  it('counts the days left in the semester', () => {
    expect(daysLeft('2025-12-02', '2025-12-19')).toBe(17);
    expect(daysLeft('2025-12-19', '2025-12-19')).toBe(0);
    expect(daysLeft('2026-01-05', '2025-12-19')).toBeLessThan(0);
  });
});
