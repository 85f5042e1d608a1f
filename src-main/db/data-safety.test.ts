/**
 * Issue 13's guarantees, each with real files, a real SQLCipher database
 * and real keys in a file SecretStore: the database, its WAL and every
 * backup are encrypted; an older plain database is encrypted on first start;
 * one key store per data folder (`keys show` on the other store's folder
 * changes no file); a restore round trip; the audit chain reports edits and
 * deletions made with the triggers dropped.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../src-shared/i18n/catalogue/index';
import { AppError } from '../../src-shared/ipc/result';
import { createApp, type AppInstance } from '../app/create-app';
import { createEncryptedFileSecretStore, type StringCipher } from '../app/encrypted-file-secret-store';
import { useCliSession } from '../cli/testing/cli-session';
import { fixedClock } from '../ports/clock';
import { createScriptedDialogs } from '../ports/dialogs';
import { silentLogger } from '../ports/logger';
import { pathsFor, type AppPaths } from '../ports/paths';
import { createFileSecretStore, type SecretStore } from '../ports/secret-store';
import { generateDemoData } from '../services/demo-data/demo-data';
import { loadRiskCatalogue } from '../services/school/risk-catalogue-service';
import { verifyAuditChain } from './audit-chain';
import { DB_KEY_SECRET, Database, openEncrypted } from './encryption';

const resourcesDir = join(import.meta.dirname, '..', '..', 'resources');
const clock = fixedClock('2025-10-15T10:00:00Z');
const PLAIN = 'SQLite format 3';

let dataDir: string;
let paths: AppPaths;
// Every CLI call here names the test's data folder.
const { out, err, run, file: inTmp } = useCliSession('pumpurs-test-', clock, { fresh: 'test', argv: () => ['--data-dir', dataDir] });

beforeEach(() => {
  dataDir = inTmp('data');
  paths = pathsFor(dataDir, resourcesDir);
});

const open = (secrets: SecretStore = createFileSecretStore(paths.secretsDir), daily = false): Promise<AppInstance> =>
  createApp({ paths, clock, log: silentLogger, secrets, dialogs: createScriptedDialogs(), appVersion: 'test', backups: { daily } });

async function demoSchool(): Promise<{ name: string }> {
  const app = await open();
  try {
    await generateDemoData(app.database.db, { students: 12, seed: 7, today: '2025-10-15', riskCatalogue: await loadRiskCatalogue(resourcesDir) });
    const student = app.database.raw.prepare('SELECT first_name, last_name FROM student ORDER BY last_name LIMIT 1').get() as {
      first_name: string;
      last_name: string;
    };
    return { name: `${student.last_name}` };
  } finally {
    await app.close();
  }
}

/** Every file under `dir` with its size, modification time and SHA-256. */
function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const s = statSync(path);
        result[relative(dir, path)] = `${s.size}:${s.mtimeMs}:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
      }
    }
  };
  walk(dir);
  return result;
}

function assertEncrypted(file: string, secret: string): void {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, PLAIN.length).toString('latin1'), `${file} starts like a plain SQLite file`).not.toBe(PLAIN);
  expect(bytes.includes(Buffer.from(secret, 'utf8')), `${file} holds "${secret}" in clear`).toBe(false);
}

/** A stand-in for safeStorage (the app's store), as in encrypted-file-secret-store.test.ts. */
const fakeCipher: StringCipher = {
  encrypt: async (plain) => Buffer.from(`v1:${Buffer.from(plain, 'utf8').reverse().toString('hex')}`),
  decrypt: async (sealed) => ({
    result: Buffer.from(sealed.toString().split(':')[1] ?? '', 'hex')
      .reverse()
      .toString('utf8'),
    shouldReEncrypt: false,
  }),
};
const appStore = () => createEncryptedFileSecretStore(paths.secretsDir, fakeCipher, async () => undefined);

describe('encryption at rest', () => {
  it('the database, its WAL and every backup start without the SQLite header and hold no student name in clear', async () => {
    const { name } = await demoSchool();
    const app = await open(createFileSecretStore(paths.secretsDir), true);
    try {
      // The WAL holds the latest writes until a checkpoint: write some and look at it before closing.
      await app.database.db
        .updateTable('student')
        .set({ last_name: `${name}` })
        .where('last_name', '=', name)
        .execute();
      await app.database.backup('import');
      await app.database.backup('manual');
      await app.database.copyTo(inTmp('elsewhere.sqlite'));
      expect(existsSync(`${paths.dbFile}-wal`)).toBe(true);
      assertEncrypted(`${paths.dbFile}-wal`, name);
    } finally {
      await app.close();
    }
    assertEncrypted(paths.dbFile, name);
    const backups = await readdir(paths.backupsDir);
    expect(
      backups.some((f) => f.startsWith('pumpurs-daily-')),
      'the first start of the day made a daily backup',
    ).toBe(true);
    expect(backups.some((f) => f.startsWith('pumpurs-import-'))).toBe(true);
    for (const f of backups) assertEncrypted(join(paths.backupsDir, f), name);
    assertEncrypted(inTmp('elsewhere.sqlite'), name);
    // The check can see a name: a plain copy of the same data shows it.
    const key = (await createFileSecretStore(paths.secretsDir).get(DB_KEY_SECRET))!;
    const plain = inTmp('plain.sqlite');
    await copyFile(paths.dbFile, plain);
    const raw = openEncrypted(plain, key);
    raw.pragma('journal_mode = DELETE');
    raw.pragma("rekey=''");
    raw.close();
    expect(readFileSync(plain).includes(Buffer.from(name, 'utf8'))).toBe(true);
  });

  it('makes one random 256-bit key, kept only in the secret store', async () => {
    await (await open()).close();
    const key = await createFileSecretStore(paths.secretsDir).get(DB_KEY_SECRET);
    expect(key?.length).toBe(32);
    expect(() => new Database(paths.dbFile, { readonly: true }).prepare('SELECT * FROM sqlite_master').all()).toThrow(/not a database/);
    const other = Buffer.alloc(32, 7);
    expect(() => openEncrypted(paths.dbFile, other)).toThrow(AppError);
  });

  it('encrypts an older plain database and its backups on first start, keeping every row', async () => {
    const { name } = await demoSchool();
    // Make it what an older version left: plain database, plain backup, no key.
    const key = (await createFileSecretStore(paths.secretsDir).get(DB_KEY_SECRET))!;
    const raw = openEncrypted(paths.dbFile, key);
    raw.pragma('journal_mode = DELETE');
    raw.pragma("rekey=''");
    raw.close();
    await mkdir(paths.backupsDir, { recursive: true });
    await copyFile(paths.dbFile, join(paths.backupsDir, 'pumpurs-v0004-2025-09-01T08-00-00-000Z.sqlite'));
    await rm(join(paths.secretsDir, DB_KEY_SECRET));
    const plain = new Database(paths.dbFile, { readonly: true });
    const students = (plain.prepare('SELECT count(*) AS n FROM student').get() as { n: number }).n;
    plain.close();
    expect(readFileSync(paths.dbFile).subarray(0, 15).toString('latin1')).toBe(PLAIN);

    const app = await open();
    try {
      expect((app.database.raw.prepare('SELECT count(*) AS n FROM student').get() as { n: number }).n).toBe(students);
    } finally {
      await app.close();
    }
    const newKey = await createFileSecretStore(paths.secretsDir).get(DB_KEY_SECRET);
    expect(newKey?.length).toBe(32);
    assertEncrypted(paths.dbFile, name);
    for (const f of await readdir(paths.backupsDir)) assertEncrypted(join(paths.backupsDir, f), name);
    expect((await readdir(dataDir)).filter((f) => f.includes('plain') || f.includes('encrypting'))).toEqual([]);
  });

  it('refuses an encrypted database whose key is gone, changing nothing and making no key', async () => {
    await demoSchool();
    await rm(join(paths.secretsDir, DB_KEY_SECRET));
    const before = snapshot(dataDir);
    const error = await open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_KEY_MISSING');
    expect(snapshot(dataDir)).toEqual(before);
  });
});

describe('secure delete', () => {
  it('a deleted student’s name is gone from the (decrypted) database file, not left in free pages', async () => {
    await demoSchool();
    const app = await open();
    let name: string;
    try {
      expect(app.database.raw.pragma('secure_delete', { simple: true })).toBe(1);
      const row = app.database.raw
        .prepare(
          'SELECT id, first_name, last_name FROM student WHERE id NOT IN (SELECT student_id FROM plan) AND id NOT IN (SELECT student_id FROM screening) LIMIT 1',
        )
        .get() as { id: string; first_name: string; last_name: string } | undefined;
      if (!row) throw new Error('the demo school has no student without a plan or screening');
      name = `${row.first_name}-${row.last_name}-${'x'.repeat(40)}`;
      // A long, unique marker, written and then deleted.
      app.database.raw.prepare('UPDATE student SET last_name = ? WHERE id = ?').run(name, row.id);
      app.database.raw.pragma('wal_checkpoint(TRUNCATE)');
      app.database.raw.prepare('DELETE FROM guardian WHERE student_id = ?').run(row.id);
      app.database.raw.prepare('DELETE FROM student WHERE id = ?').run(row.id);
      app.database.raw.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await app.close();
    }
    const key = (await createFileSecretStore(paths.secretsDir).get(DB_KEY_SECRET))!;
    const plain = inTmp('decrypted.sqlite');
    await copyFile(paths.dbFile, plain);
    const raw = openEncrypted(plain, key);
    raw.pragma('journal_mode = DELETE');
    raw.pragma("rekey=''");
    raw.close();
    expect(readFileSync(plain).includes(Buffer.from(name, 'utf8'))).toBe(false);
  });
});

describe('one key store, no implicit keys', () => {
  it('`keys show` on a folder holding the app’s sealed keys refuses with what to do, and changes no file', async () => {
    // The app set this folder up: its keys are sealed by (a stand-in for) safeStorage.
    const app = await open(appStore());
    await app.services.exchange.keys.ensure();
    await app.close();
    expect((await readdir(paths.secretsDir)).every((f) => f.endsWith('.sealed'))).toBe(true);
    const before = snapshot(dataDir);

    expect(await run('keys', 'show')).toBe(1);
    expect(err.join('\n')).toContain(en['dataSafety.keyStore.sealedHere']!.split('{{')[0]!);
    expect(err.join('\n')).toContain('--cli');
    expect(snapshot(dataDir)).toEqual(before);
    // No other verb forks the folder either.
    expect(await run('students', 'list')).toBe(1);
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('the app refuses a folder holding the command line’s plain keys', async () => {
    expect(await run('init', '--name', 'Madonas pilsētas vidusskola', '--code', '4313900456', '--municipality', 'Madonas novads')).toBe(0);
    const before = snapshot(dataDir);
    const error = await open(appStore()).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('KEY_STORE_MISMATCH');
    expect((error as AppError).messageKey).toBe('dataSafety.keyStore.plainHere');
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('`keys show` never makes keys: without them it stops with a message', async () => {
    await demoSchool();
    const secretsBefore = await readdir(paths.secretsDir);
    expect(await run('keys', 'show')).toBe(1);
    expect(err.join('\n')).toContain(en['errors.code.KEYS_MISSING']!);
    expect(await readdir(paths.secretsDir)).toEqual(secretsBefore);
    expect(secretsBefore).not.toContain('signing-key.pem');
  });

  it('verbs other than set-up do not make a database or a key in an empty folder', async () => {
    expect(await run('keys', 'show')).toBe(1);
    expect(await run('backup')).toBe(1);
    expect(existsSync(dataDir) ? snapshot(dataDir) : {}).toEqual({});
  });
});

describe('backups and restore', () => {
  it('round trip: backup --out, change, restore FILE; the changed database is kept aside, the restore audited', async () => {
    const { name } = await demoSchool();
    const file = inTmp('monday.sqlite');
    expect(await run('backup', '--out', file)).toBe(0);
    assertEncrypted(file, name);
    const count = async () => {
      const app = await open();
      try {
        return (app.database.raw.prepare('SELECT count(*) AS n FROM student WHERE last_name = ?').get(name) as { n: number }).n;
      } finally {
        await app.close();
      }
    };
    const original = await count();
    expect(original).toBeGreaterThan(0);
    const app = await open();
    await app.database.db.updateTable('student').set({ last_name: 'Changed' }).where('last_name', '=', name).execute();
    await app.close();
    expect(await count()).toBe(0);

    expect(await run('restore', file)).toBe(0);
    expect(await count()).toBe(original);
    const aside = (await readdir(paths.backupsDir)).filter((f) => f.startsWith('pumpurs-restore-'));
    expect(aside).toHaveLength(1);
    const key = (await createFileSecretStore(paths.secretsDir).get(DB_KEY_SECRET))!;
    const kept = openEncrypted(join(paths.backupsDir, aside[0]!), key, { readonly: true });
    expect(kept.prepare("SELECT count(*) AS n FROM student WHERE last_name = 'Changed'").get()).toEqual({ n: original });
    kept.close();
    const after = await open();
    try {
      expect(after.database.raw.prepare("SELECT entity_id FROM audit_log WHERE entity = 'database' ORDER BY id DESC LIMIT 1").get()).toEqual({
        entity_id: 'restore',
      });
      expect(verifyAuditChain(after.database.raw).ok).toBe(true);
    } finally {
      await after.close();
    }
    expect(await run('backups', 'list')).toBe(0);
    expect(out.join('\n')).toContain(aside[0]!);
  });

  it('refuses a damaged, plain or foreign backup and leaves the database as it was', async () => {
    await demoSchool();
    const damaged = inTmp('damaged.sqlite');
    expect(await run('backup', '--out', damaged)).toBe(0);
    const before = snapshot(dataDir);
    const bytes = readFileSync(damaged);
    bytes.fill(0x41, 8192, 12288);
    await writeFile(damaged, bytes);
    const plain = inTmp('plain.sqlite');
    new Database(plain).exec('CREATE TABLE t (x)');
    for (const [file, key] of [
      [damaged, 'dataSafety.backup.invalid.integrity'],
      [plain, 'dataSafety.backup.invalid.notEncrypted'],
      [inTmp('none.sqlite'), 'dataSafety.backup.invalid.missing'],
    ] as const) {
      expect(await run('restore', file, '--json')).toBe(1);
      expect(JSON.parse(out[0]!).error.messageKey).toBe(key);
    }
    expect(snapshot(dataDir)).toEqual(before);
  });
});

describe('tamper-evident audit log', () => {
  async function tamper(sql: string): Promise<void> {
    const key = (await createFileSecretStore(paths.secretsDir).get(DB_KEY_SECRET))!;
    const raw = openEncrypted(paths.dbFile, key);
    raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; DROP TRIGGER IF EXISTS audit_log_chain;');
    raw.exec(sql);
    raw.close();
  }

  beforeEach(async () => {
    expect(await run('init', '--name', 'Madonas pilsētas vidusskola', '--code', '4313900456', '--municipality', 'Madonas novads')).toBe(0);
    expect(await run('audit', 'verify')).toBe(0);
    expect(out[0]).toMatch(/^The audit log is intact: \d+ entries/);
  });

  it('reports an edited row', async () => {
    await tamper("UPDATE audit_log SET actor_name = 'Someone else' WHERE id = 2");
    expect(await run('audit', 'verify')).toBe(1);
    expect(err.join('\n')).toContain('entry 2 was changed after it was written');
  });

  it('reports a deleted row in the middle and rows cut from the end', async () => {
    await tamper('DELETE FROM audit_log WHERE id = 2');
    expect(await run('audit', 'verify', '--json')).toBe(1);
    expect(JSON.parse(out[0]!).problems).toContainEqual({ id: 3, kind: 'unlinked' });
    await tamper('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)');
    expect(await run('audit', 'verify', '--json')).toBe(1);
    expect(JSON.parse(out[0]!).problems.map((p: { kind: string }) => p.kind)).toContain('endCut');
  });

  it('chains every new row, and the check at start sees a broken chain', async () => {
    const app = await open();
    try {
      expect(app.auditChain.ok).toBe(true);
      const rows = app.database.raw.prepare('SELECT prev_hash, hash FROM audit_log ORDER BY id').all() as { prev_hash: string; hash: string }[];
      expect(rows.length).toBeGreaterThan(2);
      rows.forEach((row, i) => expect(row.prev_hash).toBe(i === 0 ? '' : rows[i - 1]!.hash));
      expect(() => app.database.raw.prepare("UPDATE audit_log SET detail = '{}' WHERE id = 1").run()).toThrow(/append-only/);
    } finally {
      await app.close();
    }
    await tamper(
      "INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, detail, prev_hash, hash) SELECT at, actor_id, actor_name, action, entity, entity_id, detail, hash, 'forged' FROM audit_log ORDER BY id DESC LIMIT 1",
    );
    const again = await open();
    try {
      expect(again.auditChain.ok).toBe(false);
    } finally {
      await again.close();
    }
  });
});
