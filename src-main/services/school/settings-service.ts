/**
 * Typed settings over the `setting` table (values stored as JSON). The
 * effective value follows src-shared/domain/settings.ts: admin policy >
 * stored > default. The admin policy is a JSON object of the same keys, read
 * from a file IT places on the machine (see `loadPolicyFile`).
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../../src-shared/domain/roles';
import { SETTINGS, resolveSetting, type SettingKey, type SettingSource, type SettingValue } from '../../../src-shared/domain/settings';
import { AppError } from '../../../src-shared/ipc/result';
import type { DB, Db } from '../../db/schema';
import { FILE_CAPS, readFileCapped } from '../../ports/capped-read';
import type { Clock } from '../../ports/clock';
import { requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';

import type { SettingsPolicy } from '../../ports/app-ports';

export type { SettingsPolicy };

/** Reads an admin policy file: a JSON object. A missing file is an empty policy. */
export async function loadPolicyFile(file: string): Promise<SettingsPolicy> {
  let text: string;
  try {
    text = (await readFileCapped(file, FILE_CAPS.smallJson)).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`policy ${file} is not a JSON object`);
  return parsed as SettingsPolicy;
}

export class SettingsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly policy: SettingsPolicy = {},
  ) {}

  async get<K extends SettingKey>(key: K, db: Db = this.db): Promise<SettingValue<K>> {
    return (await this.explain(key, db)).value;
  }

  /** The value and where it came from (for a settings screen: "set by your IT administrator"). */
  async explain<K extends SettingKey>(key: K, db: Db = this.db): Promise<{ value: SettingValue<K>; source: SettingSource }> {
    const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
    let stored: unknown;
    if (row) {
      try {
        stored = JSON.parse(row.value);
      } catch {
        stored = undefined;
      }
    }
    return resolveSetting(SETTINGS[key], { policy: this.policy[key], stored }) as { value: SettingValue<K>; source: SettingSource };
  }

  /** Stores a value (coordinator only). Refused when the admin policy fixes the key. */
  async set<K extends SettingKey>(actor: Actor, key: K, value: SettingValue<K>): Promise<void> {
    requirePermission(actor, 'school.admin');
    const parsed = SETTINGS[key].schema.safeParse(value);
    if (!parsed.success) throw AppError.validation([{ path: 'value', messageKey: 'errors.field.invalid' }]);
    if (this.policy[key] !== undefined && SETTINGS[key].schema.safeParse(this.policy[key]).success) {
      throw new AppError('RULE_VIOLATION', { messageKey: 'errors.settings.setByPolicy', details: { params: { key } } });
    }
    const at = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('setting')
        .values({ key, value: JSON.stringify(parsed.data), updated_at: at.toISOString() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(parsed.data), updated_at: at.toISOString() }))
        .execute();
      await recordAudit(trx, actor, at, { action: 'update', entity: 'setting', entityId: key });
    });
  }
}
