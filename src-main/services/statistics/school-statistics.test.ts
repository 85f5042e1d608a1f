import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planIn, planKit, readyDraft } from '../testing/plan-helpers';
import { actorOf, insertStudent, makeSchoolFixture, SEMESTER_1, type SchoolFixture } from '../testing/school-fixture';
import { SchoolStatisticsService } from './school-statistics';

let fx: SchoolFixture;
beforeEach(async () => {
  fx = await makeSchoolFixture();
});
afterEach(async () => {
  await fx.close();
});

const row = (t: { rows: { key: string; values: (number | null)[]; total: number | null }[] }, key: string) => t.rows.find((r) => r.key === key);

describe('school statistics', () => {
  it('counts screened and at-risk students, risk groups, plans and measures, broken down by grade band and gender', async () => {
    const kit = planKit(fx);
    await planIn(kit, 's-minor', 'active'); // grade 8, male: school + economic risks, psychologist 120 min, transport 50 €
    await readyDraft(kit, 's-adult'); // grade 12, female: same risks, a draft
    await insertStudent(fx.db, { id: 's-calm', first: 'Ieva', last: 'Mierīgā', code: '010112-20000', birth: '2012-01-01', gender: 'female', grade: 7 });
    await kit.screenings.save(actorOf('author'), {
      studentId: 's-calm',
      semesterId: SEMESTER_1,
      answers: [{ riskFactorId: 'personal.health', answer: 'absent' }],
    });

    const stats = new SchoolStatisticsService(fx.db);
    const byBand = await stats.overview(actorOf('readOnly'), { semesterId: SEMESTER_1, breakdown: 'gradeBand' });
    expect(byBand.columns).toEqual(['1-4', '5-6', '7-9', '10-12', 'vocational']);
    const students = byBand.tables.find((t) => t.id === 'students')!;
    expect(row(students, 'screened')).toMatchObject({ values: [0, 0, 2, 1, 0], total: 3 });
    expect(row(students, 'atRisk')).toMatchObject({ values: [0, 0, 1, 1, 0], total: 2 });
    expect(row(students, 'notAtRisk')).toMatchObject({ values: [0, 0, 1, 0, 0], total: 1 });
    const groups = byBand.tables.find((t) => t.id === 'riskGroups')!;
    expect(row(groups, 'school')!.total).toBe(2);
    expect(row(groups, 'family')!.total).toBe(0);
    const factors = byBand.tables.find((t) => t.id === 'riskFactors')!;
    expect(row(factors, 'economic.transport')).toMatchObject({ total: 2, labelEn: 'No money for transport' });
    const plans = byBand.tables.find((t) => t.id === 'plansByStatus')!;
    expect(row(plans, 'active')).toMatchObject({ values: [0, 0, 1, 0, 0], total: 1 });
    expect(row(plans, 'draft')).toMatchObject({ values: [0, 0, 0, 1, 0], total: 1 });

    const psych = byBand.measures.find((m) => m.kindCode === 'consultation.psychologist')!;
    expect(psych).toMatchObject({ plans: 2, measures: 2, plannedMinutes: 240, deliveredMinutes: 0 });
    const transport = byBand.measures.find((m) => m.kindCode === 'compensation.publicTransport')!;
    expect(transport).toMatchObject({ plannedCents: 10_000, deliveredCents: 0 });

    const byGender = await stats.overview(actorOf('readOnly'), { semesterId: SEMESTER_1, breakdown: 'gender' });
    expect(byGender.columns).toEqual(['female', 'male']);
    expect(
      row(
        byGender.tables.find((t) => t.id === 'students')!,
        'atRisk',
      )!.values,
    ).toEqual([1, 1]);
  });

  it('needs the school.read permission and a known semester', async () => {
    const stats = new SchoolStatisticsService(fx.db);
    await expect(stats.overview({ userId: 'x', name: 'x', roles: [] }, { semesterId: SEMESTER_1, breakdown: 'none' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(stats.overview(actorOf('readOnly'), { semesterId: 'nope', breakdown: 'none' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reports not enough data for every kind of a small school', async () => {
    const kit = planKit(fx);
    await planIn(kit, 's-minor', 'active');
    const e = await new SchoolStatisticsService(fx.db).effectiveness(actorOf('readOnly'), { semesterIds: [] });
    expect(e.kinds.map((k) => k.kindCode).sort()).toEqual(['compensation.publicTransport', 'consultation.psychologist']);
    for (const k of e.kinds) expect(k.risksLessened.kind).toBe('notEnoughData');
  });
});
