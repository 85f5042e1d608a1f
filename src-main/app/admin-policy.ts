/**
 * The machine's admin policy for settings (Bitwarden's habit: IT fixes
 * settings per machine, users cannot change them). The same file as the
 * update policy (see update-policy.ts: adminPolicyFile), e.g.
 *   { "session.idleMinutes": 10, "updates": { "enabled": false } }
 * Keys that are not settings are ignored here. A file that cannot be read or
 * parsed is logged and ignored for settings, so the app still starts; the
 * settings keep their stored or default values.
 */
import { isSettingKey } from '../../src-shared/domain/settings';
import type { Logger } from '../ports/logger';
import { loadPolicyFile, type SettingsPolicy } from '../services/school/settings-service';

export async function loadAdminPolicy(file: string, log: Logger): Promise<SettingsPolicy> {
  let policy: SettingsPolicy;
  try {
    policy = await loadPolicyFile(file);
  } catch (err) {
    log.error('policy.unreadable', { file, error: err instanceof Error ? err.message : String(err) });
    return {};
  }
  const settings = Object.fromEntries(Object.entries(policy).filter(([key]) => isSettingKey(key)));
  if (Object.keys(settings).length > 0) log.info('policy.settings', { file, keys: Object.keys(settings) });
  return settings;
}
