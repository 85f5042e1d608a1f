/**
 * Property-based, on a real database: random compensation payments against
 * a random cap. The service accepts a payment without a reason only when it
 * stays within the plan and the cap; every total it reports is the exact
 * integer sum; no stored payment went over a limit without a reason.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../ports/clock';
import { DeliveryService } from './delivery-service';
import { planIn, planKit, type PlanKit } from '../testing/plan-helpers';
import { actorOf, insertStudent, makeSchoolFixture, type SchoolFixture } from '../testing/school-fixture';

let fx: SchoolFixture;
let kit: PlanKit;
let deliveries: DeliveryService;
let n = 0;
const clock = fixedClock('2025-12-01T10:00:00Z');
beforeAll(async () => {
  fx = await makeSchoolFixture();
  kit = planKit(fx, clock);
  deliveries = new DeliveryService(fx.db, clock);
});
afterAll(() => fx.close());

const payment = fc.record({
  cents: fc.integer({ min: 1, max: 4000 }),
  day: fc.integer({ min: 15, max: 30 }),
  withReason: fc.boolean(),
});

describe('compensation payments (property-based, real database)', () => {
  it('never go over the plan or the cap without a reason, and sum exactly', async () => {
    const author = actorOf('author');
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.integer({ min: 0, max: 12_000 }), { nil: null }),
        fc.array(payment, { minLength: 1, maxLength: 10 }),
        async (cap, payments) => {
          await fx.db.updateTable('measure_kind').set({ cap_cents: cap }).where('code', '=', 'compensation.publicTransport').execute();
          const studentId = await insertStudent(fx.db, {
            id: `s-money-${++n}`,
            first: 'Test',
            last: 'Testa',
            code: `money-${n}`,
            birth: '2010-05-05',
            gender: 'female',
            grade: 9,
          });
          const plan = await planIn(kit, studentId, 'active');
          const measure = plan.measures[1]!; // public transport, planned 5000 cents
          let total = 0;
          for (const p of payments) {
            const over = total + p.cents > 5000 || (cap !== null && total + p.cents > cap);
            const attempt = deliveries.add(author, {
              measureId: measure.id,
              deliveredOn: `2025-09-${p.day}`,
              cents: p.cents,
              overPlanReason: p.withReason ? 'Pamatots' : null,
            });
            if (over && !p.withReason) {
              await expect(attempt).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'overPlanReason' }] } });
            } else {
              await attempt;
              total += p.cents;
            }
          }
          const listed = await deliveries.listForPlan(author, plan.id);
          const stored = listed.measures[1]!.deliveries;
          expect(listed.measures[1]!.delivered).toBe(total);
          expect(stored.reduce((s, d) => s + (d.cents ?? 0), 0)).toBe(total);
          // Walk the stored payments in the order they were made: each that crossed a limit carries a reason.
          const rows = await fx.db
            .selectFrom('delivery')
            .select(['cents', 'over_plan_reason'])
            .where('measure_id', '=', measure.id)
            .orderBy(sql`rowid`)
            .execute();
          let running = 0;
          for (const row of rows) {
            running += row.cents!;
            const crossed = running > 5000 || (cap !== null && running > cap);
            expect(row.over_plan_reason !== null).toBe(crossed);
          }
        },
      ),
      { numRuns: 25 },
    );
    const spending = await deliveries.spending(author, '2025/26-1');
    const all = await fx.db.selectFrom('delivery').select('cents').where('cents', 'is not', null).execute();
    expect(spending.kinds.find((k) => k.kindCode === 'compensation.publicTransport')?.spentCents).toBe(all.reduce((s, r) => s + r.cents!, 0));
  });
});
