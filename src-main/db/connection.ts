/**
 * Opens the organisation's SQLite database, encrypted with SQLCipher
 * (db/encryption.ts): encrypts a plain one of an older version first,
 * refuses one made by a newer app (and leaves it untouched), makes the
 * day's backup on the first start of each day, backs up before migrating,
 * migrates in one transaction, and sets the pragmas every connection needs.
 * Every backup is encrypted with the same key.
 */
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { BACKUP_KINDS, type BackupKind } from '../../src-shared/domain/data-safety';
import { SETTINGS } from '../../src-shared/domain/settings';
import { AppError } from '../../src-shared/ipc/result';
import type { Logger } from '../ports/logger';
import { registerAuditFunctions } from './audit-chain';
import { Database, encryptPlainBackups, encryptPlainDatabase, isPlainSqlite, openEncrypted, writeEncryptedCopy, type RawDatabase } from './encryption';
import { MIGRATION_NAMES, SCHEMA_VERSION, migrations } from './migrations/index';
import type { DB } from './schema';
import { cachingStatements } from './statement-cache';

export interface OpenDatabaseOptions {
  file: string;
  /** The 256-bit SQLCipher key, from the SecretStore (resolveDatabaseKey). */
  key: Buffer;
  backupsDir: string;
  /**
   * How many backups of each kind (daily, migration, import, manual, restore)
   * the backups folder keeps; older ones are deleted after each backup and at
   * each open. A number, or a function of the open database (the app reads
   * the `backups.keep` setting and IT's policy: create-app.ts). Default 5.
   */
  keepBackups?: number | ((raw: RawDatabase) => number);
  /** Make the day's backup on the first open of each day (the app and the CLI: yes; tests: as they choose). */
  dailyBackup?: boolean;
  log: Logger;
  now?: () => Date;
  /** Migrate only up to this migration (upgrade tests build old fixtures). */
  migrateTo?: string;
  /**
   * better-sqlite3's compiled addon to load instead of the one in
   * node_modules: `npm start` runs Electron, whose Node ABI differs from the
   * Node that tests and the CLI use (scripts/electron-native.mjs).
   */
  nativeBinding?: string;
}

export interface OpenedDatabase {
  db: Kysely<DB>;
  /** The raw connection, for backups and the few things kysely cannot do. */
  raw: RawDatabase;
  file: string;
  /** Writes an encrypted backup of kind `kind` into the backups folder now (and prunes old ones); returns its path. */
  backup(kind: BackupKind): Promise<string>;
  /** Deletes the backups beyond the keep count of each kind now (e.g. after the coordinator lowered it). */
  prune(): Promise<void>;
  /** Writes an encrypted copy (same key) to any path, e.g. `pumpurs backup --out FILE`. */
  copyTo(path: string): Promise<void>;
  close(): Promise<void>;
}

export { BACKUP_KINDS, type BackupKind };

/** Backups of each kind kept when nothing else is configured (the `backups.keep` setting's default). */
export const DEFAULT_KEEP_BACKUPS = SETTINGS['backups.keep'].default;
/** pumpurs-<kind>-v<schema>-<ISO time with - for : and .>.sqlite (older versions wrote pumpurs-v<schema>-… before migrations). */
export const BACKUP_NAME = /^pumpurs-(?:(daily|migration|import|manual|restore)-)?v(\d{4})-(\d{4}-\d{2}-\d{2})T[0-9-]+Z\.sqlite$/;

const provider: MigrationProvider = { getMigrations: async () => migrations };

export function applyPragmas(raw: RawDatabase): void {
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten with zeros, not left in free pages (retention: deleted data is gone from the file).
  raw.pragma('secure_delete = ON');
}

