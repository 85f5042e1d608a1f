import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorOf, FIXTURE_REG_NO, insertStudent, makeSchoolFixture, SEMESTER_1, SEMESTER_2, type SchoolFixture } from '../testing/school-fixture';
import { planIn, planKit, readyDraft, type PlanKit } from '../testing/plan-helpers';
import { fixedClock } from '../../ports/clock';

let fx: SchoolFixture;
let kit: PlanKit;
beforeEach(async () => {
  fx = await makeSchoolFixture();
  kit = planKit(fx);
});
afterEach(() => fx.close());

const author = actorOf('author');
const director = actorOf('director');

describe('creating plans', () => {
  it('gives each plan a code <regNo>-<semester>-<NNNN>, one plan per student per semester, with history and audit', async () => {
    const a = await kit.plans.create(author, { studentId: fx.students.minor, semesterId: SEMESTER_1 });
    const b = await kit.plans.create(author, { studentId: fx.students.adult, semesterId: SEMESTER_1 });
    expect(a.code).toBe(`${FIXTURE_REG_NO}-2025/26-1-0001`);
    expect(b.code).toBe(`${FIXTURE_REG_NO}-2025/26-1-0002`);
    expect(a.status).toBe('draft');
    expect(a.history).toEqual([{ from: null, to: 'draft', comment: '', changedBy: 'u-author', changedAt: '2025-09-15T10:00:00.000Z' }]);
    await expect(kit.plans.create(author, { studentId: fx.students.minor, semesterId: SEMESTER_1 })).rejects.toMatchObject({
      code: 'CONFLICT',
      messageKey: 'errors.plan.exists',
    });
    const audit = await fx.db.selectFrom('audit_log').select(['action', 'entity', 'entity_id']).where('entity', '=', 'plan').orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'create', entity: 'plan', entity_id: a.id },
      { action: 'create', entity: 'plan', entity_id: b.id },
    ]);
  });

  it('never reuses a code, even after the last draft is deleted', async () => {
    const a = await kit.plans.create(author, { studentId: fx.students.minor, semesterId: SEMESTER_1 });
    await kit.plans.delete(author, { planId: a.id, version: a.version });
    const b = await kit.plans.create(author, { studentId: fx.students.minor, semesterId: SEMESTER_1 });
    expect(b.code).toBe(`${FIXTURE_REG_NO}-2025/26-1-0002`);
  });

  it('needs the school profile for the code, and plan.write to create', async () => {
    await expect(kit.plans.create(actorOf('specialist'), { studentId: fx.students.minor, semesterId: SEMESTER_1 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(kit.plans.create(director, { studentId: fx.students.minor, semesterId: SEMESTER_1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await fx.db.deleteFrom('organisation').execute();
    await expect(kit.plans.create(author, { studentId: fx.students.minor, semesterId: SEMESTER_1 })).rejects.toMatchObject({ code: 'NOT_SET_UP' });
  });
});

describe('editing a plan', () => {
  it('keeps the measures in the order given, with their risks', async () => {
    const plan = await readyDraft(kit, fx.students.minor);
    expect(plan.measures.map((m) => [m.kindCode, m.category, m.plannedMinutes, m.plannedCents, m.riskFactorIds])).toEqual([
      ['consultation.psychologist', 'consultation', 120, null, ['school.absences']],
      ['compensation.publicTransport', 'compensation', null, 5000, ['economic.transport']],
    ]);
    expect(plan.consent).toEqual({ by: 'Māte', relation: 'mother', on: '2025-09-10' });
  });

  it('checks each measure: amount for its kind, period inside the semester, known staff', async () => {
    const draft = await kit.plans.create(author, { studentId: fx.students.minor, semesterId: SEMESTER_1 });
    const attempt = kit.plans.update(author, {
      planId: draft.id,
      version: draft.version,
      goals: 'x',
      consent: null,
      measures: [
        { kindCode: 'consultation.teacher', plannedCents: 100, startsOn: '2025-08-01', endsOn: '2025-09-30', justification: 'j' },
        { kindCode: 'compensation.meals', startsOn: '2025-10-01', endsOn: '2025-09-30', justification: 'j', responsibleId: 'nobody' },
        { kindCode: 'no.suchKind', startsOn: '2025-10-01', endsOn: '2025-10-30', justification: 'j' },
      ],
    });
    await expect(attempt).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const fields = (await attempt.catch((e: { details: { fields: { path: string; messageKey: string }[] } }) => e.details.fields)) as {
      path: string;
      messageKey: string;
    }[];
    expect(fields).toEqual(
      expect.arrayContaining([
        { path: 'measures.0.plannedMinutes', messageKey: 'errors.measure.plannedMinutesRequired' },
        { path: 'measures.0.plannedCents', messageKey: 'errors.measure.amountNotForKind' },
        expect.objectContaining({ path: 'measures.0.startsOn', messageKey: 'errors.measure.outsideSemester' }),
        { path: 'measures.1.plannedCents', messageKey: 'errors.measure.plannedCentsRequired' },
        { path: 'measures.1.endsOn', messageKey: 'errors.measure.endsBeforeStart' },
        { path: 'measures.1.responsibleId', messageKey: 'errors.measure.responsibleUnknown' },
        { path: 'measures.2.kindCode', messageKey: 'errors.measure.kindUnavailable' },
      ]),
    );
    expect(await fx.db.selectFrom('measure').selectAll().execute()).toEqual([]);
  });

  it('refuses a stale version, and edits outside draft (an approved plan must be revised first)', async () => {
    const plan = await planIn(kit, fx.students.minor, 'approved');
    const edit = { planId: plan.id, goals: 'Jauni mērķi', consent: plan.consent, measures: [] };
    await expect(kit.plans.update(author, { ...edit, version: plan.version - 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(kit.plans.update(author, { ...edit, version: plan.version })).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      messageKey: 'errors.plan.notEditable',
    });
    const revised = await kit.plans.transition(author, { planId: plan.id, version: plan.version, action: 'revise' });
    expect(revised.status).toBe('draft');
    const edited = await kit.plans.update(author, { ...edit, version: revised.version, measures: revised.measures.map((m) => ({ ...m })) });
    expect(edited.goals).toBe('Jauni mērķi');
  });
});

describe('submitting for approval', () => {
  it('requires goals, consent and a measure', async () => {
    const draft = await kit.plans.create(author, { studentId: fx.students.minor, semesterId: SEMESTER_1 });
    await expect(kit.plans.transition(author, { planId: draft.id, version: draft.version, action: 'submit' })).rejects.toMatchObject({
      details: {
        fields: [
          { path: 'goals', messageKey: 'errors.plan.goalsRequired' },
          { path: 'consent', messageKey: 'errors.plan.consentRequired' },
          { path: 'measures', messageKey: 'errors.plan.measureRequired' },
        ],
      },
    });
  });

  it('requires every measure to address a risk PRESENT in the semester screening', async () => {
    const plan = await readyDraft(kit, fx.students.minor);
    const edited = await kit.plans.update(author, {
      planId: plan.id,
      version: plan.version,
      goals: plan.goals,
      consent: plan.consent,
      measures: [
        { ...plan.measures[0]!, riskFactorIds: ['personal.health'] },
        { ...plan.measures[1]!, riskFactorIds: [] },
      ],
    });
    await expect(kit.plans.transition(author, { planId: plan.id, version: edited.version, action: 'submit' })).rejects.toMatchObject({
      details: {
        fields: [
          { path: 'measures.0.riskFactorIds', messageKey: 'errors.measure.riskNotPresent', params: { factorId: 'personal.health' } },
          { path: 'measures.1.riskFactorIds', messageKey: 'errors.measure.riskRequired' },
        ],
      },
    });
  });

  it('requires the adult student to consent personally, and a parent for a minor', async () => {
    const adultPlan = await readyDraft(kit, fx.students.adult);
    await expect(kit.plans.transition(author, { planId: adultPlan.id, version: adultPlan.version, action: 'submit' })).rejects.toMatchObject({
      details: { fields: [{ path: 'consent.relation', messageKey: 'errors.plan.consentByAdultStudent' }] },
    });
    const fixed = await kit.plans.update(author, {
      ...adultPlan,
      planId: adultPlan.id,
      consent: { by: 'Līga Kalniņa', relation: 'student', on: '2025-09-10' },
    });
    expect((await kit.plans.transition(author, { planId: fixed.id, version: fixed.version, action: 'submit' })).status).toBe('inApproval');

    const minorPlan = await readyDraft(kit, fx.students.minor);
    const wrong = await kit.plans.update(author, { ...minorPlan, planId: minorPlan.id, consent: { by: 'Jānis', relation: 'student', on: '2025-09-16' } });
    await expect(kit.plans.transition(author, { planId: wrong.id, version: wrong.version, action: 'submit' })).rejects.toMatchObject({
      details: {
        fields: [
          { path: 'consent.on', messageKey: 'errors.plan.consentInFuture' },
          { path: 'consent.relation', messageKey: 'errors.plan.consentByParent' },
        ],
      },
    });
  });

  it('accepts either consent when the birth date is unknown (new-form personal code)', async () => {
    const id = await insertStudent(fx.db, { id: 's-new', first: 'Rūta', last: 'Ozola', code: '321234-56789', birth: null, gender: 'female', grade: 9 });
    const plan = await readyDraft(kit, id);
    const withStudent = await kit.plans.update(author, { ...plan, planId: plan.id, consent: { by: 'Rūta Ozola', relation: 'student', on: '2025-09-10' } });
    expect((await kit.plans.transition(author, { planId: plan.id, version: withStudent.version, action: 'submit' })).status).toBe('inApproval');
  });
});

describe('approval and the rest of the lifecycle', () => {
  it('lets the director approve, or return to draft with a comment; the author may not approve their own plan', async () => {
    const plan = await planIn(kit, fx.students.minor, 'inApproval');
    expect(plan.allowedActions).toEqual(['deactivate']);
    await expect(kit.plans.transition(author, { planId: plan.id, version: plan.version, action: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const both = { userId: 'u-author', name: 'A', roles: ['planAuthor' as const, 'director' as const] };
    await expect(kit.plans.transition(both, { planId: plan.id, version: plan.version, action: 'approve' })).rejects.toMatchObject({
      messageKey: 'errors.plan.selfApproval',
    });
    await expect(kit.plans.transition(director, { planId: plan.id, version: plan.version, action: 'return' })).rejects.toMatchObject({
      details: { fields: [{ path: 'comment', messageKey: 'errors.plan.commentRequired' }] },
    });
    const returned = await kit.plans.transition(director, { planId: plan.id, version: plan.version, action: 'return', comment: 'Precizējiet mērķus' });
    expect(returned.status).toBe('draft');
    expect(returned.history.at(-1)).toMatchObject({ from: 'inApproval', to: 'draft', comment: 'Precizējiet mērķus', changedBy: 'u-dir' });
    const waiting = await kit.plans.listWaiting(author);
    expect(waiting.map((w) => [w.id, w.reason])).toEqual([[plan.id, 'returned']]);
  });

  it('refuses transitions the table does not have, and suspension without a comment', async () => {
    const plan = await planIn(kit, fx.students.minor, 'active');
    // An author may approve from no status at all: refused for the permission before the plan is looked at.
    await expect(kit.plans.transition(author, { planId: plan.id, version: plan.version, action: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(kit.plans.transition(director, { planId: plan.id, version: plan.version, action: 'approve' })).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      messageKey: 'errors.plan.transitionNotAllowed',
    });
    await expect(kit.plans.transition(director, { planId: plan.id, version: plan.version, action: 'suspend', comment: '  ' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(kit.plans.transition(author, { planId: plan.id, version: plan.version, action: 'suspend', comment: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const suspended = await kit.plans.transition(director, { planId: plan.id, version: plan.version, action: 'suspend', comment: 'Slimo' });
    const resumed = await kit.plans.transition(director, { planId: plan.id, version: suspended.version, action: 'resume' });
    const closed = await kit.plans.transition(author, { planId: plan.id, version: resumed.version, action: 'deactivate', comment: 'Pārgāja uz citu skolu' });
    expect(closed.status).toBe('inactive');
    expect(closed.closedAt).toBe('2025-09-15T10:00:00.000Z');
    expect(closed.completed).toBe(false);
    expect(closed.allowedActions).toEqual([]);
    expect(closed.history.map((h) => h.to)).toEqual(['draft', 'inApproval', 'approved', 'active', 'suspended', 'active', 'inactive']);
  });

  it('lists plans waiting for a director, and counts plans by status in the current semester', async () => {
    const a = await planIn(kit, fx.students.minor, 'inApproval');
    await kit.plans.create(author, { studentId: fx.students.adult, semesterId: SEMESTER_1 });
    expect((await kit.plans.listWaiting(director)).map((w) => [w.id, w.reason, w.studentName])).toEqual([[a.id, 'toApprove', 'Jānis Bērziņš']]);
    const summary = await kit.plans.summary(actorOf('readOnly'));
    expect(summary).toMatchObject({ semesterId: SEMESTER_1, total: 2, byStatus: { draft: 1, inApproval: 1, active: 0 } });
    expect((await kit.plans.listForStudent(actorOf('readOnly'), fx.students.minor)).map((p) => p.id)).toEqual([a.id]);
  });
});

describe("the director's queue (issue 16, item 12)", () => {
  it('names who submitted each plan and when, the longest waiting first', async () => {
    // b is made first but submitted a day later than a, by another author.
    const other = await insertStudent(fx.db, {
      id: 's-other',
      first: 'Marta',
      last: 'Liepa',
      code: '200512-20000',
      birth: '2012-05-20',
      gender: 'female',
      grade: 7,
    });
    const b = await readyDraft(kit, other);
    const a = await planIn(kit, fx.students.minor, 'inApproval');
    const later = planKit(fx, fixedClock('2025-09-16T08:30:00Z'));
    await later.plans.transition(actorOf('author2'), { planId: b.id, version: b.version, action: 'submit' });
    const queue = await later.plans.listWaiting(director);
    expect(queue.map((w) => [w.id, w.reason, w.sentBy, w.sentAt])).toEqual([
      [a.id, 'toApprove', 'Anna Audzinātāja', '2025-09-15T10:00:00.000Z'],
      [b.id, 'toApprove', 'Pēteris Psihologs', '2025-09-16T08:30:00.000Z'],
    ]);
  });
});

describe('deleting', () => {
  it('is allowed only for a draft, with the version read', async () => {
    const plan = await planIn(kit, fx.students.minor, 'inApproval');
    await expect(kit.plans.delete(author, { planId: plan.id, version: plan.version })).rejects.toMatchObject({ messageKey: 'errors.plan.deleteOnlyDraft' });
    const draft = await readyDraft(kit, fx.students.adult);
    expect(draft.deletable).toBe(true);
    await kit.plans.delete(author, { planId: draft.id, version: draft.version });
    expect(await fx.db.selectFrom('plan').select('id').where('id', '=', draft.id).execute()).toEqual([]);
    expect(await fx.db.selectFrom('measure').select('id').where('plan_id', '=', draft.id).execute()).toEqual([]);
    const audit = await fx.db.selectFrom('audit_log').select(['action']).where('entity_id', '=', draft.id).where('action', '=', 'delete').execute();
    expect(audit).toHaveLength(1);
  });
});

describe('starting the next semester', () => {
  it('copies goals and measures whose risks are still present, moved into the new semester, and links the previous plan', async () => {
    const first = await planIn(kit, fx.students.minor, 'active');
    await kit.screenings.save(author, {
      studentId: fx.students.minor,
      semesterId: SEMESTER_2,
      screenedOn: '2025-09-15',
      answers: [
        { riskFactorId: 'school.absences', answer: 'present', justification: 'Joprojām kavē' },
        { riskFactorId: 'economic.transport', answer: 'absent' },
      ],
    });
    const next = await kit.plans.startNext(author, { previousPlanId: first.id });
    expect(next).toMatchObject({ semesterId: SEMESTER_2, status: 'draft', goals: first.goals, previousPlanId: first.id, consent: null });
    expect(next.code).toBe(`${FIXTURE_REG_NO}-2025/26-2-0001`);
    expect(next.measures.map((m) => [m.kindCode, m.startsOn, m.endsOn, m.riskFactorIds, m.responsibleId])).toEqual([
      ['consultation.psychologist', '2026-01-05', '2026-05-29', ['school.absences'], 'u-spec'],
    ]);
    await expect(kit.plans.startNext(author, { previousPlanId: first.id })).rejects.toMatchObject({ messageKey: 'errors.plan.exists' });
    await expect(kit.plans.startNext(author, { previousPlanId: next.id })).rejects.toMatchObject({ messageKey: 'errors.plan.noNextSemester' });
  });

  it('without a new screening, drops measures whose every risk lessened', async () => {
    const first = await planIn(kit, fx.students.minor, 'active');
    await fx.db
      .insertInto('risk_outcome')
      .values({ plan_id: first.id, risk_factor_id: 'economic.transport', change: 'lessened', evaluated_by: 'u-author', evaluated_at: 'x' })
      .execute();
    const next = await kit.plans.startNext(author, { previousPlanId: first.id });
    expect(next.measures.map((m) => m.kindCode)).toEqual(['consultation.psychologist']);
  });
});
