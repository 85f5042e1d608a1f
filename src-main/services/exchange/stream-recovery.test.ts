/**
 * Recovery of a school that lost its data (issue 13, item 5;
 * docs/package-format.md "Streams that start again"), with real packages,
 * real keys and real encrypted databases:
 *
 * - the school sends seq 1-3 (a student edited in between), makes seq 4
 *   that never arrives, then restores its backup from after seq 1: its
 *   counter is back at 1;
 * - its next package (seq 2 again) is refused STREAM_RESTARTED with a
 *   message saying what to do, and the municipality's database is unchanged;
 * - the coordinator accepts the new stream by `pumpurs stream accept`
 *   (audited, with the reason); the package then imports, its older edition
 *   of the edited student replacing the one held from the old stream;
 * - replays stay refused: seq 4 of the old stream (never delivered) is
 *   STALE_REPLAY, packages already held are ALREADY_IMPORTED; the school's
 *   next package imports without a warning; a package that did not restart
 *   anything cannot be used to reset a stream.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n, keyFromData } from '../../../src-shared/i18n/index';
import { runCli } from '../../cli/cli';
import { testCliIo } from '../../cli/testing/cli-session';
import { ACTOR, dumpDatabase, link, makeAuthority, makeSchool, movableClock, openAppAt, type Installation } from './testing/exchange-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
let school: Installation;
let muni: Installation;
let semesterId: string;
let studentId: string;
const pkg = (name: string) => join(school.tmp.dir, `${name}.pumpurs`);

const cli = async (...argv: string[]) => {
  const sink = { out: [] as string[], err: [] as string[] };
  const code = await runCli(argv, testCliIo(sink, join(muni.tmp.dir, 'home'), clock));
  return { code, ...sink };
};

async function exportAt(iso: string, name: string): Promise<string> {
  clock.set(iso);
  await school.app.services.exchange.exporter.export(ACTOR, { path: pkg(name), semesterId });
  return pkg(name);
}

async function importAt(iso: string, path: string) {
  clock.set(iso);
  const result = await muni.app.services.exchange.importer.commit(ACTOR, [path]);
  const file = result.files[0];
  if (!file) throw new Error('no result');
  return file;
}

function studentVersionAtMuni(): number {
  const row = muni.raw.prepare("SELECT version FROM imported_record WHERE record_type = 'student' AND record_id = ?").get(studentId) as
    { version: number } | undefined;
  if (!row) throw new Error('student not held');
  return row.version;
}

beforeAll(async () => {
  school = await makeSchool(clock, { students: 20, today: '2026-02-10' });
  muni = await makeAuthority(clock);
  await link(school, muni);
  semesterId = (school.raw.prepare("SELECT id FROM semester WHERE starts_on <= '2026-02-10' ORDER BY starts_on DESC LIMIT 1").get() as { id: string }).id;
  studentId = (school.raw.prepare('SELECT student_id FROM plan ORDER BY id LIMIT 1').get() as { student_id: string }).student_id;
});
afterAll(async () => {
  await school.close();
  await muni.close();
});

describe('a school that lost its data sends again', () => {
  let backupFile: string;
  let restarted: string;

  it('the old stream: seq 1-3 imported, seq 4 made but never delivered', async () => {
    expect((await importAt('2026-02-10T10:05:00.000Z', await exportAt('2026-02-10T10:00:00.000Z', 'old-1'))).status).toBe('imported');
    backupFile = join(school.tmp.dir, 'after-seq-1.sqlite');
    await school.app.database.copyTo(backupFile);
    clock.set('2026-02-11T09:00:00.000Z');
    school.raw.prepare("UPDATE student SET version = version + 1, updated_at = '2026-02-11T09:00:00.000Z' WHERE id = ?").run(studentId);
    expect((await importAt('2026-02-11T10:05:00.000Z', await exportAt('2026-02-11T10:00:00.000Z', 'old-2'))).status).toBe('imported');
    expect((await importAt('2026-02-12T10:05:00.000Z', await exportAt('2026-02-12T10:00:00.000Z', 'old-3'))).status).toBe('imported');
    await exportAt('2026-02-13T10:00:00.000Z', 'old-4');
    expect(studentVersionAtMuni()).toBe(2);
  });

  it('the school restores its backup from after seq 1: its counter goes back', async () => {
    await school.app.close();
    const restored = await cli('restore', '--data-dir', school.dataDir, backupFile);
    expect(restored.code, restored.err.join('\n')).toBe(0);
    school.app = await openAppAt(clock, school.dataDir);
    restarted = await exportAt('2026-02-14T10:00:00.000Z', 'new-2');
    expect((school.raw.prepare('SELECT last_seq FROM exchange_out_stream').get() as { last_seq: number }).last_seq).toBe(2);
  });

  it('its next package is refused with what to do, and changes nothing', async () => {
    const before = dumpDatabase(muni.raw);
    const refused = await importAt('2026-02-14T10:05:00.000Z', restarted);
    expect(refused).toMatchObject({ status: 'refused', code: 'STREAM_RESTARTED', detail: 'seq-reused', seq: 2 });
    const i18n = await createI18n('en');
    expect(i18n.t(keyFromData(refused.messageKey ?? ''))).toMatch(/numbering started again.*pumpurs stream accept FILE/);
    expect(dumpDatabase(muni.raw)).toEqual(before);
    // seq 4 of the old stream is not a restart: it simply arrives late, and is imported (the old stream is still current).
  });

  it('a package that restarted nothing cannot reset a stream, and a reason is required', async () => {
    const before = dumpDatabase(muni.raw);
    await expect(muni.app.services.exchange.importer.acceptStream(ACTOR, { path: pkg('old-3'), reason: 'phoned' })).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      messageKey: 'errors.exchange.streamNotRestarted',
    });
    await expect(muni.app.services.exchange.importer.acceptStream(ACTOR, { path: restarted, reason: '   ' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(dumpDatabase(muni.raw)).toEqual(before);
  });

  it('the coordinator accepts the new stream by the CLI: audited, nothing held is lost', async () => {
    const held = muni.raw.prepare('SELECT count(*) AS n FROM imported_record').get() as { n: number };
    await muni.app.close();
    const missing = await cli('stream', 'accept', '--data-dir', muni.dataDir, restarted);
    expect(missing.code).toBe(2);
    const done = await cli(
      'stream',
      'accept',
      '--data-dir',
      muni.dataDir,
      restarted,
      '--reason',
      'Phoned the director 14.02.: the school restored its backup of 10.02.',
    );
    expect(done.code, done.err.join('\n')).toBe(0);
    expect(done.out.join('\n')).toMatch(
      /new numbering of .* \(4313900456\) is accepted from package no\. 2\. Everything received before is kept \(3 packages, up to no\. 3\)/,
    );
    muni.app = await openAppAt(clock, muni.dataDir);
    const reset = muni.raw.prepare('SELECT sender_id, stream, from_seq, held_newest_seq, held_packages, reason, operator_id FROM exchange_stream_reset').all();
    expect(reset).toEqual([
      {
        sender_id: '4313900456',
        stream: 1,
        from_seq: 2,
        held_newest_seq: 3,
        held_packages: 3,
        reason: 'Phoned the director 14.02.: the school restored its backup of 10.02.',
        operator_id: 'cli:admin',
      },
    ]);
    const audit = muni.raw.prepare("SELECT actor_id, action, entity, entity_id, detail FROM audit_log WHERE entity = 'exchange_stream'").all() as {
      detail: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'update', entity: 'exchange_stream', entity_id: '4313900456' });
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ action: 'acceptStream', stream: 1, fromSeq: 2, heldPackages: 3 });
    expect(muni.raw.prepare('SELECT count(*) AS n FROM imported_record').get()).toEqual(held);
    expect(muni.raw.prepare('SELECT count(*) AS n FROM exchange_import').get()).toEqual({ n: 3 });
  });

  it('after the reset the package imports; the restored edition of the student replaces the newer one of the old stream', async () => {
    const imported = await importAt('2026-02-14T11:00:00.000Z', restarted);
    expect(imported).toMatchObject({ status: 'imported', code: null, warnings: [] });
    expect(studentVersionAtMuni()).toBe(1);
    expect(muni.raw.prepare('SELECT stream, seq FROM exchange_import ORDER BY stream, seq').all()).toEqual([
      { stream: 0, seq: 1 },
      { stream: 0, seq: 2 },
      { stream: 0, seq: 3 },
      { stream: 1, seq: 2 },
    ]);
  });

  it('replays are still refused: the old stream never comes back', async () => {
    const before = dumpDatabase(muni.raw);
    expect(await importAt('2026-02-14T11:05:00.000Z', pkg('old-4'))).toMatchObject({ status: 'refused', code: 'STALE_REPLAY', detail: 'before-stream-reset' });
    expect(await importAt('2026-02-14T11:05:00.000Z', pkg('old-3'))).toMatchObject({ status: 'alreadyImported', code: 'ALREADY_IMPORTED' });
    expect(await importAt('2026-02-14T11:05:00.000Z', pkg('old-1'))).toMatchObject({ status: 'alreadyImported', code: 'ALREADY_IMPORTED' });
    expect(await importAt('2026-02-14T11:05:00.000Z', restarted)).toMatchObject({ status: 'alreadyImported', code: 'ALREADY_IMPORTED' });
    // The accepting package cannot reset the stream a second time.
    await expect(muni.app.services.exchange.importer.acceptStream(ACTOR, { path: restarted, reason: 'again' })).rejects.toMatchObject({
      messageKey: 'errors.exchange.streamNotRestarted',
    });
    expect(dumpDatabase(muni.raw)).toEqual(before);
  });

  it('the school goes on: its next package imports without a warning', async () => {
    const next = await exportAt('2026-02-15T10:00:00.000Z', 'new-3');
    expect(await importAt('2026-02-15T10:05:00.000Z', next)).toMatchObject({ status: 'imported', code: null, seq: 3, warnings: [] });
  });
});
