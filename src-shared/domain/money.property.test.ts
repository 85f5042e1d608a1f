/** Money is integer cents: formatting round-trips, sums are exact, caps are compared exactly. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLimits, consultationCostCents, kindCostCents, needsReason, sumAmounts } from './delivery-rules';
import { formatMoney, parseMoney } from './format';

const cents = fc.integer({ min: 0, max: 999_999_999 });

describe('money (property-based)', () => {
  it('formatMoney then parseMoney gives back the same cents', () => {
    fc.assert(
      fc.property(cents, (c) => parseMoney(formatMoney(c)) === c),
      { numRuns: 2000 },
    );
  });

  it('parseMoney reads "euros,cents" typed by a user, and formatMoney writes it back the Latvian way', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 99 }), (euros, c) => {
        const typed = `${euros},${String(c).padStart(2, '0')}`;
        const parsed = parseMoney(typed);
        expect(parsed).toBe(euros * 100 + c);
        expect(formatMoney(parsed!).replace(/\u00a0/g, '')).toBe(`${typed}€`);
      }),
      { numRuns: 1000 },
    );
  });

  it('sums integer cents exactly (the same as arbitrary-precision sums)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000_000 }), { maxLength: 200 }), (amounts) => {
        expect(BigInt(sumAmounts(amounts))).toBe(amounts.reduce((s, a) => s + BigInt(a), 0n));
      }),
      { numRuns: 500 },
    );
    expect(() => sumAmounts([0.1, 0.2])).toThrow(RangeError);
  });

  it('flags a delivery over the cap exactly when the total cost goes past it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('consultation' as const, 'compensation' as const),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
        (category, amount, before, cap, rate) => {
          const check = checkLimits({ category, amount, planned: null, deliveredOnMeasure: 0, capCents: cap, rateCents: rate, deliveredOnKind: before });
          const cost = kindCostCents({ category, rateCents: rate }, before + amount);
          expect(check.overCap).toBe(cap !== null && cost > cap);
          expect(needsReason(check)).toBe(check.overCap);
          expect(Number.isInteger(cost)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('prices consultation minutes at an hourly rate, rounded half up to a cent', () => {
    expect(consultationCostCents(50, 3000)).toBe(2500);
    expect(consultationCostCents(1, 50)).toBe(1); // 0.83 -> 1
    expect(consultationCostCents(1, 29)).toBe(0); // 0.48 -> 0
    expect(consultationCostCents(1, 30)).toBe(1); // 0.5 -> 1
  });
});
