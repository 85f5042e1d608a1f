/**
 * Encryption at rest: SQLCipher through better-sqlite3-multiple-ciphers
 * (better-sqlite3's API). The database, its WAL and every backup are
 * encrypted with one random 256-bit key that lives only in the SecretStore
 * (`database-key`): safeStorage in the app, the owner-only file store for
 * the CLI under Node and the tests.
 *
 * The key is made once, when the database is made (set-up: the wizard's
 * first start, `pumpurs init`, `pumpurs demo-data`), or when a plain
 * database of an older version is encrypted on its first start
 * (encryptPlainDatabase: copy, encrypt the copy, verify it, then swap).
 * Everything else finds the key or stops with a message.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../src-shared/ipc/result';
import type { SecretStore } from '../ports/secret-store';

export type RawDatabase = Database.Database;
export { Database };

/** The SecretStore name of the database key. */
export const DB_KEY_SECRET = 'database-key';
const KEY_BYTES = 32;
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface RawOpenOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  nativeBinding?: string;
}

function keyPragma(key: Buffer): string {
  if (key.length !== KEY_BYTES) throw new Error('database key must be 32 bytes');
  return `key="x'${key.toString('hex')}'"`;
}

/**
 * Opens `file` with the key (SQLCipher 4 format). A wrong key, a missing key
 * for an encrypted file or a damaged file is DB_KEY_WRONG, and the
 * connection is closed.
 */
export function openEncrypted(file: string, key: Buffer, options: RawOpenOptions = {}): RawDatabase {
  const raw = new Database(file, {
    ...(options.readonly ? { readonly: true } : {}),
    ...(options.fileMustExist ? { fileMustExist: true } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    raw.pragma("cipher='sqlcipher'");
    raw.pragma(keyPragma(key));
    // The key is only checked when a page is read.
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    raw.close();
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new AppError('DB_KEY_WRONG', { details: { params: { file } } });
    }
    throw err;
  }
  return raw;
}

/** True when `file` starts with SQLite's plain header (not encrypted). False for a missing or short file. */
export function isPlainSqlite(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(PLAIN_HEADER);
  } finally {
    closeSync(fd);
  }
}

/** A fresh random key; store it with the SecretStore before anything is encrypted with it. */
export function newDatabaseKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/**
 * The database key for `dbFile`:
 * - stored: returned;
 * - none and no database yet: made now when `mayCreate` (set-up), else NOT_SET_UP;
 * - none and a plain database (an older version's): made now, for the
 *   encryption on first start;
 * - none and an encrypted database: DB_KEY_MISSING (never a new key: it
 *   could not open the data anyway).
 */
export async function resolveDatabaseKey(secrets: SecretStore, dbFile: string, mayCreate: boolean): Promise<Buffer> {
  const stored = await secrets.get(DB_KEY_SECRET);
  if (stored !== null) {
    if (stored.length !== KEY_BYTES) throw new AppError('DB_KEY_WRONG', { details: { params: { file: dbFile } } });
    return stored;
  }
  const exists = existsSync(dbFile);
  if (exists && !isPlainSqlite(dbFile)) throw new AppError('DB_KEY_MISSING', { details: { params: { file: dbFile } } });
  if (!exists && !mayCreate) throw new AppError('NOT_SET_UP');
  const key = newDatabaseKey();
  await secrets.set(DB_KEY_SECRET, key);
  return key;
}

/** Removes a database file with its WAL and shared-memory files. */
export async function removeDatabaseFiles(file: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${file}${suffix}`, { force: true });
}

/** Moves a database file with its WAL and shared-memory files. */
async function moveDatabaseFiles(from: string, to: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(`${from}${suffix}`)) await rename(`${from}${suffix}`, `${to}${suffix}`);
  }
}

/** Row counts of every table: what the verification compares. */
function tableCounts(raw: RawDatabase): Record<string, number> {
  const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, (raw.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n]),
  );
}

/**
 * Encrypts a plain database in place, safely: (1) a plain copy is made with
 * SQLite's backup API next to it (WAL included); (2) the copy is encrypted
 * with `PRAGMA rekey`; (3) the encrypted copy is opened with the key and
 * must pass integrity_check with the same row count in every table;
 * (4) only then the original is moved aside, the copy takes its place and
 * the plain original is deleted. A failure before (4) leaves the original
 * untouched and removes the copy.
 */
export async function encryptPlainDatabase(file: string, key: Buffer, options: { nativeBinding?: string } = {}): Promise<void> {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const copy = `${file}.encrypting`;
  const aside = `${file}.plain-before-encryption`;
  await removeDatabaseFiles(copy);
  const plain = new Database(file, { fileMustExist: true, ...binding });
  let expected: Record<string, number>;
  try {
    expected = tableCounts(plain);
    await plain.backup(copy);
  } finally {
    plain.close();
  }
  try {
    const c = new Database(copy, { fileMustExist: true, ...binding });
    try {
      c.pragma('journal_mode = DELETE');
      c.pragma("cipher='sqlcipher'");
      c.pragma(`re${keyPragma(key)}`);
    } finally {
      c.close();
    }
    if (isPlainSqlite(copy)) throw new Error('the copy was not encrypted');
    const check = openEncrypted(copy, key, { fileMustExist: true, ...binding });
    try {
      const integrity = check.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new Error(`integrity_check of the encrypted copy: ${String(integrity)}`);
      const found = tableCounts(check);
      if (JSON.stringify(found) !== JSON.stringify(expected)) throw new Error('the encrypted copy does not hold the same rows');
    } finally {
      check.close();
    }
  } catch (err) {
    await removeDatabaseFiles(copy);
    throw err;
  }
  await removeDatabaseFiles(aside);
  await moveDatabaseFiles(file, aside);
  await rename(copy, file);
  await removeDatabaseFiles(aside);
}

/**
 * Encrypts every plain backup in `dir` with the key (each one as above),
 * so that no copy of the data stays readable once the database is
 * encrypted. Returns how many were encrypted.
 */
export async function encryptPlainBackups(dir: string, key: Buffer, options: { nativeBinding?: string } = {}): Promise<number> {
  if (!existsSync(dir)) return 0;
  const { readdir } = await import('node:fs/promises');
  let done = 0;
  for (const name of await readdir(dir)) {
    const file = join(dir, name);
    if (!name.endsWith('.sqlite') || !isPlainSqlite(file)) continue;
    await encryptPlainDatabase(file, key, options);
    done += 1;
  }
  return done;
}

/** Writes an encrypted copy of the open database to `to` (same key): VACUUM INTO, then integrity_check of the copy. */
export async function writeEncryptedCopy(raw: RawDatabase, to: string, key: Buffer, options: { nativeBinding?: string } = {}): Promise<void> {
  await mkdir(join(to, '..'), { recursive: true, mode: 0o700 });
  const tmp = `${to}.tmp`;
  await removeDatabaseFiles(tmp);
  try {
    raw.prepare('VACUUM INTO ?').run(tmp);
    if (isPlainSqlite(tmp)) throw new Error('backup was written unencrypted');
    const check = openEncrypted(tmp, key, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    try {
      const integrity = check.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new Error(`integrity_check of the backup: ${String(integrity)}`);
    } finally {
      check.close();
    }
    await rename(tmp, to);
  } catch (err) {
    await removeDatabaseFiles(tmp);
    throw err;
  }
}
