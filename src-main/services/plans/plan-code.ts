/**
 * Plan ID codes: `<regNo>-<semester>-<NNNN>`, a per-semester sequence kept
 * in the setting table so that a number is never given twice, even after a
 * draft is deleted or when plans were written by other means (demo data,
 * import): the next number is above both the counter and every code in use.
 */
import type { Transaction } from 'kysely';
import { formatPlanCode, PLAN_CODE_SEQ_SETTING_PREFIX } from '../../../src-shared/domain/plan';
import { AppError } from '../../../src-shared/ipc/result';
import type { DB } from '../../db/schema';

export async function nextPlanCode(trx: Transaction<DB>, semesterId: string, at: Date): Promise<string> {
  const org = await trx.selectFrom('organisation').select('reg_no').where('id', '=', 1).executeTakeFirst();
  if (!org) throw new AppError('NOT_SET_UP');
  const key = `${PLAN_CODE_SEQ_SETTING_PREFIX}${semesterId}`;
  const counter = await trx.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  const codes = await trx.selectFrom('plan').select('code').where('semester_id', '=', semesterId).execute();
  const inUse = codes.map((c) => Number(/-(\d+)$/.exec(c.code)?.[1] ?? 0));
  const seq = Math.max(Number(counter?.value ?? 0), ...inUse, 0) + 1;
  await trx
    .insertInto('setting')
    .values({ key, value: String(seq), updated_at: at.toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(seq), updated_at: at.toISOString() }))
    .execute();
  return formatPlanCode(org.reg_no, semesterId, seq);
}
