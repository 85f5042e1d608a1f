import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../ports/clock';
import { DeliveryService } from './delivery-service';
import { SemesterEndService } from './semester-end-service';
import { planIn, planKit, type PlanKit } from '../testing/plan-helpers';
import { actorOf, makeSchoolFixture, type SchoolFixture } from '../testing/school-fixture';

let fx: SchoolFixture;
let kit: PlanKit;
let semesterEnd: SemesterEndService;
const clock = fixedClock('2025-12-19T10:00:00Z');
beforeEach(async () => {
  fx = await makeSchoolFixture();
  kit = planKit(fx, clock);
  semesterEnd = new SemesterEndService(fx.db, clock);
});
afterEach(() => fx.close());

const author = actorOf('author');

describe('semester end', () => {
  it('shows each measure with planned and delivered amounts, and each risk present in the screening', async () => {
    const plan = await planIn(kit, fx.students.minor, 'active');
    await new DeliveryService(fx.db, clock).add(actorOf('specialist'), { measureId: plan.measures[0]!.id, deliveredOn: '2025-11-01', minutes: 90 });
    const view = await semesterEnd.get(actorOf('readOnly'), plan.id);
    expect(view.measures.map((m) => [m.kindCode, m.planned, m.delivered, m.evaluation])).toEqual([
      ['consultation.psychologist', 120, 90, null],
      ['compensation.publicTransport', 5000, 0, null],
    ]);
    expect(view.risks.map((r) => [r.riskFactorId, r.change])).toEqual([
      ['school.absences', null],
      ['economic.transport', null],
    ]);
    expect(view.complete).toBe(false);
    // The evaluation of a child's semester is part of their record: opening it is audited (ids only).
    const opens = await fx.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'detail'])
      .where('action', '=', 'open')
      .where('entity', '=', 'semesterEnd')
      .execute();
    expect(opens).toEqual([{ entity: 'semesterEnd', entity_id: plan.id, detail: '{}' }]);
  });

  it('closes the plan only when every evaluation is in, naming what is missing; then the plan is inactive', async () => {
    const plan = await planIn(kit, fx.students.minor, 'active');
    const current = await semesterEnd.get(author, plan.id);
    const partial = await semesterEnd.save(author, {
      planId: plan.id,
      version: current.version,
      measures: [{ measureId: plan.measures[0]!.id, delivered: 'partial' }],
      risks: [{ riskFactorId: 'school.absences', change: 'lessened' }],
      studentOutcome: null,
    });
    await expect(semesterEnd.close(author, { planId: plan.id, version: partial.version })).rejects.toMatchObject({
      details: {
        fields: [
          { path: 'measures.1.delivered', messageKey: 'errors.semesterEnd.measureMissing' },
          { path: 'risks.1.change', messageKey: 'errors.semesterEnd.riskMissing', params: { factorId: 'economic.transport' } },
          { path: 'studentOutcome', messageKey: 'errors.semesterEnd.outcomeMissing' },
        ],
      },
    });
    const full = await semesterEnd.save(author, {
      planId: plan.id,
      version: partial.version,
      measures: [{ measureId: plan.measures[1]!.id, delivered: 'none' }],
      risks: [{ riskFactorId: 'economic.transport', change: 'unchanged' }],
      studentOutcome: 'continues',
    });
    expect(full.complete).toBe(true);
    const closed = await semesterEnd.close(author, { planId: plan.id, version: full.version });
    expect(closed.status).toBe('inactive');
    const row = await fx.db.selectFrom('plan').select(['status', 'closed_at']).where('id', '=', plan.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'inactive', closed_at: '2025-12-19T10:00:00.000Z' });
    const history = await kit.plans.get(author, plan.id);
    expect(history.history.at(-1)).toMatchObject({ from: 'active', to: 'inactive', comment: '' });
    // Issue 16 item 9: a plan closed with its results is "closed", not merely inactive (a deactivated one is not).
    expect(history.completed).toBe(true);
    await expect(
      semesterEnd.save(author, { planId: plan.id, version: closed.version, measures: [], risks: [], studentOutcome: 'graduated' }),
    ).rejects.toMatchObject({
      messageKey: 'errors.semesterEnd.planNotRunning',
    });
  });

  it('refuses risks that are not in the screening, stale versions, draft plans and roles without outcome.write', async () => {
    const plan = await planIn(kit, fx.students.minor, 'active');
    await expect(
      semesterEnd.save(author, {
        planId: plan.id,
        version: plan.version,
        measures: [],
        risks: [{ riskFactorId: 'personal.health', change: 'grew' }],
        studentOutcome: null,
      }),
    ).rejects.toMatchObject({ details: { fields: [{ path: 'risks.0.riskFactorId', messageKey: 'errors.semesterEnd.riskNotInScreening' }] } });
    await expect(semesterEnd.save(author, { planId: plan.id, version: plan.version - 1, measures: [], risks: [], studentOutcome: null })).rejects.toMatchObject(
      {
        code: 'CONFLICT',
      },
    );
    await expect(
      semesterEnd.save(actorOf('specialist'), { planId: plan.id, version: plan.version, measures: [], risks: [], studentOutcome: null }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const draft = await planIn(kit, fx.students.adult, 'draft');
    await expect(semesterEnd.close(author, { planId: draft.id, version: draft.version })).rejects.toMatchObject({
      messageKey: 'errors.semesterEnd.planNotRunning',
    });
  });
});

describe('the semester-end overview (plans:listOpen)', () => {
  it('lists the semester’s open plans with evaluation progress, in one query, with one opening for the whole list', async () => {
    const plan = await planIn(kit, fx.students.minor, 'active');
    await planIn(kit, fx.students.adult, 'draft');
    const before = await semesterEnd.listOpen(actorOf('readOnly'));
    expect(before).toEqual({
      semesterId: '2025/26-1',
      plans: [
        {
          id: plan.id,
          code: plan.code,
          studentId: fx.students.minor,
          studentName: 'Bērziņš Jānis',
          educationLevel: 'general',
          grade: 8,
          classLabel: '8.a',
          status: 'active',
          evaluated: 0,
          toEvaluate: 5,
        },
      ],
    });
    const current = await semesterEnd.get(author, plan.id);
    await semesterEnd.save(author, {
      planId: plan.id,
      version: current.version,
      measures: [{ measureId: plan.measures[0]!.id, delivered: 'full' }],
      risks: [{ riskFactorId: 'school.absences', change: 'lessened' }],
      studentOutcome: 'continues',
    });
    expect((await semesterEnd.listOpen(author, '2025/26-1')).plans.map((p) => [p.evaluated, p.toEvaluate])).toEqual([[3, 5]]);
    expect(await semesterEnd.listOpen(author, '2025/26-2')).toEqual({ semesterId: '2025/26-2', plans: [] });
    const opens = await fx.db.selectFrom('audit_log').select(['entity', 'entity_id']).where('action', '=', 'open').where('entity', '=', 'plan_list').execute();
    expect(opens).toEqual([
      { entity: 'plan_list', entity_id: '2025/26-1' },
      { entity: 'plan_list', entity_id: '2025/26-1' },
      { entity: 'plan_list', entity_id: '2025/26-2' },
    ]);
    await expect(semesterEnd.listOpen({ userId: 'u-x', name: 'X', roles: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
