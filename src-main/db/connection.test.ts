import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/ipc/result';
import { silentLogger } from '../ports/logger';
import { openDatabase } from './connection';
import { openEncrypted, type RawDatabase } from './encryption';
import { MIGRATION_NAMES, SCHEMA_VERSION } from './migrations/index';
import { makeTempDir, openTempDatabase, testDatabaseKey, type TempDir } from './testing/temp-db';

let tmp: TempDir;
beforeEach(async () => {
  tmp = await makeTempDir();
});
afterEach(async () => {
  await tmp.remove();
});

describe('openDatabase', () => {
  it('sets WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    const { raw, close } = await openTempDatabase(tmp.dir);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('synchronous', { simple: true })).toBe(2);
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(raw.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    await close();
  });

  it('makes no backup for a new database, and one before each later migration, keeping the last N', async () => {
    const first = MIGRATION_NAMES[0];
    if (!first) throw new Error('no migrations');
    await (await openTempDatabase(tmp.dir, first)).close();
    expect(await readdir(join(tmp.dir, 'backups')).catch(() => [])).toEqual([]);
    // The tables the last migration makes (none for a data migration): those of the full schema that the one before lacks.
    const tableNames = (raw: RawDatabase) => (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    const previous = await makeTempDir();
    const beforeLast = await openTempDatabase(previous.dir, MIGRATION_NAMES[MIGRATION_NAMES.length - 2] ?? first);
    const older = new Set(tableNames(beforeLast.raw));
    await beforeLast.close();
    await previous.remove();
    const key = await testDatabaseKey(tmp.dir);
    for (let i = 0; i < 3; i++) {
      // Pretend an older app: roll back the last migration's record so the next open migrates again.
      const db = await openDatabase({ file: join(tmp.dir, 'pumpurs.sqlite'), key, backupsDir: join(tmp.dir, 'backups'), log: silentLogger, keepBackups: 2, now: () => new Date(Date.UTC(2025, 0, 1 + i)) });
      await db.close();
      if (MIGRATION_NAMES.length < 2) break;
      const raw = openEncrypted(join(tmp.dir, 'pumpurs.sqlite'), key);
      const last = MIGRATION_NAMES[MIGRATION_NAMES.length - 1];
      raw.prepare('DELETE FROM kysely_migration WHERE name = ?').run(last);
      // Drop what the last migration made so it can run again.
      raw.pragma('foreign_keys = OFF');
      for (const name of tableNames(raw).filter((t) => !older.has(t))) raw.exec(`DROP TABLE IF EXISTS "${name}"`);
      raw.close();
    }
    const backups = await readdir(join(tmp.dir, 'backups'));
    expect(backups.length).toBe(2);
    for (const file of backups) {
      expect(file).toMatch(/^pumpurs-migration-v\d{4}-/);
      const copy = openEncrypted(join(tmp.dir, 'backups', file), key, { readonly: true });
      expect(copy.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'organisation'").get()).toEqual({ n: 1 });
      copy.close();
    }
  });

  it('refuses a database made by a newer app and leaves it untouched', async () => {
    await (await openTempDatabase(tmp.dir)).close();
    const file = join(tmp.dir, 'pumpurs.sqlite');
    const raw = openEncrypted(file, await testDatabaseKey(tmp.dir));
    raw.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('9999-from-the-future', new Date().toISOString());
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const { readFile } = await import('node:fs/promises');
    const before = await readFile(file);

    const error = await openTempDatabase(tmp.dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_FROM_NEWER_APP');
    expect((await readFile(file)).equals(before)).toBe(true);
    expect(await readdir(join(tmp.dir, 'backups')).catch(() => [])).toEqual([]);
  });
});
