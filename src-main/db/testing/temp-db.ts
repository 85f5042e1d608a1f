/** A real SQLite file in a fresh temp folder, for tests: encrypted with a real key kept in a file SecretStore beside it. */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../ports/logger';
import { createFileSecretStore, type SecretStore } from '../../ports/secret-store';
import { openDatabase, type OpenedDatabase } from '../connection';
import { openEncrypted, resolveDatabaseKey } from '../encryption';

export interface TempDir {
  dir: string;
  remove(): Promise<void>;
}

export async function makeTempDir(prefix = 'pumpurs-test-'): Promise<TempDir> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The test secret store of a temp data folder (the same layout as the app's: `<dir>/secrets`). */
export function testSecretStore(dir: string): SecretStore {
  return createFileSecretStore(join(dir, 'secrets'));
}

/** The database key of a temp data folder, made on first use (like set-up). */
export async function testDatabaseKey(dir: string): Promise<Buffer> {
  return resolveDatabaseKey(testSecretStore(dir), join(dir, 'pumpurs.sqlite'), true);
}

let template: Promise<{ file: string; key: Buffer }> | undefined;

/**
 * One database migrated to the latest schema per test process, closed (its
 * WAL folded in). Migrating a new file runs every migration's DDL, and each
 * statement re-reads the schema: ~0.1–0.4 s a database, paid by every test
 * that asked for a fresh one (issue 12, item 5). The migrations themselves
 * are tested from empty files (migrations.test.ts, connection.test.ts).
 */
function migratedTemplate(): Promise<{ file: string; key: Buffer }> {
  template ??= (async () => {
    const tmp = await makeTempDir('pumpurs-template-');
    process.once('exit', () => rmSync(tmp.dir, { recursive: true, force: true }));
    const file = join(tmp.dir, 'pumpurs.sqlite');
    const key = await testDatabaseKey(tmp.dir);
    const opened = await openDatabase({ file, key, backupsDir: join(tmp.dir, 'backups'), log: silentLogger });
    await opened.close();
    return { file, key };
  })();
  return template;
}

/**
 * Writes a new database at the latest schema to `file`, encrypted with
 * `key`: a copy of the process's migrated template, re-encrypted with
 * `PRAGMA rekey`, so every test folder still has a key of its own, as every
 * installation does. For test set-ups that open the app on a new folder.
 */
export async function writeMigratedDatabase(file: string, key: Buffer): Promise<void> {
  const from = await migratedTemplate();
  await copyFile(from.file, file);
  const raw = openEncrypted(file, from.key);
  try {
    // SQLCipher rekeys only outside WAL mode; openDatabase turns WAL on again.
    raw.pragma('journal_mode = DELETE');
    raw.pragma(`rekey="x'${key.toString('hex')}'"`);
  } finally {
    raw.close();
  }
}

/** Opens the folder's database, migrated to `migrateTo` or the latest (a new one at the latest starts from the template). */
export async function openTempDatabase(dir: string, migrateTo?: string): Promise<OpenedDatabase> {
  const file = join(dir, 'pumpurs.sqlite');
  const isNew = !existsSync(file);
  const key = await testDatabaseKey(dir);
  if (migrateTo === undefined && isNew) await writeMigratedDatabase(file, key);
  return openDatabase({
    file,
    key,
    backupsDir: join(dir, 'backups'),
    log: silentLogger,
    ...(migrateTo ? { migrateTo } : {}),
  });
}
