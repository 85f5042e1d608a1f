/**
 * What retention deleted ages out of the backups (issue 13, items 4 and 7):
 * a school on a real encrypted SQLite file, backups of every kind the app
 * writes (daily, migration, import, manual, and the copy a restore keeps
 * aside, made by a real restore between two starts). Each backup is opened
 * with the installation's key and searched: before the deletion every one
 * holds the due student; after `keep` more backups of each kind none does,
 * and the folder keeps exactly `keep` of each kind. Run with two different
 * numbers set by the coordinator, so a hard-coded count fails.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_KINDS } from '../../../src-shared/domain/data-safety';
import { createApp } from '../../app/create-app';
import { BACKUP_NAME } from '../../db/connection';
import { makeTempDir } from '../../db/testing/temp-db';
import { createScriptedDialogs } from '../../ports/dialogs';
import { silentLogger } from '../../ports/logger';
import { FAST_SCRYPT } from '../testing/fast-scrypt';
import { DB_KEY_SECRET, openEncrypted } from '../../db/encryption';
import { restoreDatabase } from '../../db/restore';
import { pathsFor } from '../../ports/paths';
import { createFileSecretStore } from '../../ports/secret-store';
import { ACTOR, RESOURCES_DIR, makeSchool, movableClock, openAppAt, type Installation } from '../exchange/testing/exchange-fixture';

type Gone = { id: string; first_name: string; last_name: string; personal_code: string };

let school: Installation | undefined;
afterEach(async () => {
  await school?.close();
  school = undefined;
});

/** Every row of every table in the backup, opened with the key, as JSON texts. */
function rowsOf(file: string, key: Buffer): string[] {
  const raw = openEncrypted(file, key, { readonly: true, fileMustExist: true });
  try {
    const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    return tables.flatMap((table) => (raw.prepare(`SELECT * FROM "${table}"`).all() as unknown[]).map((row) => JSON.stringify(row)));
  } finally {
    raw.close();
  }
}

/** Whether the backup holds the student: the personal code anywhere, or a row with both the first and the last name. */
function holds(file: string, key: Buffer, student: Gone): boolean {
  return rowsOf(file, key).some((row) => row.includes(student.personal_code) || (row.includes(student.first_name) && row.includes(student.last_name)));
}

describe.each([2, 3])('backups keep %i of each kind, and a student deleted under retention ages out of them', (keep) => {
  it('holds the student in every backup before, in none after keep more of each kind', async () => {
    const clock = movableClock('2026-02-10T10:00:00.000Z');
    let minute = 0;
    const tick = () => {
      minute += 1;
      clock.set(new Date(Date.UTC(2026, 1, 10, 10, minute)).toISOString());
    };
    const s = await makeSchool(clock, { students: 20, today: '2026-02-10' });
    school = s;
    const paths = pathsFor(s.dataDir, RESOURCES_DIR);
    const key = (await createFileSecretStore(paths.secretsDir).get(DB_KEY_SECRET))!;
    expect(key).toBeDefined();

    // The coordinator sets the number kept (stored, audited).
    expect(await s.app.services.dataSafety.setKeep(ACTOR, keep)).toEqual({ value: keep, source: 'stored' });
    expect((await s.app.services.dataSafety.backups(ACTOR)).keep).toEqual({ value: keep, source: 'stored' });

    const student = s.raw.prepare('SELECT id, first_name, last_name, personal_code FROM student ORDER BY id LIMIT 1').get() as Gone;
    s.raw.prepare("UPDATE student SET status = 'left', left_on = '2019-06-15' WHERE id = ?").run(student.id);

    /** One backup of each kind: four written by the app while it runs, then a real restore between two starts keeps the current database aside. */
    const oneOfEach = async () => {
      for (const kind of ['daily', 'migration', 'import', 'manual'] as const) {
        tick();
        await s.app.database.backup(kind);
      }
      const from = (await s.app.services.dataSafety.backups(ACTOR)).backups.find((b) => b.kind === 'manual')!;
      await s.app.close();
      tick();
      const done = await restoreDatabase({
        dbFile: paths.dbFile,
        backupsDir: paths.backupsDir,
        key,
        from: join(paths.backupsDir, from.name),
        now: clock.now(),
      });
      expect(done.keptAside).toMatch(/pumpurs-restore-/);
      s.app = await openAppAt(clock, s.dataDir);
    };
    const backupFiles = async () => (await readdir(paths.backupsDir)).filter((f) => BACKUP_NAME.test(f)).map((f) => join(paths.backupsDir, f));
    const kindOf = (file: string) => BACKUP_NAME.exec(file.slice(paths.backupsDir.length + 1))![1];

    await oneOfEach();
    const before = await backupFiles();
    expect(new Set(before.map(kindOf))).toEqual(new Set(BACKUP_KINDS));
    for (const file of before) expect(holds(file, key, student), file).toBe(true);

    tick();
    const status = await s.app.services.retention.status(ACTOR);
    expect(status.due).toBe(1);
    await s.app.services.retention.deleteDue(ACTOR, 1);
    expect(s.raw.prepare('SELECT count(*) AS n FROM student WHERE id = ?').get(student.id)).toEqual({ n: 0 });

    // Right after the deletion the old backups still hold the student: they age out, they are not rewritten.
    expect(before.filter((file) => holds(file, key, student)).length).toBeGreaterThan(0);
    for (let i = 0; i < keep; i += 1) await oneOfEach();

    const after = await backupFiles();
    for (const kind of BACKUP_KINDS)
      expect(
        after.filter((f) => kindOf(f) === kind),
        kind,
      ).toHaveLength(keep);
    expect(after).toHaveLength(keep * BACKUP_KINDS.length);
    for (const file of after) expect(holds(file, key, student), file).toBe(false);
    // The backups kept are real ones of this school (opened with the key, other students there).
    for (const file of after) expect(rowsOf(file, key).length).toBeGreaterThan(0);
  }, 120_000);
});

