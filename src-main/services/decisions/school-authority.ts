/**
 * The school's side of the municipality's approval (issue 9): whether a plan
 * the director approves must wait for the municipality, and what may be
 * delivered while it waits (consultations may start; compensations wait).
 */
import { needsAuthority, settingsRecordSchema, type AuthorityState, type SettingsRecord } from '../../../src-shared/domain/decisions';
import type { Db } from '../../db/schema';

/** The settings the municipality last sent, or null before its first decisions package. */
export async function receivedSettings(db: Db): Promise<SettingsRecord | null> {
  const row = await db.selectFrom('received_settings').select('record').where('id', '=', 1).executeTakeFirst();
  if (!row) return null;
  const parsed = settingsRecordSchema.safeParse(JSON.parse(row.record));
  return parsed.success ? parsed.data : null;
}

/**
 * On the director's approval: 'waiting' if the plan needs the municipality by
 * the settings it sent down (default policy: any compensation), else null.
 * Until the school has received its authority's settings (its first decisions
 * package) it cannot know them, and could receive no decision: no plan waits.
 */
export async function authorityStateOnApproval(db: Db, planId: string): Promise<AuthorityState | null> {
  const settings = await receivedSettings(db);
  if (settings === null) return null;
  const categories = await db
    .selectFrom('measure')
    .innerJoin('measure_kind', 'measure_kind.code', 'measure.kind_code')
    .select('measure_kind.category')
    .where('measure.plan_id', '=', planId)
    .execute();
  return needsAuthority(
    settings.approvalPolicy,
    categories.map((c) => c.category),
  )
    ? 'waiting'
    : null;
}

/** Why a delivery must wait for the municipality (a message key), or null when it may be recorded. */
export function compensationWaits(state: AuthorityState | null, category: string, measureRefused: boolean): string | null {
  if (measureRefused) return 'errors.decisions.measureRefused';
  if (category === 'compensation' && (state === 'waiting' || state === 'returned')) return 'errors.decisions.compensationWaits';
  return null;
}
