import { describe, expect, it } from 'vitest';
import { overBudget, readAmounts, takenByKind, type ReviewMeasure } from './review-model';

const measure = (no: number, kindCode: string, plannedCents: number | null, category = 'compensation'): ReviewMeasure => ({
  no,
  id: `m${no}`,
  kindCode,
  category,
  plannedCents,
  plannedMinutes: category === 'compensation' ? null : 120,
  startsOn: '2025-09-15',
  endsOn: '2025-12-19',
  riskFactorIds: [],
  updatedAt: '2025-09-14T10:00:00.000Z',
});
const measures = [
  measure(1, 'consultation.psychologist', null, 'consultation'),
  measure(2, 'compensation.meals', 8000),
  measure(3, 'compensation.publicTransport', 5000),
];

describe('the review form', () => {
  it('reads typed amounts: empty or equal is as planned, above planned or not money is invalid', () => {
    expect(readAmounts(measures, {})).toEqual({ amounts: [], invalid: [] });
    expect(readAmounts(measures, { 2: '60', 3: '50,00' })).toEqual({ amounts: [{ no: 2, cents: 6000 }], invalid: [] });
    expect(readAmounts(measures, { 2: '80,01', 3: 'daudz' })).toEqual({ amounts: [], invalid: [2, 3] });
    // A consultation takes no amount: whatever is typed there is ignored.
    expect(readAmounts(measures, { 1: '10' })).toEqual({ amounts: [], invalid: [] });
  });

  it('counts what a decision takes of each kind: reduced amounts, refused measures left out, nothing when returned', () => {
    expect(takenByKind(measures, [{ no: 2, cents: 6000 }], new Set(), 'approved')).toEqual(
      new Map([
        ['compensation.meals', 6000],
        ['compensation.publicTransport', 5000],
      ]),
    );
    expect(takenByKind(measures, [], new Set([3]), 'measureRefused')).toEqual(new Map([['compensation.meals', 8000]]));
    expect(takenByKind(measures, [], new Set([3]), 'approved').get('compensation.publicTransport')).toBe(5000);
    expect(takenByKind(measures, [], new Set(), 'returned').size).toBe(0);
  });

  it('names the kinds with a budget the decision would go over', () => {
    const budget = [
      { kindCode: 'compensation.meals', budgetCents: 10000, approvedCents: 3000, leftCents: 7000 },
      { kindCode: 'compensation.accommodation', budgetCents: 0, approvedCents: 0, leftCents: 0 },
    ];
    expect(overBudget(budget, takenByKind(measures, [], new Set(), 'approved'))).toEqual(['compensation.meals']);
    expect(overBudget(budget, takenByKind(measures, [{ no: 2, cents: 7000 }], new Set(), 'approved'))).toEqual([]);
  });
});
