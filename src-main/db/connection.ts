/**
 * Opens the organisation's SQLite database: refuses one made by a newer app
 * (and leaves it untouched), backs up before migrating, migrates in one
 * transaction, and sets the pragmas every connection needs.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { AppError } from '../../src-shared/ipc/result';
import type { Logger } from '../ports/logger';
import { MIGRATION_NAMES, SCHEMA_VERSION, migrations } from './migrations/index';
import type { DB } from './schema';

export interface OpenDatabaseOptions {
  file: string;
  backupsDir: string;
  /** How many pre-migration backups to keep. */
  keepBackups?: number;
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
  raw: Database.Database;
  file: string;
  close(): Promise<void>;
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

export function applyPragmas(raw: Database.Database): void {
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
}

/** Names of applied migrations, or [] for a new or empty file. */
function appliedMigrations(file: string, nativeBinding: string | undefined): string[] {
  if (!existsSync(file)) return [];
  const raw = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
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
  const keep = options.keepBackups ?? 5;
  const now = options.now ?? (() => new Date());

  const applied = appliedMigrations(file, options.nativeBinding);
  const unknown = applied.filter((name) => !MIGRATION_NAMES.includes(name));
  if (unknown.length > 0) {
    log.error('db.fromNewerApp', { file, unknown });
    throw new AppError('DB_FROM_NEWER_APP', { details: { params: { known: SCHEMA_VERSION, found: applied.length } } });
  }

  const target = options.migrateTo ?? MIGRATION_NAMES[MIGRATION_NAMES.length - 1];
  const targetIndex = target === undefined ? -1 : MIGRATION_NAMES.indexOf(target);
  if (options.migrateTo !== undefined && targetIndex < 0) throw new Error(`unknown migration ${options.migrateTo}`);
  const pending = MIGRATION_NAMES.slice(0, targetIndex + 1).filter((name) => !applied.includes(name));

  const raw = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    applyPragmas(raw);
    if (pending.length > 0 && applied.length > 0) {
      await backupBeforeMigration(raw, backupsDir, applied.length, keep, now());
      log.info('db.backedUp', { from: applied.length, to: applied.length + pending.length });
    }
  } catch (err) {
    raw.close();
    throw err;
  }

  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
  const migrator = new Migrator({ db, provider });
  const result = options.migrateTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(options.migrateTo);
  if (result.error) {
    await db.destroy();
    log.error('db.migrationFailed', { error: String(result.error) });
    throw result.error;
  }
  raw.pragma(`user_version = ${targetIndex + 1}`);
  return {
    db,
    raw,
    file,
    close: async () => {
      await db.destroy();
    },
  };
}

async function backupBeforeMigration(
  raw: Database.Database,
  dir: string,
  fromVersion: number,
  keep: number,
  at: Date,
): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  await raw.backup(join(dir, `pumpurs-v${String(fromVersion).padStart(4, '0')}-${stamp}.sqlite`));
  const copies = (await readdir(dir)).filter((f) => f.startsWith('pumpurs-v') && f.endsWith('.sqlite')).sort(byStamp);
  for (const old of copies.slice(0, Math.max(0, copies.length - keep))) {
    await rm(join(dir, old), { force: true });
  }
}

/** Backups sort by the time in their name, oldest first. */
function byStamp(a: string, b: string): number {
  const stamp = (f: string) => f.replace(/^pumpurs-v\d+-/, '');
  return stamp(a).localeCompare(stamp(b));
}
