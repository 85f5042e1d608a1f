/**
 * The one place that changes a plan's status: checks the lifecycle table,
 * writes the status, the history row and the audit entry in the caller's
 * transaction. Used by the plan service, by deliveries (the first delivery
 * starts an approved plan) and by semester end (`complete`).
 */
import type { Kysely, Transaction } from 'kysely';
import type { AuthorityState } from '../../../src-shared/domain/decisions';
import { applyAction, type PlanAction } from '../../../src-shared/domain/plan-lifecycle';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import type { DB } from '../../db/schema';
import type { PlanTable } from '../../db/school-tables';
import { recordAudit } from '../audit';
import { authorityStateOnApproval } from '../decisions/school-authority';

export type PlanRow = Omit<PlanTable, 'goals' | 'version' | 'authority_state'> & { goals: string; version: number; authority_state: AuthorityState | null };

export async function changePlanStatus(trx: Transaction<DB>, plan: PlanRow, action: PlanAction, actor: Actor, at: Date, comment = ''): Promise<PlanRow> {
  const outcome = applyAction(plan.status, action, comment);
  if (!outcome.ok && outcome.reason === 'commentRequired') {
    throw AppError.validation([{ path: 'comment', messageKey: 'errors.plan.commentRequired' }]);
  }
  if (!outcome.ok) {
    throw new AppError('RULE_VIOLATION', { messageKey: 'errors.plan.transitionNotAllowed', details: { params: { from: plan.status, action } } });
  }
  const iso = at.toISOString();
  const closedAt = outcome.to === 'inactive' ? iso : null;
  // The director's approval starts a round with the municipality when the plan needs it (issue 9).
  const authorityState = action === 'approve' ? await authorityStateOnApproval(trx, plan.id) : plan.authority_state;
  const updated = await trx
    .updateTable('plan')
    .set({ status: outcome.to, closed_at: closedAt, authority_state: authorityState, version: plan.version + 1, updated_at: iso })
    .where('id', '=', plan.id)
    .where('version', '=', plan.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', { messageKey: 'errors.record.changedMeanwhile' });
  await trx
    .insertInto('plan_status_change')
    .values({ plan_id: plan.id, from_status: plan.status, to_status: outcome.to, comment: comment.trim(), changed_by: actor.userId, changed_at: iso })
    .execute();
  await recordAudit(trx, actor, at, { action: 'update', entity: 'plan', entityId: plan.id, detail: { action, from: plan.status, to: outcome.to } });
  return { ...plan, status: outcome.to, closed_at: closedAt, authority_state: authorityState, version: plan.version + 1, updated_at: iso };
}

export async function getPlanRow(db: Transaction<DB> | Kysely<DB>, planId: string): Promise<PlanRow> {
  const row = await db.selectFrom('plan').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { messageKey: 'errors.plan.notFound' });
  return row;
}
