/**
 * "Anything new since the last decisions package" (export --all: one file
 * per school with something new) on a clock that stands still: every change
 * below is made in the same instant as the package before it, which a
 * timestamp comparison cannot see. Change numbers (migration 0013) can.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTOR, link, makeAuthority, makeSchool, type Installation } from '../exchange/testing/exchange-fixture';
import type { Clock } from '../../ports/clock';
import { approvedPlanWithCompensation, freeStudents, SEMESTER } from './testing/decision-fixture';

const STILL = new Date('2026-02-10T10:00:00.000Z');
const clock: Clock = { now: () => new Date(STILL) };
let school: Installation;
let muni: Installation;
let plans: { code: string }[];
let dir = 0;
let lastPath = '';

beforeAll(async () => {
  school = await makeSchool(clock, { students: 20, today: '2026-02-10' });
  muni = await makeAuthority(clock);
  await link(school, muni);
  // Settings first (the school learns which plans need approval), then two plans that wait, in a report.
  await muni.app.services.decisions.authority.exportAll(ACTOR, { dir: muni.tmp.dir, semesterId: SEMESTER });
  const first = await muni.app.services.decisions.authority.exportAll(ACTOR, { dir: muni.tmp.dir, semesterId: SEMESTER });
  expect(first).toEqual([]);
  const [a, b] = freeStudents(school, 2);
  plans = [await approvedPlanWithCompensation(school, a as string, 5000), await approvedPlanWithCompensation(school, b as string, 4000)];
  const report = join(school.tmp.dir, 'report.pumpurs');
  await school.app.services.exchange.exporter.export(ACTOR, { path: report, semesterId: SEMESTER });
  expect((await muni.app.services.exchange.importer.commit(ACTOR, [report])).files[0]?.status).toBe('imported');
});
afterAll(async () => {
  await school?.close();
  await muni?.close();
});

/** export --all into a fresh folder: the school ids it wrote a package for. */
async function exportAll(): Promise<string[]> {
  const out = join(muni.tmp.dir, `all-${++dir}`);
  await mkdir(out);
  const written = await muni.app.services.decisions.authority.exportAll(ACTOR, { dir: out, semesterId: SEMESTER });
  if (written[0]) lastPath = written[0].path;
  return written.map((w) => w.schoolId);
}

describe('newness with a clock that stands still', () => {
  it('decide → export → decide again in the same instant → export --all includes the school; nothing new → not', async () => {
    const authority = muni.app.services.decisions.authority;
    expect(clock.now().toISOString()).toBe(STILL.toISOString());
    await authority.decide(ACTOR, { planCode: plans[0]?.code as string, outcome: 'approved', semesterId: SEMESTER });
    expect(await exportAll()).toEqual(['4313900456']);
    expect(await authority.hasNews('4313900456', SEMESTER)).toBe(false);
    expect(await exportAll()).toEqual([]);

    // The same instant as that package: still news.
    await authority.decide(ACTOR, { planCode: plans[1]?.code as string, outcome: 'returned', comment: 'Lūdzu pamatot', semesterId: SEMESTER });
    expect(await authority.hasNews('4313900456', SEMESTER)).toBe(true);
    const outbox = await authority.outbox(ACTOR, { semesterId: SEMESTER });
    expect(outbox.schools.map((s) => [s.school.id, s.hasNews])).toEqual([['4313900456', true]]);
    expect(await exportAll()).toEqual(['4313900456']);
    expect(await exportAll()).toEqual([]);
  });

  it('a payment, the settings and a youth project changed in the same instant are news too, each once', async () => {
    const authority = muni.app.services.decisions.authority;
    const [payable] = await authority.payables(ACTOR, { semesterId: SEMESTER });
    expect(payable).toBeDefined();
    await authority.recordPayment(ACTOR, {
      schoolId: payable!.schoolId,
      planId: payable!.planId,
      measureId: payable!.measureId,
      paidOn: '2026-02-10',
      cents: 1000,
      payee: 'guardian',
      reference: 'MK-1',
    });
    expect(await exportAll()).toEqual(['4313900456']);
    await authority.saveSettings(ACTOR, { deadlines: ['2026-05-29'] });
    expect(await exportAll()).toEqual(['4313900456']);
    await authority.saveYouthProject(ACTOR, {
      title: 'Jauniešu kora nometne',
      ngo: 'Biedrība "Balss"',
      startsOn: '2026-03-01',
      endsOn: '2026-05-31',
      budgetCents: 100_000,
    });
    expect(await exportAll()).toEqual(['4313900456']);
    expect(await exportAll()).toEqual([]);
  });

  it('a package for another semester does not count as sent for this one', async () => {
    const authority = muni.app.services.decisions.authority;
    const other = muni.raw.prepare('SELECT id FROM semester WHERE id != ? ORDER BY id LIMIT 1').get(SEMESTER) as { id: string } | undefined;
    expect(other).toBeDefined();
    expect(await authority.hasNews('4313900456', other!.id)).toBe(true);
    expect(await authority.hasNews('4313900456', SEMESTER)).toBe(false);
  });

  it('the school imports the last of them, made in the same instant, and sees both decisions and the payment', async () => {
    expect(lastPath).not.toBe('');
    const result = await school.app.services.decisions.importer.commit(ACTOR, [lastPath]);
    expect(result.files[0]).toMatchObject({ status: 'imported', code: null });
    const listed = await school.app.services.decisions.school.plans(ACTOR, {});
    expect(listed.find((p) => p.code === plans[0]?.code)?.decision).toMatchObject({ outcome: 'approved' });
    expect(listed.find((p) => p.code === plans[1]?.code)?.decision).toMatchObject({ outcome: 'returned', comment: 'Lūdzu pamatot' });
    expect(school.raw.prepare('SELECT cents FROM received_payment').all()).toEqual([{ cents: 1000 }]);
  });
});
