import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyAction,
  availableActions,
  historyIsConsistent,
  PLAN_ACTIONS,
  PLAN_STATUSES,
  TRANSITIONS,
  type PlanStatus,
  type StatusChange,
} from './plan-lifecycle';
import { permissionsOf } from './roles';

const status = fc.constantFrom(...PLAN_STATUSES);
const action = fc.constantFrom(...PLAN_ACTIONS);
const comment = fc.oneof(fc.constant(''), fc.constant('   '), fc.string({ minLength: 1, maxLength: 20 }));

describe('the plan lifecycle table', () => {
  it('is exactly the designed table', () => {
    const table = TRANSITIONS.map((t) => `${t.from} -${t.action}-> ${t.to}${t.commentRequired ? ' (comment)' : ''}`).sort();
    expect(table).toEqual(
      [
        'draft -submit-> inApproval',
        'inApproval -approve-> approved',
        'inApproval -return-> draft (comment)',
        'approved -start-> active',
        'active -review-> underReview',
        'underReview -resume-> active',
        'approved -suspend-> suspended (comment)',
        'active -suspend-> suspended (comment)',
        'underReview -suspend-> suspended (comment)',
        'suspended -resume-> active',
        ...['approved', 'active', 'underReview', 'suspended'].map((s) => `${s} -revise-> draft`),
        ...['draft', 'inApproval', 'approved', 'active', 'underReview', 'suspended'].map((s) => `${s} -deactivate-> inactive (comment)`),
        ...['approved', 'active', 'underReview', 'suspended'].map((s) => `${s} -complete-> inactive`),
      ].sort(),
    );
  });

  it('gives each (status, action) at most one transition, and nothing out of inactive', () => {
    const keys = TRANSITIONS.map((t) => `${t.from}/${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(TRANSITIONS.filter((t) => t.from === 'inactive')).toEqual([]);
  });

  it('shows each role only the actions its permissions allow', () => {
    expect(availableActions('inApproval', permissionsOf(['director']))).toEqual(['approve', 'return', 'deactivate']);
    expect(availableActions('inApproval', permissionsOf(['planAuthor']))).toEqual(['deactivate']);
    expect(availableActions('active', permissionsOf(['specialist']))).toEqual([]);
    expect(availableActions('active', permissionsOf(['planAuthor']))).toEqual(['review', 'revise', 'deactivate']);
  });
});

describe('the plan lifecycle (property-based)', () => {
  it('moves only along a transition of the table', () => {
    fc.assert(
      fc.property(status, action, comment, (from, act, text) => {
        const outcome = applyAction(from, act, text);
        const row = TRANSITIONS.find((t) => t.from === from && t.action === act);
        if (!row) return !outcome.ok && outcome.reason === 'notAllowed';
        return outcome.ok ? outcome.to === row.to : outcome.reason === 'commentRequired';
      }),
      { numRuns: 500 },
    );
  });

  it('requires a comment exactly for returning, suspending and making inactive', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TRANSITIONS),
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
        (t, text) => {
          const withoutComment = applyAction(t.from, t.action, '  ');
          const needsComment = ['return', 'suspend', 'deactivate'].includes(t.action);
          expect(withoutComment.ok).toBe(!needsComment);
          expect(applyAction(t.from, t.action, text)).toMatchObject({ ok: true, to: t.to });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the history of any random sequence of actions consistent with the status', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(action, comment), { maxLength: 40 }), (steps) => {
        let current: PlanStatus = 'draft';
        const history: StatusChange[] = [{ from: null, to: 'draft' }];
        for (const [act, text] of steps) {
          const outcome = applyAction(current, act, text);
          if (!outcome.ok) continue;
          history.push({ from: current, to: outcome.to });
          current = outcome.to;
        }
        expect(historyIsConsistent(history, current)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('recognises a history that skips a step or ends elsewhere as inconsistent', () => {
    expect(
      historyIsConsistent(
        [
          { from: null, to: 'draft' },
          { from: 'draft', to: 'approved' },
        ],
        'approved',
      ),
    ).toBe(false);
    expect(
      historyIsConsistent(
        [
          { from: null, to: 'draft' },
          { from: 'draft', to: 'inApproval' },
        ],
        'draft',
      ),
    ).toBe(false);
    expect(historyIsConsistent([], 'draft')).toBe(false);
  });
});