describe('the number kept', () => {
  it('is refused out of range, and a lower number deletes the backups beyond it at once', async () => {
    const clock = movableClock('2026-02-10T10:00:00.000Z');
    const s = await makeSchool(clock, { students: 3, today: '2026-02-10' });
    school = s;
    const paths = pathsFor(s.dataDir, RESOURCES_DIR);
    expect((await s.app.services.dataSafety.backups(ACTOR)).keep).toEqual({ value: 5, source: 'default' });
    await expect(s.app.services.dataSafety.setKeep(ACTOR, 0)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    for (let i = 1; i <= 4; i += 1) {
      clock.set(`2026-02-10T10:0${i}:00.000Z`);
      await s.app.database.backup('manual');
    }
    expect(await readdir(paths.backupsDir)).toHaveLength(4);
    await s.app.services.dataSafety.setKeep(ACTOR, 2);
    const left = (await readdir(paths.backupsDir)).sort();
    expect(left).toHaveLength(2);
    // The newest two are the ones kept.
    expect(left.map((f) => f.slice(-31))).toEqual(['2026-02-10T10-03-00-000Z.sqlite', '2026-02-10T10-04-00-000Z.sqlite']);
    expect(s.raw.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'setting' AND entity_id = 'backups.keep'").get()).toEqual({ n: 1 });
  }, 60_000);

  it("is IT's when the policy fixes it: the coordinator is refused, and the policy's number prunes", async () => {
    const clock = movableClock('2026-02-10T10:00:00.000Z');
    const tmp = await makeTempDir('pumpurs-keep-policy-');
    const paths = pathsFor(join(tmp.dir, 'data'), RESOURCES_DIR);
    const app = await createApp(
      {
        paths,
        clock,
        log: silentLogger,
        secrets: createFileSecretStore(paths.secretsDir),
        dialogs: createScriptedDialogs(),
        appVersion: '0.1.0',
        policy: { 'backups.keep': 1 },
      },
      { hashParams: FAST_SCRYPT },
    );
    try {
      expect((await app.services.dataSafety.backups(ACTOR)).keep).toEqual({ value: 1, source: 'policy' });
      await expect(app.services.dataSafety.setKeep(ACTOR, 4)).rejects.toMatchObject({ code: 'RULE_VIOLATION', messageKey: 'errors.settings.setByPolicy' });
      for (let i = 1; i <= 3; i += 1) {
        clock.set(`2026-02-10T10:0${i}:00.000Z`);
        await app.database.backup('manual');
      }
      expect(await readdir(paths.backupsDir)).toEqual([expect.stringMatching(/^pumpurs-manual-v\d{4}-2026-02-10T10-03-00-000Z\.sqlite$/)]);
    } finally {
      await app.close();
      await tmp.remove();
    }
  }, 60_000);
});
