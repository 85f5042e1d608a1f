/**
 * Typed settings: each key has a zod schema and a default. A value comes
 * from, in order of precedence: the admin policy (set by IT for the machine),
 * the value stored in the school's database, the default. A value that does
 * not parse is skipped, as if it were not there.
 */
import { z } from 'zod';
import { DEFAULT_SUPPRESSION_THRESHOLD } from './statistics/suppression';

export interface SettingDefinition<T> {
  schema: z.ZodType<T>;
  default: T;
}

const def = <T>(schema: z.ZodType<T>, value: T): SettingDefinition<T> => ({ schema, default: value });

export const SETTINGS = {
  /** Minutes without activity after which a signed-in user is signed out. */
  'session.idleMinutes': def(z.number().int().min(1).max(480), 15),
  /** Failed sign-ins in a row that lock an account. */
  'auth.maxFailedAttempts': def(z.number().int().min(3).max(20), 5),
  /**
   * The longest a locked account stays locked: locks start at 30 seconds and
   * double with each further failure up to this (see session-service.ts).
   * At most 15 minutes, so nobody can lock a colleague out for long.
   */
  'auth.lockoutMinutes': def(z.number().int().min(1).max(15), 5),
  /**
   * Years the records of a student who left or graduated are kept after the
   * leaving date; then the coordinator deletes them (retention-service.ts).
   * Configurable by the coordinator or IT's policy (docs/data-safety.md).
   */
  'retention.yearsAfterLeaving': def(z.number().int().min(1).max(50), 5),
  /**
   * Backups of each kind (daily, migration, import, manual, restore) the app
   * keeps in its backups folder; older ones are deleted, so what retention
   * deleted ages out of them (db/connection.ts pruneBackups). Set by the
   * coordinator (Data safety → Backups) or IT's policy.
   */
  'backups.keep': def(z.number().int().min(1).max(100), 5), // bounds as BACKUP_KEEP_MIN/MAX in domain/data-safety.ts
  /**
   * Small-number threshold: in every table that leaves the installation and
   * on every authority screen, counts from 1 to this minus one are hidden
   * (docs/statistics.md). At least 2 (1 would hide nothing), at most 50.
   */
  'statistics.threshold': def(z.number().int().min(2).max(50), DEFAULT_SUPPRESSION_THRESHOLD),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]['default'];
export type SettingSource = 'policy' | 'stored' | 'default';

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTINGS, key);
}

/**
 * The effective value: admin policy > stored > default. `undefined` means
 * "not set" at that level.
 */
export function resolveSetting<T>(definition: SettingDefinition<T>, levels: { policy?: unknown; stored?: unknown }): { value: T; source: SettingSource } {
  if (levels.policy !== undefined) {
    const parsed = definition.schema.safeParse(levels.policy);
    if (parsed.success) return { value: parsed.data, source: 'policy' };
  }
  if (levels.stored !== undefined) {
    const parsed = definition.schema.safeParse(levels.stored);
    if (parsed.success) return { value: parsed.data, source: 'stored' };
  }
  return { value: definition.default, source: 'default' };
}
