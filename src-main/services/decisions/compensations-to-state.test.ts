/**
 * The municipality's compensation decisions and payments reach the state
 * (issue 10): a school sends plans with compensations; the municipality
 * approves one with a smaller amount and pays part of it, approves another
 * as planned, returns a third; its report to the state carries, for each
 * compensation measure, what was approved and paid; after the state's
 * import its national counts hold the sums.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateMeasureRecord } from '../../../src-shared/domain/state-report';
import { ACTOR, link, makeAuthority, makeSchool, movableClock, type Installation } from '../exchange/testing/exchange-fixture';
import { approvedPlanWithCompensation, freeStudents, SEMESTER } from './testing/decision-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
let school: Installation;
let muni: Installation;
let state: Installation;

beforeAll(async () => {
  school = await makeSchool(clock, { students: 40, today: '2026-02-10' });
  muni = await makeAuthority(clock);
  state = await makeAuthority(clock, 'state');
  await link(school, muni);
  await link(muni, state);
}, 120_000);
afterAll(async () => {
  await school?.close();
  await muni?.close();
  await state?.close();
});

const compensationOf = (planId: string) =>
  (school.raw.prepare("SELECT id FROM measure WHERE plan_id = ? AND kind_code LIKE 'compensation.%'").get(planId) as { id: string }).id;

describe('compensations in the report to the state', () => {
  it('carries the approved (smaller, as planned, none) and paid amounts, and the state sums them', async () => {
    const [s1, s2, s3] = freeStudents(school, 3);
    const smaller = await approvedPlanWithCompensation(school, s1 as string, 5000);
    const asPlanned = await approvedPlanWithCompensation(school, s2 as string, 8000);
    const returned = await approvedPlanWithCompensation(school, s3 as string, 4000);
    const schoolPackage = join(school.tmp.dir, 'to-muni.pumpurs');
    await school.app.services.exchange.exporter.export(ACTOR, { path: schoolPackage, semesterId: SEMESTER });
    expect((await muni.app.services.exchange.importer.commit(ACTOR, [schoolPackage])).files[0]?.status).toBe('imported');

    clock.set('2026-02-11T10:00:00.000Z');
    const authority = muni.app.services.decisions.authority;
    const queue = await authority.queue(ACTOR, { semesterId: SEMESTER });
    const schoolId = queue[0]?.schoolId as string;
    const review = await authority.review(ACTOR, { schoolId, planId: smaller.id, semesterId: SEMESTER });
    const transportNo = review.measures.find((m) => m.kindCode === 'compensation.publicTransport')?.no as number;
    await authority.decide(ACTOR, { planCode: smaller.code, outcome: 'approved', amounts: { [transportNo]: 3000 }, semesterId: SEMESTER });
    await authority.decide(ACTOR, { planCode: asPlanned.code, outcome: 'approved', semesterId: SEMESTER });
    await authority.decide(ACTOR, { planCode: returned.code, outcome: 'returned', comment: 'Pamatojiet summu', semesterId: SEMESTER });
    await authority.recordPayment(ACTOR, {
      schoolId,
      planId: smaller.id,
      measureId: compensationOf(smaller.id),
      paidOn: '2026-02-11',
      cents: 1200,
      payee: 'guardian',
      reference: 'MK-1',
    });
    await authority.recordPayment(ACTOR, {
      schoolId,
      planId: smaller.id,
      measureId: compensationOf(smaller.id),
      paidOn: '2026-02-12',
      cents: 800,
      payee: 'guardian',
      reference: 'MK-2',
    });

    // An approval stored without an amount means "as planned" (8000 planned).
    const stored = muni.raw.prepare('SELECT id, measures FROM authority_decision WHERE plan_id = ?').get(asPlanned.id) as { id: string; measures: string };
    const asNull = (JSON.parse(stored.measures) as Array<{ approvedCents: number | null }>).map((m) =>
      m.approvedCents === 8000 ? { ...m, approvedCents: null } : m,
    );
    muni.raw.prepare('UPDATE authority_decision SET measures = ? WHERE id = ?').run(JSON.stringify(asNull), stored.id);

    const built = await muni.app.services.exchange.stateReport.build(ACTOR, SEMESTER);
    const compensations = built.records.measure.filter((m) => m.category === 'compensation');
    const byPlanned = (cents: number) => compensations.filter((m) => m.plannedCents === cents).map((m) => ({ approved: m.approvedCents, paid: m.paidCents }));
    expect(byPlanned(5000)).toContainEqual({ approved: 3000, paid: 2000 });
    expect(byPlanned(8000)).toContainEqual({ approved: 8000, paid: 0 });
    expect(byPlanned(4000)).toContainEqual({ approved: null, paid: null });
    // Measures that are not compensations never carry amounts.
    expect(
      built.records.measure.filter((m: StateMeasureRecord) => m.category !== 'compensation' && (m.approvedCents !== null || m.paidCents !== null)),
    ).toEqual([]);

    // The state imports the report; its national counts show the sums for the school.
    const statePackage = join(muni.tmp.dir, 'to-state.pumpurs');
    await muni.app.services.exchange.exporter.export(ACTOR, { path: statePackage, semesterId: SEMESTER });
    expect((await state.app.services.exchange.importer.commit(ACTOR, [statePackage])).files[0]?.status).toBe('imported');
    const counts = await state.app.services.exchange.national.counts(ACTOR, { semesterId: SEMESTER });
    const expectedApproved = compensations.reduce((s, m) => s + (m.approvedCents ?? 0), 0);
    const expectedPaid = compensations.reduce((s, m) => s + (m.paidCents ?? 0), 0);
    expect(expectedApproved).toBeGreaterThanOrEqual(11_000);
    expect(counts.rows.reduce((s, r) => s + r.approvedCents, 0)).toBe(expectedApproved);
    expect(counts.rows.reduce((s, r) => s + r.paidCents, 0)).toBe(expectedPaid);
    expect(expectedPaid).toBeGreaterThanOrEqual(2000);
  });
});
