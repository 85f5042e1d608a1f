/**
 * School -> municipality -> school by services (issue 9): two plans with
 * compensations wait for the municipality; it approves one with a smaller
 * amount and returns the other with a comment; the decisions package
 * carries both back; the school revises, sends again, gets the approval,
 * and sees the payment. Plus: a decision made on an edition the school has
 * changed since is kept and flagged, never applied.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathsFor } from '../../ports/paths';
import { ACTOR, link, makeAuthority, makeSchool, movableClock, RESOURCES_DIR, type Installation } from '../exchange/testing/exchange-fixture';
import { BUDGET_HEADERS, PAYMENT_HEADERS } from './accountant-xlsx';
import { approvedPlanWithCompensation, authorOf, coordinatorOf, directorOf, freeStudents, SEMESTER } from './testing/decision-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
let school: Installation;
let muni: Installation;
let n = 0;

beforeAll(async () => {
  school = await makeSchool(clock, { students: 40, today: '2026-02-10' });
  muni = await makeAuthority(clock);
  await link(school, muni);
});
afterAll(async () => {
  await school.close();
  await muni.close();
});

async function schoolToMuni(): Promise<void> {
  const path = join(school.tmp.dir, `report-${++n}.pumpurs`);
  await school.app.services.exchange.exporter.export(ACTOR, { path, semesterId: SEMESTER });
  const result = await muni.app.services.exchange.importer.commit(ACTOR, [path]);
  expect(result.files[0]?.status).toBe('imported');
}

async function muniToSchool() {
  const path = join(muni.tmp.dir, `decisions-${++n}.pumpurs`);
  const regNo = (school.raw.prepare('SELECT reg_no FROM organisation').get() as { reg_no: string }).reg_no;
  await muni.app.services.decisions.authority.exportFor(ACTOR, { schoolId: regNo, path, semesterId: SEMESTER });
  return school.app.services.decisions.importer.commit(ACTOR, [path]);
}

const tick = (iso: string) => clock.set(iso);

describe('the round trip', () => {
  it('before the settings of the municipality arrive, no plan waits (the school cannot know its policy)', async () => {
    const [s] = freeStudents(school, 1);
    const plan = await approvedPlanWithCompensation(school, s as string, 2000);
    expect(school.raw.prepare('SELECT authority_state FROM plan WHERE id = ?').get(plan.id)).toEqual({ authority_state: null });
    // The first decisions package carries the settings (default: plans with a compensation need approval).
    expect((await muniToSchool()).files[0]).toMatchObject({ status: 'imported', code: null });
    // The school's database was backed up (encrypted) before the decisions were imported.
    const backups = await readdir(pathsFor(school.dataDir, RESOURCES_DIR).backupsDir);
    expect(backups.filter((f) => f.startsWith('pumpurs-import-'))).toHaveLength(1);
    expect(await school.app.services.decisions.school.nextDeadline()).toBeNull();
  });

  it('approve with a smaller amount, return with a comment, revise, approve, pay', async () => {
    const [s1, s2] = freeStudents(school, 2);
    const one = await approvedPlanWithCompensation(school, s1 as string, 5000);
    const two = await approvedPlanWithCompensation(school, s2 as string, 8000);
    const stateOf = (id: string) => school.raw.prepare('SELECT status, authority_state FROM plan WHERE id = ?').get(id);
    expect(stateOf(one.id)).toEqual({ status: 'approved', authority_state: 'waiting' });

    // While it waits, the compensation cannot be delivered; the consultation may start.
    const measures = (id: string) =>
      school.raw.prepare('SELECT m.id, m.kind_code FROM measure m WHERE plan_id = ? ORDER BY kind_code').all(id) as { id: string; kind_code: string }[];
    const [consultation, compensation] = [
      measures(one.id).find((m) => m.kind_code.startsWith('consultation')),
      measures(one.id).find((m) => m.kind_code.startsWith('compensation')),
    ];
    const deliveries = school.app.services.supportPlans.deliveries;
    await expect(
      deliveries.add(coordinatorOf(school), { measureId: compensation?.id as string, deliveredOn: '2026-02-10', cents: 1000, receiptRef: 'R1' }),
    ).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      messageKey: 'errors.decisions.compensationWaits',
    });
    await deliveries.add(coordinatorOf(school), { measureId: consultation?.id as string, deliveredOn: '2026-02-10', minutes: 45, studentConfirmed: true });
    expect(stateOf(one.id)).toEqual({ status: 'active', authority_state: 'waiting' });

    tick('2026-02-11T10:00:00.000Z');
    await schoolToMuni();
    const queue = await muni.app.services.decisions.authority.queue(ACTOR, { semesterId: SEMESTER });
    const codes = queue.map((q) => q.planCode);
    expect(codes).toEqual(expect.arrayContaining([one.code, two.code]));

    tick('2026-02-12T10:00:00.000Z');
    const authority = muni.app.services.decisions.authority;
    const review = await authority.review(ACTOR, { schoolId: queue[0]?.schoolId as string, planId: one.id, semesterId: SEMESTER });
    const transportNo = review.measures.find((m) => m.kindCode === 'compensation.publicTransport')?.no as number;
    await expect(authority.decide(ACTOR, { planCode: two.code, outcome: 'returned', semesterId: SEMESTER })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await authority.decide(ACTOR, { planCode: one.code, outcome: 'approved', amounts: { [transportNo]: 3000 }, semesterId: SEMESTER });
    await authority.decide(ACTOR, { planCode: two.code, outcome: 'returned', comment: 'Lūdzu pamatot summu', semesterId: SEMESTER });
    expect((await authority.queue(ACTOR, { semesterId: SEMESTER })).map((q) => q.planCode)).not.toEqual(expect.arrayContaining([one.code]));

    tick('2026-02-13T10:00:00.000Z');
    const imported = await muniToSchool();
    expect(imported.files[0]).toMatchObject({ status: 'imported', code: null });
    expect(stateOf(one.id)).toEqual({ status: 'active', authority_state: 'approved' });
    expect(stateOf(two.id)).toEqual({ status: 'draft', authority_state: 'returned' });
    expect(school.raw.prepare('SELECT approved_cents FROM measure WHERE id = ?').get(compensation?.id)).toEqual({ approved_cents: 3000 });
    const history = school.raw.prepare('SELECT to_status, comment FROM plan_status_change WHERE plan_id = ? ORDER BY id DESC LIMIT 1').get(two.id);
    expect(history).toEqual({ to_status: 'draft', comment: 'Lūdzu pamatot summu' });
    const listed = await school.app.services.decisions.school.plans(ACTOR, {});
    expect(listed.find((p) => p.id === two.id)?.decision).toMatchObject({ outcome: 'returned', comment: 'Lūdzu pamatot summu', stale: false });

    // Now the compensation of the approved plan can be delivered.
    await deliveries.add(coordinatorOf(school), { measureId: compensation?.id as string, deliveredOn: '2026-02-13', cents: 1000, receiptRef: 'R1' });

    // The school revises the returned plan (smaller amount), approves it, sends it again.
    tick('2026-02-14T10:00:00.000Z');
    const plans = school.app.services.supportPlans.plans;
    let plan = await plans.get(authorOf(school), two.id);
    plan = await plans.update(authorOf(school), {
      planId: plan.id,
      version: plan.version,
      goals: 'Mazināt kavējumus',
      consent: { by: 'Māte', relation: 'mother', on: '2026-02-02' },
      measures: plan.measures.map((m) => ({
        kindCode: m.kindCode,
        plannedMinutes: m.plannedMinutes,
        plannedCents: m.kindCode.startsWith('compensation') ? 6000 : m.plannedCents,
        startsOn: m.startsOn,
        endsOn: m.endsOn,
        justification: m.justification,
        riskFactorIds: m.riskFactorIds,
        responsibleId: m.responsibleId,
      })),
    });
    plan = await plans.transition(authorOf(school), { planId: plan.id, version: plan.version, action: 'submit' });
    await plans.transition(directorOf(school), { planId: plan.id, version: plan.version, action: 'approve' });
    expect(stateOf(two.id)).toEqual({ status: 'approved', authority_state: 'waiting' });
    tick('2026-02-15T10:00:00.000Z');
    await schoolToMuni();
    expect((await authority.queue(ACTOR, { semesterId: SEMESTER })).map((q) => q.planCode)).toContain(two.code);
    // Budget: 80 € for transport, 30 € already approved; approving 60 € more needs a reason.
    await authority.setBudget(ACTOR, { semesterId: SEMESTER, kindCode: 'compensation.publicTransport', cents: 8000 });
    expect(await authority.budgetLeft(SEMESTER)).toEqual([
      { kindCode: 'compensation.publicTransport', budgetCents: 8000, approvedCents: 3000, leftCents: 5000 },
    ]);
    await expect(authority.decide(ACTOR, { planCode: two.code, outcome: 'approved', semesterId: SEMESTER })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'overBudgetReason', messageKey: 'errors.decisions.overBudgetReason' }] },
    });
    const decided = await authority.decide(ACTOR, {
      planCode: two.code,
      outcome: 'approved',
      semesterId: SEMESTER,
      overBudgetReason: 'Papildu finansējums no rezerves',
    });
    expect(await authority.budgetLeft(SEMESTER)).toEqual([
      { kindCode: 'compensation.publicTransport', budgetCents: 8000, approvedCents: 9000, leftCents: -1000 },
    ]);
    const paidMeasure = decided.measures.find((m) => m.kindCode === 'compensation.publicTransport');
    await authority.recordPayment(ACTOR, {
      schoolId: decided.schoolId,
      planId: two.id,
      measureId: paidMeasure?.measureId as string,
      paidOn: '2026-02-16',
      cents: 6000,
      payee: 'guardian',
      reference: 'MK-2026-17',
    });
    await expect(
      authority.recordPayment(ACTOR, {
        schoolId: decided.schoolId,
        planId: two.id,
        measureId: paidMeasure?.measureId as string,
        paidOn: '2026-02-16',
        cents: 1,
        payee: 'guardian',
        reference: 'MK-2026-18',
      }),
    ).rejects.toMatchObject({ code: 'RULE_VIOLATION' });

    // The accountant's workbooks: Latvian headers, amounts as numbers, days as dates.
    const paymentsFile = join(muni.tmp.dir, 'maksajumi.xlsx');
    await authority.exportXlsx(ACTOR, { report: 'payments', path: paymentsFile, semesterId: SEMESTER });
    const payments = new ExcelJS.Workbook();
    await payments.xlsx.readFile(paymentsFile);
    const paymentSheet = payments.worksheets[0] as ExcelJS.Worksheet;
    expect(paymentSheet.getRow(1).values).toEqual([undefined, ...PAYMENT_HEADERS]);
    expect(paymentSheet.getRow(2).getCell(3).value).toBe(two.code);
    expect(paymentSheet.getRow(2).getCell(5).value).toEqual(new Date('2026-02-16T00:00:00.000Z'));
    expect(paymentSheet.getRow(2).getCell(6).value).toBe(60);
    expect(paymentSheet.getRow(2).getCell(8).value).toBe('MK-2026-17');
    const budgetFile = join(muni.tmp.dir, 'budzets.xlsx');
    await authority.exportXlsx(ACTOR, { report: 'budget', path: budgetFile, semesterId: SEMESTER });
    const budget = new ExcelJS.Workbook();
    await budget.xlsx.readFile(budgetFile);
    const budgetSheet = budget.worksheets[0] as ExcelJS.Worksheet;
    expect(budgetSheet.getRow(1).values).toEqual([undefined, ...BUDGET_HEADERS]);
    expect(budgetSheet.getRow(2).values).toEqual([undefined, 'compensation.publicTransport', 80, 90, 60, -10]);

    tick('2026-02-16T10:00:00.000Z');
    expect((await muniToSchool()).files[0]).toMatchObject({ status: 'imported', code: null });
    expect(stateOf(two.id)).toEqual({ status: 'approved', authority_state: 'approved' });
    const after = await school.app.services.decisions.school.plans(ACTOR, {});
    const paid = after.find((p) => p.id === two.id)?.measures.find((m) => m.kindCode === 'compensation.publicTransport');
    expect(paid).toMatchObject({ approvedCents: 6000, paidCents: 6000 });
  });

  it('a decision on an edition the school has changed since is kept and flagged, not applied', async () => {
    const [s] = freeStudents(school, 1);
    const plan = await approvedPlanWithCompensation(school, s as string, 4000);
    tick('2026-02-20T10:00:00.000Z');
    await schoolToMuni();
    tick('2026-02-21T10:00:00.000Z');
    await muni.app.services.decisions.authority.decide(ACTOR, { planCode: plan.code, outcome: 'approved', semesterId: SEMESTER, overBudgetReason: 'Rezerve' });
    // Meanwhile the school revises the plan.
    const plans = school.app.services.supportPlans.plans;
    await plans.transition(authorOf(school), { planId: plan.id, version: plan.version, action: 'revise' });
    tick('2026-02-22T10:00:00.000Z');
    const before = school.raw.prepare('SELECT status, authority_state, version FROM plan WHERE id = ?').get(plan.id);
    expect((await muniToSchool()).files[0]).toMatchObject({ status: 'imported', code: null });
    expect(school.raw.prepare('SELECT status, authority_state, version FROM plan WHERE id = ?').get(plan.id)).toEqual(before);
    expect(school.raw.prepare('SELECT stale FROM received_decision WHERE plan_id = ?').all(plan.id)).toEqual([{ stale: 1 }]);
    const listed = (await school.app.services.decisions.school.plans(ACTOR, {})).find((p) => p.id === plan.id);
    expect(listed).toMatchObject({ staleDecisions: 1, decision: { stale: true } });
  });

  it('deadlines and youth projects travel down; the school sees the next deadline, the municipality the late schools', async () => {
    const authority = muni.app.services.decisions.authority;
    tick('2026-02-23T10:00:00.000Z');
    await authority.saveSettings(ACTOR, { deadlines: ['2026-02-20', '2026-05-29'] });
    await expect(
      authority.saveYouthProject(ACTOR, {
        title: 'Jauniešu kora nometne',
        ngo: 'Biedrība "Balss"',
        startsOn: '2026-03-01',
        endsOn: '2026-05-31',
        budgetCents: 460_001,
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await authority.saveYouthProject(ACTOR, {
      title: 'Jauniešu kora nometne',
      ngo: 'Biedrība "Balss"',
      startsOn: '2026-03-01',
      endsOn: '2026-05-31',
      budgetCents: 460_000,
    });
    // The school sent its report on 11.02, before the 20.02 deadline: not late.
    expect(await authority.lateSchools(ACTOR, { semesterId: SEMESTER })).toEqual({ deadline: '2026-02-20', schools: [] });
    // An earlier deadline it missed makes it late.
    await authority.saveSettings(ACTOR, { deadlines: ['2026-02-05', '2026-05-29'] });
    tick('2026-02-24T10:00:00.000Z');
    const late = await authority.lateSchools(ACTOR, { semesterId: SEMESTER });
    expect(late.deadline).toBe('2026-02-05');
    expect(late.schools.map((s) => s.name)).toEqual(['Madonas pilsētas vidusskola']);

    expect(await school.app.services.decisions.school.nextDeadline()).toBeNull();
    // "Something new" for --all: the settings and the project changed since the school's last package.
    expect(await authority.hasNews('4313900456', SEMESTER)).toBe(true);
    tick('2026-02-25T10:00:00.000Z');
    expect((await muniToSchool()).files[0]).toMatchObject({ status: 'imported', code: null });
    expect(await school.app.services.decisions.school.nextDeadline()).toBe('2026-05-29');
    expect((await school.app.services.decisions.school.youthProjects(ACTOR)).map((p) => [p.title, p.budget_cents])).toEqual([
      ['Jauniešu kora nometne', 460_000],
    ]);
  });

  it('an NGO-participation measure picks a project from the list the municipality sent; nothing else may name one', async () => {
    const [project] = await school.app.services.decisions.school.youthProjectList(ACTOR);
    const [s] = freeStudents(school, 1);
    const plan = await approvedPlanWithCompensation(school, s as string, 1000);
    const plans = school.app.services.supportPlans.plans;
    await plans.transition(authorOf(school), { planId: plan.id, version: plan.version, action: 'revise' });
    const draft = await plans.get(authorOf(school), plan.id);
    const base = draft.measures.map((m) => ({
      id: m.id,
      kindCode: m.kindCode,
      plannedMinutes: m.plannedMinutes,
      plannedCents: m.plannedCents,
      startsOn: m.startsOn,
      endsOn: m.endsOn,
      justification: m.justification,
      riskFactorIds: m.riskFactorIds,
    }));
    const ngo = { kindCode: 'ngo.project', startsOn: '2026-03-02', endsOn: '2026-05-29', justification: 'Kopiena', riskFactorIds: ['school.absences'] };
    const update = (measures: object[]) =>
      plans.update(authorOf(school), { planId: draft.id, version: draft.version, goals: draft.goals, consent: draft.consent, measures: measures as never });
    await expect(update([...base, { ...ngo, youthProjectId: 'no-such-project' }])).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'measures.2.youthProjectId', messageKey: 'errors.decisions.youthProjectUnknown' }] },
    });
    await expect(update([{ ...base[0], youthProjectId: project?.id }, base[1] as object])).rejects.toMatchObject({
      details: { fields: [{ path: 'measures.0.youthProjectId', messageKey: 'errors.decisions.youthProjectNotNgo' }] },
    });
    const saved = await update([...base, { ...ngo, youthProjectId: project?.id }]);
    expect(saved.measures.find((m) => m.kindCode === 'ngo.project')?.youthProjectId).toBe(project?.id);
    expect(saved.measures.filter((m) => m.kindCode !== 'ngo.project').map((m) => m.youthProjectId)).toEqual([null, null]);
  });

  it('the chosen project travels in the school report; the municipality lists its participants by plan code and school', async () => {
    const authority = muni.app.services.decisions.authority;
    const [project] = await authority.youthProjects(ACTOR);
    expect((await authority.youthProjectParticipants(ACTOR, { semesterId: SEMESTER })).participants).toEqual([]);
    const row = school.raw
      .prepare(`SELECT m.id, p.id AS plan_id, p.code FROM measure m JOIN plan p ON p.id = m.plan_id WHERE m.youth_project_id IS NOT NULL`)
      .get() as { id: string; plan_id: string; code: string };
    tick('2026-02-26T10:00:00.000Z');
    await schoolToMuni();
    const { semesterId, participants } = await authority.youthProjectParticipants(ACTOR, { semesterId: SEMESTER });
    expect(semesterId).toBe(SEMESTER);
    expect(participants).toEqual([
      {
        projectId: project?.id,
        schoolId: '4313900456',
        schoolName: 'Madonas pilsētas vidusskola',
        planId: row.plan_id,
        planCode: row.code,
        measureId: row.id,
        kindCode: 'ngo.project',
        startsOn: '2026-03-02',
        endsOn: '2026-05-29',
      },
    ]);
    // Measures without a project travel with null and list nobody.
    const nulls = muni.raw
      .prepare(`SELECT count(*) AS n FROM imported_record WHERE record_type = 'measure' AND json_extract(record, '$.youthProjectId') IS NULL`)
      .get() as { n: number };
    expect(nulls.n).toBeGreaterThan(0);
  });
});
