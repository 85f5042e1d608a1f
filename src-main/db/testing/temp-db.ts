/** A real SQLite file in a fresh temp folder, for tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../ports/logger';
import { openDatabase, type OpenedDatabase } from '../connection';

export interface TempDir {
  dir: string;
  remove(): Promise<void>;
}

export async function makeTempDir(prefix = 'pumpurs-test-'): Promise<TempDir> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function openTempDatabase(dir: string, migrateTo?: string): Promise<OpenedDatabase> {
  return openDatabase({
    file: join(dir, 'pumpurs.sqlite'),
    backupsDir: join(dir, 'backups'),
    log: silentLogger,
    ...(migrateTo ? { migrateTo } : {}),
  });
}
