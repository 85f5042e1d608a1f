/**
 * A municipality that lost its data sends decisions again (issue 13, item 5,
 * the school's side; docs/package-format.md "Streams that start again"),
 * with real packages, real keys and real encrypted databases:
 *
 * - the municipality sends decisions packages 1 and 2 to the school, makes
 *   3 that never arrives, then restores its backup from after package 1: its
 *   counter for the school is back at 1;
 * - it decides again and sends package 2 again: the school refuses it as
 *   STREAM_RESTARTED with a message saying what to do, and nothing changes;
 * - a package that restarted nothing cannot reset the stream; a reason is
 *   required;
 * - the school's coordinator accepts the new stream by `pumpurs stream
 *   accept` in school mode (audited with the reason, nothing received is
 *   deleted); the package then imports and its decision applies, the
 *   decision received before stays;
 * - the old stream never comes back: its package 3 is STALE_REPLAY, what is
 *   held is ALREADY_IMPORTED; the next package imports without a warning.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n, keyFromData } from '../../../src-shared/i18n/index';
import { runCli } from '../../cli/cli';
import { testCliIo } from '../../cli/testing/cli-session';
import { ACTOR, dumpDatabase, link, makeAuthority, makeSchool, movableClock, openAppAt, type Installation } from '../exchange/testing/exchange-fixture';
import { approvedPlanWithCompensation, freeStudents, SEMESTER } from './testing/decision-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
let school: Installation;
let muni: Installation;
let regNo: string;
let reports = 0;
const pkg = (name: string) => join(muni.tmp.dir, `${name}.pumpurs`);

const cli = async (...argv: string[]) => {
  const sink = { out: [] as string[], err: [] as string[] };
  const code = await runCli(argv, testCliIo(sink, join(school.tmp.dir, 'home'), clock));
  return { code, ...sink };
};

async function schoolToMuni(iso: string): Promise<void> {
  clock.set(iso);
  const path = join(school.tmp.dir, `report-${++reports}.pumpurs`);
  await school.app.services.exchange.exporter.export(ACTOR, { path, semesterId: SEMESTER });
  expect((await muni.app.services.exchange.importer.commit(ACTOR, [path])).files[0]?.status).toBe('imported');
}

async function decisionsAt(iso: string, name: string): Promise<string> {
  clock.set(iso);
  await muni.app.services.decisions.authority.exportFor(ACTOR, { schoolId: regNo, path: pkg(name), semesterId: SEMESTER });
  return pkg(name);
}

async function importAt(iso: string, path: string) {
  clock.set(iso);
  const file = (await school.app.services.decisions.importer.commit(ACTOR, [path])).files[0];
  if (!file) throw new Error('no result');
  return file;
}

const authorityState = (planId: string) =>
  (school.raw.prepare('SELECT authority_state FROM plan WHERE id = ?').get(planId) as { authority_state: string | null }).authority_state;

beforeAll(async () => {
  school = await makeSchool(clock, { students: 30, today: '2026-02-10' });
  muni = await makeAuthority(clock);
  await link(school, muni);
  regNo = (school.raw.prepare('SELECT reg_no FROM organisation').get() as { reg_no: string }).reg_no;
});
afterAll(async () => {
  await school.close();
  await muni.close();
});

describe('a municipality that lost its data sends decisions again', () => {
  let backupFile: string;
  let restarted: string;
  let first: { id: string; code: string };
  let second: { id: string; code: string };

  it('the old stream: decisions 1 and 2 imported, 3 made but never delivered', async () => {
    expect((await importAt('2026-02-10T10:05:00.000Z', await decisionsAt('2026-02-10T10:00:00.000Z', 'old-1'))).status).toBe('imported');
    backupFile = join(muni.tmp.dir, 'after-decisions-1.sqlite');
    await muni.app.database.copyTo(backupFile);
    const [s1, s2] = freeStudents(school, 2);
    first = await approvedPlanWithCompensation(school, s1 as string, 3000);
    second = await approvedPlanWithCompensation(school, s2 as string, 4000);
    expect([authorityState(first.id), authorityState(second.id)]).toEqual(['waiting', 'waiting']);
    await schoolToMuni('2026-02-11T10:00:00.000Z');
    await muni.app.services.decisions.authority.decide(ACTOR, { planCode: first.code, outcome: 'approved', semesterId: SEMESTER });
    expect((await importAt('2026-02-11T11:05:00.000Z', await decisionsAt('2026-02-11T11:00:00.000Z', 'old-2'))).status).toBe('imported');
    expect(authorityState(first.id)).toBe('approved');
    await decisionsAt('2026-02-12T10:00:00.000Z', 'old-3');
  });

  it('the municipality restores its backup from after package 1: its counter for the school goes back', async () => {
    await muni.app.close();
    const restored = await cli('restore', '--data-dir', muni.dataDir, backupFile);
    expect(restored.code, restored.err.join('\n')).toBe(0);
    muni.app = await openAppAt(clock, muni.dataDir);
    // It has lost the school's report too: the school sends it again, the municipality decides again.
    await schoolToMuni('2026-02-14T09:00:00.000Z');
    await muni.app.services.decisions.authority.decide(ACTOR, { planCode: second.code, outcome: 'approved', semesterId: SEMESTER });
    restarted = await decisionsAt('2026-02-14T10:00:00.000Z', 'new-2');
    expect(muni.raw.prepare('SELECT last_seq FROM exchange_out_stream').get()).toEqual({ last_seq: 2 });
  });

  it('the school refuses the package with what to do, and changes nothing', async () => {
    const before = dumpDatabase(school.raw);
    const refused = await importAt('2026-02-14T10:05:00.000Z', restarted);
    expect(refused).toMatchObject({ status: 'refused', code: 'STREAM_RESTARTED', detail: 'seq-reused', seq: 2 });
    const i18n = await createI18n('en');
    expect(i18n.t(keyFromData(refused.messageKey ?? ''))).toMatch(/numbering started again.*Data exchange screen.*pumpurs stream accept FILE/);
    expect(dumpDatabase(school.raw)).toEqual(before);
    expect(authorityState(second.id)).toBe('waiting');
  });

  it('a package that restarted nothing cannot reset the stream, and a reason is required', async () => {
    const before = dumpDatabase(school.raw);
    const importer = school.app.services.decisions.importer;
    await expect(importer.acceptStream(ACTOR, { path: pkg('old-2'), reason: 'phoned' })).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      messageKey: 'errors.exchange.streamNotRestarted',
    });
    await expect(importer.acceptStream(ACTOR, { path: restarted, reason: '  ' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(dumpDatabase(school.raw)).toEqual(before);
  });

  it('the coordinator accepts the new stream by the CLI in school mode: audited, nothing received is lost', async () => {
    const held = school.raw.prepare('SELECT count(*) AS n FROM received_decision').get();
    await school.app.close();
    const done = await cli(
      'stream',
      'accept',
      '--data-dir',
      school.dataDir,
      restarted,
      '--reason',
      'Phoned the municipality 14.02.: it restored its backup of 10.02.',
    );
    expect(done.code, done.err.join('\n')).toBe(0);
    expect(done.out.join('\n')).toMatch(
      /new numbering of Madonas novads .* is accepted from package no\. 2\. Everything received before is kept \(2 packages, up to no\. 2\)/,
    );
    school.app = await openAppAt(clock, school.dataDir);
    expect(school.raw.prepare('SELECT stream, from_seq, held_newest_seq, held_packages, reason, operator_id FROM exchange_stream_reset').all()).toEqual([
      {
        stream: 1,
        from_seq: 2,
        held_newest_seq: 2,
        held_packages: 2,
        reason: 'Phoned the municipality 14.02.: it restored its backup of 10.02.',
        operator_id: 'cli:admin',
      },
    ]);
    const audit = school.raw.prepare("SELECT action, entity, detail FROM audit_log WHERE entity = 'exchange_stream'").all() as {
      action: string;
      detail: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe('update');
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ action: 'acceptStream', stream: 1, fromSeq: 2, heldPackages: 2 });
    expect(school.raw.prepare('SELECT count(*) AS n FROM received_decision').get()).toEqual(held);
    expect(authorityState(first.id)).toBe('approved');
  });

  it('after the reset the package imports and its decision applies; the one received before stays', async () => {
    expect(await importAt('2026-02-14T11:00:00.000Z', restarted)).toMatchObject({ status: 'imported', code: null, warnings: [] });
    expect(authorityState(second.id)).toBe('approved');
    expect(authorityState(first.id)).toBe('approved');
    expect(school.raw.prepare('SELECT stream, seq FROM exchange_import ORDER BY stream, seq').all()).toEqual([
      { stream: 0, seq: 1 },
      { stream: 0, seq: 2 },
      { stream: 1, seq: 2 },
    ]);
  });

  it('the old stream never comes back, and the next package imports without a warning', async () => {
    const before = dumpDatabase(school.raw);
    expect(await importAt('2026-02-14T11:05:00.000Z', pkg('old-3'))).toMatchObject({ status: 'refused', code: 'STALE_REPLAY', detail: 'before-stream-reset' });
    expect(await importAt('2026-02-14T11:05:00.000Z', pkg('old-2'))).toMatchObject({ status: 'alreadyImported' });
    expect(await importAt('2026-02-14T11:05:00.000Z', restarted)).toMatchObject({ status: 'alreadyImported' });
    await expect(school.app.services.decisions.importer.acceptStream(ACTOR, { path: restarted, reason: 'again' })).rejects.toMatchObject({
      messageKey: 'errors.exchange.streamNotRestarted',
    });
    expect(dumpDatabase(school.raw)).toEqual(before);
    expect(await importAt('2026-02-15T10:05:00.000Z', await decisionsAt('2026-02-15T10:00:00.000Z', 'new-3'))).toMatchObject({
      status: 'imported',
      seq: 3,
      warnings: [],
    });
  });
});
