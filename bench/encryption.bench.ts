/**
 * The cost of encryption at rest (issue 13): the same demo school in two
 * files, one SQLCipher (better-sqlite3-multiple-ciphers with the app's key,
 * as the app opens it) and one plain SQLite (a decrypted copy, opened with
 * plain better-sqlite3), the same pragmas on both (db/connection.ts
 * applyPragmas). The plain file is also opened with the app's library
 * without a key: that pair differs only in the encryption (plain
 * better-sqlite3 is another SQLite build with other compile options, so its
 * figures show the library difference too). Typical operations, each timed
 * on each, with the ratio encrypted / plain:
 *  - open: opening the file and reading the first page (the key check);
 *  - register: every student with the number of plans, sorted by name;
 *  - point reads: students one by one by id;
 *  - small writes: one-row transactions, each synced (synchronous = FULL);
 *  - cold scan: a fresh connection reading every row of every table.
 */
import { copyFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import PlainDatabase from 'better-sqlite3';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyPragmas } from '../src-main/db/connection';
import { isPlainSqlite, openEncrypted, type RawDatabase } from '../src-main/db/encryption';
import { makeTempDir, openTempDatabase, testDatabaseKey } from '../src-main/db/testing/temp-db';
import { generateDemoData } from '../src-main/services/demo-data/demo-data';
import { loadRiskCatalogue } from '../src-main/services/school/risk-catalogue-service';
import { mib, ms, ratio, time, type BenchResult } from './measure';

const STUDENTS = Number(process.env.PUMPURS_BENCH_ENCRYPTION_STUDENTS ?? 1_000);
const TODAY = '2025-11-28';

type Opener = () => RawDatabase;

async function operations(open: Opener) {
  const tables = (() => {
    const raw = open();
    try {
      return (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
    } finally {
      raw.close();
    }
  })();
  const opening = await time(15, () => {
    const raw = open();
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
    raw.close();
  });
  const raw = open();
  applyPragmas(raw);
  try {
    const ids = (raw.prepare('SELECT id FROM student ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    const register = raw.prepare(
      'SELECT s.*, (SELECT count(*) FROM plan p WHERE p.student_id = s.id) AS plans FROM student s ORDER BY s.last_name, s.first_name',
    );
    const registerT = await time(7, () => register.all());
    const byId = raw.prepare('SELECT * FROM student WHERE id = ?');
    const pointT = await time(5, () => {
      for (const id of ids) byId.get(id);
    });
    const write = raw.prepare(
      'INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    const one = raw.transaction((i: number) => write.run(`bench.${i % 10}`, String(i), new Date(0).toISOString()));
    let n = 0;
    const writesT = await time(5, () => {
      for (let i = 0; i < 100; i++) one(n++);
    });
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const coldT = await time(5, () => {
      const fresh = open();
      try {
        for (const table of tables) fresh.prepare(`SELECT * FROM "${table}"`).all();
      } finally {
        fresh.close();
      }
    });
    return { opening, register: registerT, point: pointT, writes: writesT, cold: coldT, students: ids.length };
  } finally {
    raw.close();
  }
}

export async function benchEncryption(): Promise<BenchResult> {
  const dir = await makeTempDir('pumpurs-bench-encryption-');
  try {
    const db = await openTempDatabase(dir.dir);
    await generateDemoData(db.db, {
      students: STUDENTS,
      seed: 2025,
      today: TODAY,
      riskCatalogue: await loadRiskCatalogue(join(import.meta.dirname, '..', 'resources')),
    });
    db.raw.pragma('wal_checkpoint(TRUNCATE)');
    await db.close();
    const key = await testDatabaseKey(dir.dir);
    const encryptedFile = join(dir.dir, 'pumpurs.sqlite');
    const plainFile = join(dir.dir, 'plain.sqlite');
    // The plain twin: a copy, decrypted in place (an empty rekey), checked to be plain.
    await copyFile(encryptedFile, plainFile);
    const twin = openEncrypted(plainFile, key);
    twin.pragma('journal_mode = DELETE');
    twin.pragma("rekey = ''");
    twin.close();
    if (!isPlainSqlite(plainFile)) throw new Error('the plain copy is still encrypted');
    const sizes = { encrypted: (await stat(encryptedFile)).size, plain: (await stat(plainFile)).size };

    const encrypted = await operations(() => openEncrypted(encryptedFile, key));
    const sameLibrary = await operations(() => new Database(plainFile));
    const plain = await operations(() => new PlainDatabase(plainFile) as unknown as RawDatabase);
    const line = (label: string, e: { medianMs: number }, same: { medianMs: number }, p: { medianMs: number }) =>
      `${label}: encrypted ${ms(e.medianMs)}  vs plain (same library) ${ms(same.medianMs)} (${ratio(e.medianMs, same.medianMs)})  vs plain better-sqlite3 ${ms(p.medianMs)} (${ratio(e.medianMs, p.medianMs)})`;
    return {
      name: `encryption at rest: SQLCipher vs plain SQLite, ${encrypted.students} students`,
      lines: [
        `files: encrypted ${mib(sizes.encrypted)}, plain ${mib(sizes.plain)}`,
        line('open + key check (median of 15)', encrypted.opening, sameLibrary.opening, plain.opening),
        line('register query (median of 7)', encrypted.register, sameLibrary.register, plain.register),
        line(`${encrypted.students} point reads by id (median of 5)`, encrypted.point, sameLibrary.point, plain.point),
        line('100 one-row synced transactions (median of 5)', encrypted.writes, sameLibrary.writes, plain.writes),
        line('cold read of every table (median of 5)', encrypted.cold, sameLibrary.cold, plain.cold),
      ],
    };
  } finally {
    await dir.remove();
  }
}
