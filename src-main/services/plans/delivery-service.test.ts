import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../ports/clock';
import { DeliveryService } from './delivery-service';
import { MeasureKindService } from '../school/measure-kind-service';
import { planIn, planKit, type PlanKit } from '../testing/plan-helpers';
import { actorOf, makeSchoolFixture, SEMESTER_1, type SchoolFixture } from '../testing/school-fixture';

let fx: SchoolFixture;
let kit: PlanKit;
let deliveries: DeliveryService;
const clock = fixedClock('2025-10-20T10:00:00Z');
beforeEach(async () => {
  fx = await makeSchoolFixture();
  kit = planKit(fx, clock);
  deliveries = new DeliveryService(fx.db, clock);
});
afterEach(() => fx.close());

const specialist = actorOf('specialist');
const author = actorOf('author');

describe('adding deliveries', () => {
  it('logs a consultation, and the first delivery starts an approved plan', async () => {
    const plan = await planIn(kit, fx.students.minor, 'approved');
    const [consultation] = plan.measures;
    const result = await deliveries.add(specialist, {
      measureId: consultation!.id,
      deliveredOn: '2025-10-01',
      minutes: 45,
      studentConfirmed: true,
      note: 'Saruna',
    });
    expect(result.status).toBe('active');
    expect(result.measures[0]).toMatchObject({ planned: 120, delivered: 45, count: 1 });
    expect(result.measures[0]?.deliveries[0]).toMatchObject({ specialistId: 'u-spec', studentConfirmed: true, removable: true, recordedBy: 'u-spec' });
    const after = await kit.plans.get(author, plan.id);
    expect(after.history.at(-1)).toMatchObject({ from: 'approved', to: 'active', changedBy: 'u-spec' });
  });

  it('refuses deliveries on plans that are not approved or active', async () => {
    const director = actorOf('director');
    const draft = await planIn(kit, fx.students.minor, 'draft');
    const measureId = draft.measures[0]!.id;
    const attempt = () => deliveries.add(specialist, { measureId, deliveredOn: '2025-10-01', minutes: 30 });
    await expect(attempt()).rejects.toMatchObject({ messageKey: 'errors.delivery.planNotRunning', details: { params: { status: 'draft' } } });
    let plan = await kit.plans.transition(author, { planId: draft.id, version: draft.version, action: 'submit' });
    await expect(attempt()).rejects.toMatchObject({ details: { params: { status: 'inApproval' } } });
    plan = await kit.plans.transition(director, { planId: plan.id, version: plan.version, action: 'approve' });
    await kit.plans.transition(director, { planId: plan.id, version: plan.version, action: 'suspend', comment: 'Pārtraukums' });
    await expect(attempt()).rejects.toMatchObject({ details: { params: { status: 'suspended' } } });
    expect(await fx.db.selectFrom('delivery').selectAll().execute()).toEqual([]);
  });

  it('needs the date inside the measure period and not in the future, and the amount its kind uses', async () => {
    const plan = await planIn(kit, fx.students.minor, 'active');
    const [consultation, transport] = plan.measures;
    await expect(deliveries.add(specialist, { measureId: consultation!.id, deliveredOn: '2025-09-14', minutes: 30 })).rejects.toMatchObject({
      details: { fields: [{ path: 'deliveredOn', messageKey: 'errors.delivery.outsidePeriod' }] },
    });
    await expect(deliveries.add(specialist, { measureId: consultation!.id, deliveredOn: '2025-10-21', minutes: 30 })).rejects.toMatchObject({
      details: { fields: [{ path: 'deliveredOn', messageKey: 'errors.field.dateInFuture' }] },
    });
    await expect(deliveries.add(specialist, { measureId: consultation!.id, deliveredOn: '2025-10-01' })).rejects.toMatchObject({
      details: { fields: [{ path: 'minutes', messageKey: 'errors.delivery.minutesRequired' }] },
    });
    await expect(deliveries.add(author, { measureId: transport!.id, deliveredOn: '2025-10-01', minutes: 30 })).rejects.toMatchObject({
      details: {
        fields: [
          { path: 'cents', messageKey: 'errors.delivery.centsRequired' },
          { path: 'minutes', messageKey: 'errors.delivery.amountNotForKind' },
        ],
      },
    });
  });

  it('needs a reason to go over the planned amount', async () => {
    const plan = await planIn(kit, fx.students.minor, 'active');
    const transport = plan.measures[1]!;
    await deliveries.add(author, { measureId: transport.id, deliveredOn: '2025-10-01', cents: 3000, receiptRef: 'Čeks 1' });
    await expect(deliveries.add(author, { measureId: transport.id, deliveredOn: '2025-10-02', cents: 2001 })).rejects.toMatchObject({
      details: { fields: [{ path: 'overPlanReason', messageKey: 'errors.delivery.overPlanReasonRequired' }] },
    });
    const ok = await deliveries.add(author, { measureId: transport.id, deliveredOn: '2025-10-02', cents: 2001, overPlanReason: 'Cenas pieauga' });
    expect(ok.measures[1]).toMatchObject({ planned: 5000, delivered: 5001 });
    expect(ok.measures[1]?.deliveries.map((d) => d.overPlanReason)).toEqual([null, 'Cenas pieauga']);
  });

  it("needs a reason to go over the kind's cap per student per semester, for money and for priced consultation time", async () => {
    const coordinator = actorOf('coordinator');
    const kinds = new MeasureKindService(fx.db, clock);
    const list = await kinds.list(coordinator);
    const edit = (code: string, rateCents: number | null, capCents: number | null) => {
      const k = list.find((x) => x.code === code)!;
      return { code, category: k.category, labelLv: k.labelLv, labelEn: k.labelEn, rateCents, capCents, active: true };
    };
    await kinds.update(coordinator, { kinds: [edit('compensation.publicTransport', null, 4000), edit('consultation.psychologist', 3000, 2500)] });
    const plan = await planIn(kit, fx.students.minor, 'active');
    const [consultation, transport] = plan.measures;
    await expect(deliveries.add(author, { measureId: transport!.id, deliveredOn: '2025-10-01', cents: 4001 })).rejects.toMatchObject({
      details: { fields: [{ messageKey: 'errors.delivery.overCapReasonRequired', params: { overPlan: 0, overCap: 1 } }] },
    });
    await deliveries.add(author, { measureId: transport!.id, deliveredOn: '2025-10-01', cents: 4000 });
    // 50 minutes at 30,00 €/h = 25,00 € (the cap); 51 minutes = 25,50 €.
    await deliveries.add(specialist, { measureId: consultation!.id, deliveredOn: '2025-10-01', minutes: 50 });
    await expect(deliveries.add(specialist, { measureId: consultation!.id, deliveredOn: '2025-10-02', minutes: 1 })).rejects.toMatchObject({
      details: { fields: [{ messageKey: 'errors.delivery.overCapReasonRequired' }] },
    });
    const spending = await deliveries.spending(actorOf('readOnly'));
    expect(spending.semesterId).toBe(SEMESTER_1);
    expect(spending.kinds.find((k) => k.kindCode === 'compensation.publicTransport')).toMatchObject({
      spentCents: 4000,
      capCents: 4000,
      students: 1,
      studentsOverCap: 0,
    });
    expect(spending.kinds.find((k) => k.kindCode === 'consultation.psychologist')).toMatchObject({ spentCents: 2500, students: 1 });
    expect(spending.kinds.some((k) => k.kindCode === 'consultation.teacher')).toBe(false);
  });

  it('is for roles with delivery.write only', async () => {
    const plan = await planIn(kit, fx.students.minor, 'active');
    for (const key of ['director', 'readOnly'] as const) {
      await expect(deliveries.add(actorOf(key), { measureId: plan.measures[0]!.id, deliveredOn: '2025-10-01', minutes: 30 })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
  });
});

describe('NGO project participation', () => {
  it('is logged as a dated participation without amounts, and counted per measure and month', async () => {
    const draft = await planIn(kit, fx.students.minor, 'draft');
    const withNgo = await kit.plans.update(author, {
      planId: draft.id,
      version: draft.version,
      goals: draft.goals,
      consent: draft.consent,
      measures: [
        ...draft.measures,
        { kindCode: 'ngo.project', startsOn: '2025-09-15', endsOn: '2025-12-19', justification: 'Jauniešu projekts', riskFactorIds: ['school.absences'] },
      ],
    });
    let plan = await kit.plans.transition(author, { planId: draft.id, version: withNgo.version, action: 'submit' });
    plan = await kit.plans.transition(actorOf('director'), { planId: plan.id, version: plan.version, action: 'approve' });
    const ngo = plan.measures[2]!;
    await expect(deliveries.add(author, { measureId: ngo.id, deliveredOn: '2025-10-04', cents: 500 })).rejects.toMatchObject({
      details: { fields: [{ path: 'cents', messageKey: 'errors.delivery.amountNotForKind' }] },
    });
    const result = await deliveries.add(author, { measureId: ngo.id, deliveredOn: '2025-10-04' });
    expect(result.measures[2]).toMatchObject({ category: 'ngo', planned: null, delivered: 1, count: 1 });
    expect((await deliveries.month(author)).ngoParticipations).toBe(1);
  });
});

describe('removing deliveries', () => {
  it('is for the person who recorded it on the same day, or a coordinator, and is audited', async () => {
    const plan = await planIn(kit, fx.students.minor, 'active');
    const added = await deliveries.add(specialist, { measureId: plan.measures[0]!.id, deliveredOn: '2025-10-01', minutes: 30 });
    const id = added.measures[0]!.deliveries[0]!.id;
    await expect(deliveries.remove(author, id)).rejects.toMatchObject({ messageKey: 'errors.delivery.notRemovable' });
    const nextDay = new DeliveryService(fx.db, fixedClock('2025-10-21T10:00:00Z'));
    await expect(nextDay.remove(specialist, id)).rejects.toMatchObject({ messageKey: 'errors.delivery.notRemovable' });
    expect((await nextDay.listForPlan(specialist, plan.id)).measures[0]?.deliveries[0]?.removable).toBe(false);
    const after = await deliveries.remove(specialist, id);
    expect(after.measures[0]).toMatchObject({ delivered: 0, count: 0 });
    const again = await deliveries.add(specialist, { measureId: plan.measures[0]!.id, deliveredOn: '2025-10-01', minutes: 30 });
    await nextDay.remove(actorOf('coordinator'), again.measures[0]!.deliveries[0]!.id);
    const audit = await fx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity', '=', 'delivery')
      .where('action', '=', 'delete')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'delete', actor_id: 'u-spec' },
      { action: 'delete', actor_id: 'u-coord' },
    ]);
  });

  it('keeps a plan with deliveries from being deleted after a revision', async () => {
    const plan = await planIn(kit, fx.students.minor, 'active');
    await deliveries.add(specialist, { measureId: plan.measures[0]!.id, deliveredOn: '2025-10-01', minutes: 30 });
    const current = await kit.plans.get(author, plan.id);
    const revised = await kit.plans.transition(author, { planId: plan.id, version: current.version, action: 'revise' });
    expect(revised.deletable).toBe(false);
    await expect(kit.plans.delete(author, { planId: plan.id, version: revised.version })).rejects.toMatchObject({
      messageKey: 'errors.plan.deleteHasDeliveries',
    });
    await expect(
      kit.plans.update(author, { planId: plan.id, version: revised.version, goals: revised.goals, consent: revised.consent, measures: [revised.measures[1]!] }),
    ).rejects.toMatchObject({ details: { fields: [{ path: 'measures', messageKey: 'errors.measure.hasDeliveries' }] } });
  });
});

describe('home screen totals', () => {
  it('counts and sums this month', async () => {
    const plan = await planIn(kit, fx.students.minor, 'active');
    await deliveries.add(specialist, { measureId: plan.measures[0]!.id, deliveredOn: '2025-10-01', minutes: 30 });
    await deliveries.add(specialist, { measureId: plan.measures[0]!.id, deliveredOn: '2025-09-30', minutes: 40 });
    await deliveries.add(author, { measureId: plan.measures[1]!.id, deliveredOn: '2025-10-03', cents: 1250 });
    expect(await deliveries.month(specialist)).toEqual({
      month: '2025-10',
      count: 2,
      recordedByMe: 1,
      consultationMinutes: 30,
      compensationCents: 1250,
      ngoParticipations: 0,
      students: 1,
    });
  });
});
