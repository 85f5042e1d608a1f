/**
 * Listing, checking and restoring the encrypted backups. A restore never
 * replaces the database with something unchecked: the backup must open with
 * this installation's key, pass integrity_check and hold a PuMPuRS schema
 * no newer than this app's. The current database is kept aside in the
 * backups folder (as a `restore` copy, pruned like every kind by the
 * `backups.keep` setting at the next open) before the backup takes
 * its place. The app cannot swap the file it has open, so a coordinator's
 * restore is scheduled (restore-pending.json) and done by createApp at the
 * next start, before the database is opened; the CLI restores at once.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BackupInvalidReason } from '../../src-shared/domain/data-safety';
import { AppError } from '../../src-shared/ipc/result';
import { BACKUP_KINDS, BACKUP_NAME, type BackupKind } from './connection';
import { isPlainSqlite, openEncrypted, removeDatabaseFiles } from './encryption';
import { MIGRATION_NAMES } from './migrations/index';

export interface BackupInfo {
  name: string;
  file: string;
  kind: BackupKind;
  schemaVersion: number;
  /** ISO time the backup was made (from its name). */
  at: string;
  bytes: number;
}

/** The backups in `dir`, newest first. */
export async function listBackups(dir: string): Promise<BackupInfo[]> {
  if (!existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of await readdir(dir)) {
    const m = BACKUP_NAME.exec(name);
    if (!m) continue;
    const stamp = name.replace(/^pumpurs-(?:[a-z]+-)?v\d+-/, '').replace(/\.sqlite$/, '');
    // 2025-01-01T10-00-00-000Z → 2025-01-01T10:00:00.000Z
    const at = stamp.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})\d*Z$/, '$1T$2:$3:$4.$5Z');
    const kind = (m[1] ?? 'migration') as BackupKind;
    if (!BACKUP_KINDS.includes(kind)) continue;
    out.push({ name, file: join(dir, name), kind, schemaVersion: Number(m[2]), at, bytes: (await stat(join(dir, name))).size });
  }
  return out.sort((a, b) => b.at.localeCompare(a.at) || b.name.localeCompare(a.name));
}

function invalid(reason: BackupInvalidReason, file: string): AppError {
  return new AppError('BACKUP_INVALID', { messageKey: `dataSafety.backup.invalid.${reason}`, details: { params: { file } } });
}

/** Checks that `file` is a restorable backup for this key; returns its schema version (applied migrations). */
export function checkBackup(file: string, key: Buffer, options: { nativeBinding?: string } = {}): { schemaVersion: number } {
  if (!existsSync(file)) throw invalid('missing', file);
  if (isPlainSqlite(file)) throw invalid('notEncrypted', file);
  let raw;
  try {
    raw = openEncrypted(file, key, { readonly: true, fileMustExist: true, ...options });
  } catch (err) {
    if (err instanceof AppError && err.code === 'DB_KEY_WRONG') throw invalid('wrongKey', file);
    throw invalid('integrity', file);
  }
  try {
    let integrity: unknown;
    try {
      integrity = raw.pragma('integrity_check', { simple: true });
    } catch {
      throw invalid('integrity', file);
    }
    if (integrity !== 'ok') throw invalid('integrity', file);
    const tables = new Set((raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    if (!tables.has('kysely_migration') || !tables.has('organisation') || !tables.has('audit_log')) throw invalid('notPumpurs', file);
    const applied = (raw.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map((r) => r.name);
    if (applied.some((name) => !MIGRATION_NAMES.includes(name))) throw invalid('fromNewerApp', file);
    return { schemaVersion: applied.length };
  } finally {
    raw.close();
  }
}

export interface RestoreResult {
  restoredFrom: string;
  /** Where the database that was replaced now is (null when there was none). */
  keptAside: string | null;
  schemaVersion: number;
}

/**
 * Replaces `dbFile` with the backup `from` after checkBackup. The current
 * database (its WAL checkpointed first) moves to the backups folder as
 * `pumpurs-restore-…`. Nothing is changed when the check fails.
 */
export async function restoreDatabase(options: {
  dbFile: string;
  backupsDir: string;
  key: Buffer;
  from: string;
  now: Date;
  nativeBinding?: string;
}): Promise<RestoreResult> {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const { schemaVersion } = checkBackup(options.from, options.key, binding);
  const tmp = `${options.dbFile}.restoring`;
  await removeDatabaseFiles(tmp);
  await copyFile(options.from, tmp);
  // The copy is what goes into place: check it again.
  try {
    checkBackup(tmp, options.key, binding);
  } catch (err) {
    await removeDatabaseFiles(tmp);
    throw err;
  }
  let keptAside: string | null = null;
  if (existsSync(options.dbFile)) {
    let currentVersion = 0;
    if (!isPlainSqlite(options.dbFile)) {
      const current = openEncrypted(options.dbFile, options.key, { fileMustExist: true, ...binding });
      try {
        current.pragma('wal_checkpoint(TRUNCATE)');
        currentVersion = (current.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'kysely_migration'").get() as { n: number }).n
          ? (current.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number }).n
          : 0;
      } finally {
        current.close();
      }
    }
    const stamp = options.now.toISOString().replace(/[:.]/g, '-');
    // The backups folder may not exist yet (no backup was ever written into it).
    await mkdir(options.backupsDir, { recursive: true });
    keptAside = join(options.backupsDir, `pumpurs-restore-v${String(currentVersion).padStart(4, '0')}-${stamp}.sqlite`);
    await rename(options.dbFile, keptAside);
    await rm(`${options.dbFile}-wal`, { force: true });
    await rm(`${options.dbFile}-shm`, { force: true });
  }
  await rename(tmp, options.dbFile);
  return { restoredFrom: options.from, keptAside, schemaVersion };
}

const PENDING = 'restore-pending.json';

/** Schedules a restore of `backupName` (a file in the backups folder) at the next start. */
export async function scheduleRestore(dataDir: string, backupsDir: string, backupName: string, key: Buffer): Promise<void> {
  if (basename(backupName) !== backupName || !BACKUP_NAME.test(backupName)) throw invalid('missing', backupName);
  checkBackup(join(backupsDir, backupName), key);
  await writeFile(join(dataDir, PENDING), `${JSON.stringify({ backup: backupName })}\n`, { mode: 0o600 });
}

/** The scheduled restore's backup name, or null. */
export async function pendingRestore(dataDir: string): Promise<string | null> {
  try {
    const parsed = JSON.parse(await readFile(join(dataDir, PENDING), 'utf8')) as { backup?: unknown };
    return typeof parsed.backup === 'string' && basename(parsed.backup) === parsed.backup && BACKUP_NAME.test(parsed.backup) ? parsed.backup : null;
  } catch {
    return null;
  }
}

export async function clearPendingRestore(dataDir: string): Promise<void> {
  await rm(join(dataDir, PENDING), { force: true });
}
