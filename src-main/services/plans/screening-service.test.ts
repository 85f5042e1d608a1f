import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../ports/clock';
import { ScreeningService } from './screening-service';
import { actorOf, makeSchoolFixture, SEMESTER_1, SEMESTER_2, type SchoolFixture } from '../testing/school-fixture';

let fx: SchoolFixture;
let service: ScreeningService;
beforeEach(async () => {
  fx = await makeSchoolFixture();
  service = new ScreeningService(fx.db, fixedClock('2025-09-15T10:00:00Z'));
});
afterEach(() => fx.close());

const author = actorOf('author');

describe('screening', () => {
  it('offers every active factor as unknown before the first save, and not the retired one', async () => {
    const view = await service.get(author, fx.students.minor, SEMESTER_1);
    expect(view.id).toBeNull();
    expect(view.factors.map((f) => f.id)).not.toContain('school.oldForm');
    expect(view.factors.every((f) => f.answer === 'unknown')).toBe(true);
    expect(view.level.level).toBe('none');
    // No screening yet, but the student was looked up: that opening is audited too.
    const opens = await fx.db.selectFrom('audit_log').select(['action', 'entity', 'entity_id', 'actor_id']).where('action', '=', 'open').execute();
    expect(opens).toEqual([{ action: 'open', entity: 'student', entity_id: fx.students.minor, actor_id: author.userId }]);
  });

  it('counts active students with a present factor per group and in all, for the current semester', async () => {
    const empty = await service.riskSummary(actorOf('readOnly'));
    expect(empty).toEqual({ semesterId: SEMESTER_1, total: 0, byGroup: { school: 0, personal: 0, family: 0, economic: 0 } });
    await service.save(author, {
      studentId: fx.students.minor,
      semesterId: SEMESTER_1,
      answers: [
        { riskFactorId: 'school.absences', answer: 'present', justification: 'kavē' },
        { riskFactorId: 'family.lowInvolvement', answer: 'present', justification: 'nenāk' },
      ],
    });
    await service.save(author, {
      studentId: fx.students.adult,
      semesterId: SEMESTER_1,
      answers: [
        { riskFactorId: 'school.absences', answer: 'present', justification: 'kavē' },
        { riskFactorId: 'personal.health', answer: 'absent' },
      ],
    });
    const before = (await fx.db.selectFrom('audit_log').select('id').execute()).length;
    expect(await service.riskSummary(actorOf('readOnly'))).toEqual({
      semesterId: SEMESTER_1,
      total: 2,
      byGroup: { school: 2, personal: 0, family: 1, economic: 0 },
    });
    expect((await fx.db.selectFrom('audit_log').select('id').execute()).length, 'counts only: not audited').toBe(before);
    // A student who left no longer counts; another semester has its own screenings.
    await fx.db.updateTable('student').set({ status: 'left' }).where('id', '=', fx.students.adult).execute();
    expect(await service.riskSummary(author)).toMatchObject({ total: 1, byGroup: { school: 1, family: 1 } });
    expect(await service.riskSummary(author, SEMESTER_2)).toMatchObject({ semesterId: SEMESTER_2, total: 0 });
  });

  it('saves answers, fills the rest with unknown, and summarises per group with a level and its reasons', async () => {
    const view = await service.save(author, {
      studentId: fx.students.minor,
      semesterId: SEMESTER_1,
      answers: [
        { riskFactorId: 'school.absences', answer: 'present', justification: '30% stundu kavētas' },
        { riskFactorId: 'family.lowInvolvement', answer: 'present', justification: 'Vecāki nenāk uz sapulcēm' },
        { riskFactorId: 'personal.health', answer: 'absent' },
      ],
    });
    expect(view.version).toBe(1);
    expect(view.screenedOn).toBe('2025-09-15');
    expect(view.groups.find((g) => g.group === 'school')).toEqual({ group: 'school', present: 1, unknown: 1, absent: 0 });
    expect(view.groups.find((g) => g.group === 'economic')).toEqual({ group: 'economic', present: 0, unknown: 1, absent: 0 });
    expect(view.level.level).toBe('medium');
    expect(view.level.reasons.map((r) => r.key)).toEqual(['risk.reason.groups', 'risk.reason.unknown']);
    const audit = await fx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'screening').execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(audit[0]?.detail).not.toContain('kavētas');
  });

  it('requires a justification for each present factor, naming the factor', async () => {
    await expect(
      service.save(author, {
        studentId: fx.students.minor,
        semesterId: SEMESTER_1,
        answers: [
          { riskFactorId: 'school.absences', answer: 'present', justification: 'ok' },
          { riskFactorId: 'economic.transport', answer: 'present', justification: '   ' },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: {
        fields: [{ path: 'answers.1.justification', messageKey: 'errors.screening.justificationRequired', params: { factorId: 'economic.transport' } }],
      },
    });
    expect(await fx.db.selectFrom('screening').selectAll().execute()).toEqual([]);
  });

  it('refuses answers on a retired factor in a new screening, but keeps old answers on it', async () => {
    await expect(
      service.save(author, { studentId: fx.students.minor, semesterId: SEMESTER_1, answers: [{ riskFactorId: 'school.oldForm', answer: 'absent' }] }),
    ).rejects.toMatchObject({ details: { fields: [{ messageKey: 'errors.screening.factorRetired' }] } });

    // An answer given before the factor was retired (written directly, as an old database would hold it).
    const first = await service.save(author, { studentId: fx.students.minor, semesterId: SEMESTER_1, answers: [] });
    await fx.db
      .insertInto('screening_answer')
      .values({ screening_id: first.id!, risk_factor_id: 'school.oldForm', answer: 'present', justification: 'agrāk' })
      .execute();
    const again = await service.save(author, {
      studentId: fx.students.minor,
      semesterId: SEMESTER_1,
      version: 1,
      answers: [{ riskFactorId: 'school.absences', answer: 'present', justification: 'kavē' }],
    });
    expect(again.factors.find((f) => f.id === 'school.oldForm')).toMatchObject({ retired: true, answer: 'present', justification: 'agrāk' });
  });

  it('refuses a save based on an old version', async () => {
    await service.save(author, { studentId: fx.students.minor, semesterId: SEMESTER_1, answers: [] });
    await expect(service.save(author, { studentId: fx.students.minor, semesterId: SEMESTER_1, version: 7, answers: [] })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(service.save(author, { studentId: fx.students.minor, semesterId: SEMESTER_1, answers: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses an unknown factor and a screening date in the future', async () => {
    await expect(
      service.save(author, { studentId: fx.students.minor, semesterId: SEMESTER_1, answers: [{ riskFactorId: 'school.nope', answer: 'absent' }] }),
    ).rejects.toMatchObject({ details: { fields: [{ messageKey: 'errors.screening.unknownFactor' }] } });
    await expect(service.save(author, { studentId: fx.students.minor, semesterId: SEMESTER_1, screenedOn: '2025-09-16', answers: [] })).rejects.toMatchObject({
      details: { fields: [{ path: 'screenedOn' }] },
    });
  });

  it('lets only roles with screening.write save, and only staff members', async () => {
    for (const key of ['specialist', 'director', 'readOnly'] as const) {
      await expect(service.save(actorOf(key), { studentId: fx.students.minor, semesterId: SEMESTER_1, answers: [] })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    const cli = { userId: 'cli:root', name: 'CLI', roles: ['coordinator' as const] };
    await expect(service.save(cli, { studentId: fx.students.minor, semesterId: SEMESTER_1, answers: [] })).rejects.toMatchObject({
      messageKey: 'errors.actor.notStaff',
    });
  });

  it('uses the configured level rule, and an admin may reset it to the default', async () => {
    const coordinator = actorOf('coordinator');
    await service.saveLevelRule(coordinator, { levels: [{ level: 'high', minGroups: null, minPresent: 1 }] });
    const view = await service.save(author, {
      studentId: fx.students.minor,
      semesterId: SEMESTER_1,
      answers: [{ riskFactorId: 'school.absences', answer: 'present', justification: 'kavē' }],
    });
    expect(view.level.level).toBe('high');
    await expect(service.saveLevelRule(author, null)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await service.saveLevelRule(coordinator, null)).isDefault).toBe(true);
    expect((await service.get(author, fx.students.minor, SEMESTER_1)).level.level).toBe('low');
  });
});
