import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/ipc/result';
import { silentLogger } from '../ports/logger';
import { openDatabase } from './connection';
import { openEncrypted } from './encryption';
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

  it('makes no backup for a new database, and one (encrypted) before each later migration, keeping the last N', async () => {
    const first = MIGRATION_NAMES[0];
    const previous = MIGRATION_NAMES[MIGRATION_NAMES.length - 2];
    if (!first || !previous) throw new Error('too few migrations');
    await (await openTempDatabase(tmp.dir, first)).close();
    expect(await readdir(join(tmp.dir, 'backups')).catch(() => [])).toEqual([]);
    const key = await testDatabaseKey(tmp.dir);
    const backupsDir = join(tmp.dir, 'backups');
    for (let i = 0; i < 3; i++) {
      // An older app's database (one migration behind), opened by this app: backed up, then migrated.
      const file = join(tmp.dir, `older-${i}.sqlite`);
      await (await openDatabase({ file, key, backupsDir, log: silentLogger, migrateTo: previous })).close();
      expect(await readdir(backupsDir).catch(() => []), 'no backup while making the older database').toHaveLength(Math.min(i, 2));
      const db = await openDatabase({ file, key, backupsDir, log: silentLogger, keepBackups: 2, now: () => new Date(Date.UTC(2025, 0, 1 + i)) });
      await db.close();
    }
    const backups = (await readdir(backupsDir)).sort();
    expect(backups).toHaveLength(2);
    // The newest two were kept.
    expect(backups.map((f) => f.slice(f.indexOf('2025-')).slice(0, 10))).toEqual(['2025-01-02', '2025-01-03']);
    for (const file of backups) {
      expect(file).toMatch(new RegExp(`^pumpurs-migration-v${String(MIGRATION_NAMES.length - 1).padStart(4, '0')}-`));
      const copy = openEncrypted(join(backupsDir, file), key, { readonly: true });
      expect(copy.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'organisation'").get()).toEqual({ n: 1 });
      expect((copy.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number }).n).toBe(MIGRATION_NAMES.length - 1);
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