/** Names of applied migrations, or [] for a new or empty file. A plain file (an older version's) is read without the key. */
function appliedMigrations(file: string, key: Buffer, nativeBinding: string | undefined): string[] {
  if (!existsSync(file)) return [];
  const binding = nativeBinding ? { nativeBinding } : {};
  const raw = isPlainSqlite(file)
    ? new Database(file, { readonly: true, fileMustExist: true, ...binding })
    : openEncrypted(file, key, { readonly: true, fileMustExist: true, ...binding });
  try {
    const table = raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
    if (!table) return [];
    return (raw.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name);
  } finally {
    raw.close();
  }
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const { file, backupsDir, log } = options;
  const keepOption = options.keepBackups ?? DEFAULT_KEEP_BACKUPS;
  const now = options.now ?? (() => new Date());
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};

  const applied = appliedMigrations(file, options.key, options.nativeBinding);
  const unknown = applied.filter((name) => !MIGRATION_NAMES.includes(name));
  if (unknown.length > 0) {
    log.error('db.fromNewerApp', { file, unknown });
    throw new AppError('DB_FROM_NEWER_APP', { details: { params: { known: SCHEMA_VERSION, found: applied.length } } });
  }

  if (isPlainSqlite(file)) {
    // An older version's plain database: encrypt it (and its backups) before anything else.
    await encryptPlainDatabase(file, options.key, binding);
    const backups = await encryptPlainBackups(backupsDir, options.key, binding);
    log.info('db.encrypted', { file, backups });
  }

  const target = options.migrateTo ?? MIGRATION_NAMES[MIGRATION_NAMES.length - 1];
  const targetIndex = target === undefined ? -1 : MIGRATION_NAMES.indexOf(target);
  if (options.migrateTo !== undefined && targetIndex < 0) throw new Error(`unknown migration ${options.migrateTo}`);
  const pending = MIGRATION_NAMES.slice(0, targetIndex + 1).filter((name) => !applied.includes(name));

  const raw = openEncrypted(file, options.key, binding);
  const keep = () => (typeof keepOption === 'number' ? keepOption : keepOption(raw));
  const backup = async (kind: BackupKind, version: number): Promise<string> => {
    const path = await writeBackup(raw, options.key, backupsDir, kind, version, now(), binding);
    await pruneBackups(backupsDir, keep());
    log.info('db.backedUp', { kind, file: path });
    return path;
  };
  try {
    applyPragmas(raw);
    registerAuditFunctions(raw);
    if (applied.length > 0 && options.dailyBackup && !(await hasBackupOf(backupsDir, localDay(now())))) await backup('daily', applied.length);
    if (pending.length > 0 && applied.length > 0) await backup('migration', applied.length);
    // Copies kept aside by a restore (done before the open) and anything left over a smaller keep count age out now too.
    if (applied.length > 0) await pruneBackups(backupsDir, keep());
  } catch (err) {
    raw.close();
    throw err;
  }

  // Each SQL text prepared once (statement-cache.ts), not at every query.
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachingStatements(raw) }) });
  const migrator = new Migrator({ db, provider });
  // SQLite's procedure for schema changes (lang_altertable.html, "other kinds
  // of table schema changes"): foreign keys off outside the transaction, so a
  // migration that rebuilds a table others refer to (0011) neither cascades
  // nor counts the dropped parent's rows as violations; the whole result is
  // checked before it is trusted, and keys are enforced again after.
  if (pending.length > 0) raw.pragma('foreign_keys = OFF');
  const result = options.migrateTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(options.migrateTo);
  const broken = pending.length > 0 && !result.error ? (raw.pragma('foreign_key_check') as { table: string }[]) : [];
  raw.pragma('foreign_keys = ON');
  if (result.error || broken.length > 0) {
    await db.destroy();
    const error = result.error ?? new Error(`foreign keys broken after migrating: ${[...new Set(broken.map((b) => b.table))].join(', ')}`);
    log.error('db.migrationFailed', { error: String(error) });
    throw error;
  }
  raw.pragma(`user_version = ${targetIndex + 1}`);
  return {
    db,
    raw,
    file,
    backup: (kind) => backup(kind, (raw.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number }).n),
    prune: () => pruneBackups(backupsDir, keep()),
    copyTo: (path) => writeEncryptedCopy(raw, path, options.key, binding),
    close: async () => {
      await db.destroy();
    },
  };
}

/** YYYY-MM-DD of `at` in UTC (the stamp in backup names is UTC too). */
function localDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

async function hasBackupOf(dir: string, day: string): Promise<boolean> {
  if (!existsSync(dir)) return false;
  return (await readdir(dir)).some((f) => BACKUP_NAME.exec(f)?.[3] === day);
}

async function writeBackup(
  raw: RawDatabase,
  key: Buffer,
  dir: string,
  kind: BackupKind,
  version: number,
  at: Date,
  binding: { nativeBinding?: string },
): Promise<string> {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  let path = join(dir, `pumpurs-${kind}-v${String(version).padStart(4, '0')}-${stamp}.sqlite`);
  for (let n = 1; existsSync(path); n += 1) path = join(dir, `pumpurs-${kind}-v${String(version).padStart(4, '0')}-${stamp.replace(/Z$/, '')}${n}Z.sqlite`);
  await writeEncryptedCopy(raw, path, key, binding);
  return path;
}

/**
 * Keeps the newest `keep` backups of each kind (daily, migration, import,
 * manual, restore) in the backups folder and deletes the rest, so what
 * retention deleted ages out of every backup the app wrote. Files outside the
 * folder (`pumpurs backup --out FILE`) are the admin's.
 */
export async function pruneBackups(dir: string, keep: number): Promise<void> {
  if (!existsSync(dir)) return;
  const byKind = new Map<string, string[]>();
  for (const f of await readdir(dir)) {
    const m = BACKUP_NAME.exec(f);
    if (!m) continue;
    const kind = m[1] ?? 'migration';
    byKind.set(kind, [...(byKind.get(kind) ?? []), f]);
  }
  for (const copies of byKind.values()) {
    copies.sort(byStamp);
    for (const old of copies.slice(0, Math.max(0, copies.length - Math.max(1, keep)))) {
      await rm(join(dir, old), { force: true });
    }
  }
}

/** A setting as stored in the open database (JSON), or undefined (no table yet, not set, not JSON). */
export function storedSetting(raw: RawDatabase, key: string): unknown {
  try {
    const row = raw.prepare('SELECT value FROM setting WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/** Backups sort by the time in their name, oldest first. */
function byStamp(a: string, b: string): number {
  const stamp = (f: string) => f.replace(/^pumpurs-(?:[a-z]+-)?v\d+-/, '');
  return stamp(a).localeCompare(stamp(b));
}
