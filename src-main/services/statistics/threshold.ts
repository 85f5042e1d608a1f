/**
 * The small-number threshold every statistics table uses (setting
 * `statistics.threshold`, src-shared/domain/settings.ts; default 5): read
 * the same way by the school's and the authorities' services and the
 * exports, validated by the setting's own schema (a stored value out of
 * range counts as not set). The coordinator changes it on Settings >
 * Statistics (SettingsService.set, audited). IT's machine policy fixes it
 * above anything stored, as for every setting: the services get the policy's
 * value from create-app.ts.
 */
import { SETTINGS, resolveSetting } from '../../../src-shared/domain/settings';
import type { Db } from '../../db/schema';

export async function statisticsThreshold(db: Db, policy?: unknown): Promise<number> {
  const row = await db
    .selectFrom('setting')
    .select('value')
    .where('key', '=', 'statistics.threshold')
    .executeTakeFirst()
    .catch(() => undefined);
  let stored: unknown;
  try {
    stored = row ? JSON.parse(row.value) : undefined;
  } catch {
    stored = undefined;
  }
  return resolveSetting(SETTINGS['statistics.threshold'], { policy, stored }).value;
}
