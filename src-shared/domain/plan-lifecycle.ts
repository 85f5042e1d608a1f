/**
 * The support plan's lifecycle: a pure state machine. Only the transitions
 * in TRANSITIONS exist; everything else is refused.
 *
 *   from                                   action      to           permission                comment
 *   draft                                  submit      inApproval   plan.write                optional
 *   inApproval                             approve     approved     plan.approve              optional
 *   inApproval                             return      draft        plan.approve              REQUIRED
 *   approved                               start       active       plan.write (*)            optional
 *   active                                 review      underReview  plan.write                optional
 *   underReview                            resume      active       plan.write                optional
 *   approved, active, underReview          suspend     suspended    plan.suspend              REQUIRED
 *   suspended                              resume      active       plan.suspend              optional
 *   approved, active, underReview,
 *     suspended                            revise      draft        plan.write                optional
 *   every state but inactive               deactivate  inactive     plan.write | plan.suspend REQUIRED
 *   approved, active, underReview,
 *     suspended                            complete    inactive     outcome.write (**)        optional
 *
 * (*)  The first delivery on an approved plan starts it automatically.
 * (**) `complete` is the semester-end close: only the semester-end service
 *      uses it, after every evaluation is in; it is not offered as a button.
 * Revising sends the plan back to draft, so it must be submitted and approved
 * again ("revising restarts approval"). `inactive` is final.
 */
import type { Permission } from './roles';

export const PLAN_STATUSES = ['draft', 'inApproval', 'approved', 'active', 'underReview', 'suspended', 'inactive'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_ACTIONS = ['submit', 'approve', 'return', 'start', 'review', 'resume', 'suspend', 'revise', 'deactivate', 'complete'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** Actions a user can choose on the plan screen (`complete` belongs to semester end). */
export const USER_PLAN_ACTIONS = PLAN_ACTIONS.filter((a) => a !== 'complete') as Exclude<PlanAction, 'complete'>[];
export type UserPlanAction = Exclude<PlanAction, 'complete'>;

export interface Transition {
  from: PlanStatus;
  action: PlanAction;
  to: PlanStatus;
  /** Any one of these permits the transition. */
  permissions: readonly Permission[];
  commentRequired: boolean;
}

const row = (from: PlanStatus, action: PlanAction, to: PlanStatus, permissions: Permission[], commentRequired = false): Transition => ({
  from,
  action,
  to,
  permissions,
  commentRequired,
});
const stoppable: PlanStatus[] = ['approved', 'active', 'underReview'];
const running: PlanStatus[] = ['approved', 'active', 'underReview', 'suspended'];

export const TRANSITIONS: readonly Transition[] = [
  row('draft', 'submit', 'inApproval', ['plan.write']),
  row('inApproval', 'approve', 'approved', ['plan.approve']),
  row('inApproval', 'return', 'draft', ['plan.approve'], true),
  row('approved', 'start', 'active', ['plan.write']),
  row('active', 'review', 'underReview', ['plan.write']),
  row('underReview', 'resume', 'active', ['plan.write']),
  ...stoppable.map((from) => row(from, 'suspend', 'suspended', ['plan.suspend'], true)),
  row('suspended', 'resume', 'active', ['plan.suspend']),
  ...running.map((from) => row(from, 'revise', 'draft', ['plan.write'])),
  ...PLAN_STATUSES.filter((s) => s !== 'inactive').map((from) => row(from, 'deactivate', 'inactive', ['plan.write', 'plan.suspend'], true)),
  ...running.map((from) => row(from, 'complete', 'inactive', ['outcome.write'])),
];

export function findTransition(from: PlanStatus, action: PlanAction): Transition | null {
  return TRANSITIONS.find((t) => t.from === from && t.action === action) ?? null;
}

export type TransitionOutcome = { ok: true; to: PlanStatus; transition: Transition } | { ok: false; reason: 'notAllowed' | 'commentRequired' };

/** Applies an action to a status: the next status, or why not. */
export function applyAction(from: PlanStatus, action: PlanAction, comment = ''): TransitionOutcome {
  const transition = findTransition(from, action);
  if (!transition) return { ok: false, reason: 'notAllowed' };
  if (transition.commentRequired && comment.trim() === '') return { ok: false, reason: 'commentRequired' };
  return { ok: true, to: transition.to, transition };
}

/** The actions open from a status to someone holding these permissions. */
export function availableActions(from: PlanStatus, permissions: ReadonlySet<Permission>): UserPlanAction[] {
  return TRANSITIONS.filter((t) => t.from === from && t.action !== 'complete' && t.permissions.some((p) => permissions.has(p))).map(
    (t) => t.action as UserPlanAction,
  );
}

/** A plan's author may not approve or return it: review is always someone else's (the service refuses, the screen does not offer it). */
export function isOwnReview(action: PlanAction, authorId: string, actorId: string): boolean {
  return (action === 'approve' || action === 'return') && authorId === actorId;
}

/** The plan may be edited (goals, consent, measures) only in draft. */
export function isEditable(status: PlanStatus): boolean {
  return status === 'draft';
}

/** Deliveries may be logged only while the plan is approved or being carried out. */
export function acceptsDeliveries(status: PlanStatus): boolean {
  return status === 'approved' || status === 'active';
}

/** Semester-end evaluations may be written while the plan has run and is not closed. */
export function acceptsEvaluation(status: PlanStatus): boolean {
  return running.includes(status);
}

export interface StatusChange {
  from: PlanStatus | null;
  to: PlanStatus;
}

/**
 * A history is consistent with a status when it starts with the creation
 * (null -> draft), each change starts where the previous ended, and the last
 * one ends at the current status.
 */
export function historyIsConsistent(history: readonly StatusChange[], status: PlanStatus): boolean {
  if (history.length === 0 || history[0]?.from !== null || history[0]?.to !== 'draft') return false;
  for (let i = 1; i < history.length; i++) {
    const change = history[i]!;
    if (change.from !== history[i - 1]!.to) return false;
    if (!TRANSITIONS.some((t) => t.from === change.from && t.to === change.to)) return false;
  }
  return history[history.length - 1]!.to === status;
}
