/** A real SQLite file in a fresh temp folder, for tests: encrypted with a real key kept in a file SecretStore beside it. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../ports/logger';
import { createFileSecretStore, type SecretStore } from '../../ports/secret-store';
import { openDatabase, type OpenedDatabase } from '../connection';
import { resolveDatabaseKey } from '../encryption';

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

export async function openTempDatabase(dir: string, migrateTo?: string): Promise<OpenedDatabase> {
  return openDatabase({
    file: join(dir, 'pumpurs.sqlite'),
    key: await testDatabaseKey(dir),
    backupsDir: join(dir, 'backups'),
    log: silentLogger,
    ...(migrateTo ? { migrateTo } : {}),
  });
}
