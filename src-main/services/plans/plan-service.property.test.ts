/**
 * Property-based: any random sequence of lifecycle actions, by random staff,
 * through the real service and SQLite file, keeps the stored plan in step
 * with the pure model, and its status history consistent with its status.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAction, findTransition, historyIsConsistent, USER_PLAN_ACTIONS, type PlanStatus } from '../../../src-shared/domain/plan-lifecycle';
import { can } from '../../../src-shared/domain/roles';
import { planKit, readyDraft, type PlanKit } from '../testing/plan-helpers';
import { actorOf, insertStudent, makeSchoolFixture, type SchoolFixture, type StaffKey } from '../testing/school-fixture';

let fx: SchoolFixture;
let kit: PlanKit;
let n = 0;
beforeAll(async () => {
  fx = await makeSchoolFixture();
  kit = planKit(fx);
});
afterAll(() => fx.close());

const staff: StaffKey[] = ['author', 'author2', 'director', 'coordinator', 'specialist'];
const anyStep = fc.record({
  who: fc.constantFrom(...staff),
  action: fc.constantFrom(...USER_PLAN_ACTIONS),
  comment: fc.constantFrom('', 'Komentārs'),
});
/** Steps the right person would take, so that runs get far into the lifecycle. */
const likelyStep = fc.constantFrom(
  { who: 'author' as const, action: 'submit' as const, comment: '' },
  { who: 'director' as const, action: 'approve' as const, comment: '' },
  { who: 'director' as const, action: 'return' as const, comment: 'Labot' },
  { who: 'author' as const, action: 'start' as const, comment: '' },
  { who: 'author' as const, action: 'review' as const, comment: '' },
  { who: 'author' as const, action: 'resume' as const, comment: '' },
  { who: 'director' as const, action: 'suspend' as const, comment: 'Pauze' },
  { who: 'coordinator' as const, action: 'resume' as const, comment: '' },
  { who: 'author' as const, action: 'revise' as const, comment: '' },
  { who: 'author' as const, action: 'deactivate' as const, comment: 'Beigts' },
);
const step = fc.oneof({ arbitrary: likelyStep, weight: 3 }, { arbitrary: anyStep, weight: 1 });

describe('plans under random actions (property-based, real database)', () => {
  it('change status only as the model allows, and keep a consistent history', async () => {
    let moves = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), async (steps) => {
        const studentId = await insertStudent(fx.db, {
          id: `s-prop-${++n}`,
          first: 'Test',
          last: 'Testa',
          code: `prop-${n}`,
          birth: '2010-05-05',
          gender: 'male',
          grade: 9,
        });
        let plan = await readyDraft(kit, studentId);
        let model: PlanStatus = 'draft';
        for (const { who, action, comment } of steps) {
          const actor = actorOf(who);
          const t = findTransition(model, action);
          const permitted = t !== null && t.permissions.some((p) => can(actor.roles, p));
          const selfApproval = (action === 'approve' || action === 'return') && plan.authorId === actor.userId;
          const outcome = applyAction(model, action, comment);
          const expectOk = permitted && !selfApproval && outcome.ok;
          const result = await kit.plans.transition(actor, { planId: plan.id, version: plan.version, action, comment }).then(
            (p) => ({ ok: true as const, plan: p }),
            (e: { code: string }) => ({ ok: false as const, code: e.code }),
          );
          expect(result.ok, `${model} -${action}-> by ${who}`).toBe(expectOk);
          if (result.ok && outcome.ok) {
            moves++;
            model = outcome.to;
            plan = result.plan;
          }
          const stored = await kit.plans.get(actor, plan.id);
          expect(stored.status).toBe(model);
          expect(historyIsConsistent(stored.history, stored.status)).toBe(true);
          expect(stored.closedAt !== null).toBe(model === 'inactive');
        }
      }),
      { numRuns: 40 },
    );
    // The runs must have moved plans, not only been refused.
    expect(moves).toBeGreaterThan(20);
  });
});
