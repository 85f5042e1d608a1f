/** The e-journal service on a real SQLite school: matching, indicators, history, presets, views, audit. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normaliseHeader } from './headers';
import { fixedClock } from '../../ports/clock';
import { CalendarService } from '../school/calendar-service';
import { ScreeningService } from '../plans/screening-service';
import { actorOf, insertStudent, makeSchoolFixture, SEMESTER_1, SEMESTER_2, type SchoolFixture } from '../testing/school-fixture';
import { EJournalService } from './e-journal-service';

const clock = fixedClock('2026-02-10T10:00:00Z'); // semester 2
let fx: SchoolFixture;
let journal: EJournalService;
const coord = actorOf('coordinator');

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const SEM1 = bytes(
  [
    'Personas kods;Skolēns;Klase;Stundu skaits;Neattaisnotie kavējumi;Attaisnoti;Matemātika;Latviešu valoda',
    '150311-20000;Jānis Bērziņš;8.a;400;4;2;7;7',
    ';Kalniņa Līga;12.a;380;0;0;9;8',
    '010101-10000;Nezināms Skolēns;8.a;400;1;0;5;5',
  ].join('\n'),
);
const SEM2 = bytes(
  [
    'Personas kods;Skolēns;Klase;Stundu skaits;Neattaisnotie kavējumi;Attaisnoti;Matemātika;Latviešu valoda',
    '150311-20000;Jānis Bērziņš;8.a;400;26;10;3;nv',
    ';Kalniņa Līga;12.a;380;0;0;9;9',
    ';Anna Ozola;8.a;400;0;0;6;6',
    ';Nav Klases;;400;0;0;6;6',
  ].join('\n'),
);

beforeEach(async () => {
  fx = await makeSchoolFixture();
  journal = new EJournalService(fx.db, clock, new CalendarService(fx.db, clock));
});
afterEach(async () => {
  await fx.close();
});

describe('importing an e-journal export', () => {
  it('matches by personal code, else name and class, lists the rest, and keeps every import as history', async () => {
    const first = await journal.import(coord, { bytes: SEM1, fileName: 'sem1.csv', semesterId: SEMESTER_1 });
    expect(first).toMatchObject({ status: 'ok', matched: 2, studentsRead: 3, signalled: 0 });
    expect(first.unmatched).toEqual([{ rows: [4], name: 'Nezināms Skolēns', classLabel: '8.a', hasCode: true, reason: 'codeNotInRegister', candidates: 0 }]);

    await insertStudent(fx.db, { id: 's-anna1', first: 'Anna', last: 'Ozola', code: '010111-20000', birth: null, gender: 'female', grade: 8 });
    await insertStudent(fx.db, { id: 's-anna2', first: 'Anna', last: 'Ozola', code: '020111-20000', birth: null, gender: 'female', grade: 8 });
    const second = await journal.import(coord, { bytes: SEM2, fileName: 'sem2.csv' });
    expect(second.semesterId).toBe(SEMESTER_2);
    expect(second.matched).toBe(2);
    expect(second.unmatched.map((u) => [u.name, u.reason, u.candidates])).toEqual([
      ['Anna Ozola', 'severalInClass', 2],
      ['Nav Klases', 'noClass', 0],
    ]);
    expect(second.signalled).toBe(1);

    const rows = await fx.db
      .selectFrom('journal_indicator')
      .innerJoin('journal_import', 'journal_import.id', 'journal_indicator.import_id')
      .selectAll()
      .orderBy('semester_id')
      .orderBy('student_id')
      .execute();
    expect(rows.map((r) => [r.semester_id, r.student_id, r.unexcused_lessons, r.average, r.average_drop])).toEqual([
      [SEMESTER_1, 's-adult', 0, 8.5, null],
      [SEMESTER_1, 's-minor', 4, 7, null],
      [SEMESTER_2, 's-adult', 0, 9, -0.5],
      [SEMESTER_2, 's-minor', 26, 3, 4],
    ]);
    const audit = await fx.db.selectFrom('audit_log').select(['action', 'entity', 'detail']).where('entity', '=', 'journal_import').orderBy('id').execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1]!.detail)).toMatchObject({ semesterId: SEMESTER_2, matched: 2, unmatched: 2, signalled: 1 });
  });

  it('shows the trend on the card (audited), the register signals, and suggests unscreened students with the reasons', async () => {
    await journal.import(coord, { bytes: SEM1, fileName: 'sem1.csv', semesterId: SEMESTER_1 });
    await journal.import(coord, { bytes: SEM2, fileName: 'sem2.csv', semesterId: SEMESTER_2 });
    const trend = await journal.trend(actorOf('readOnly'), 's-minor');
    expect(trend.periods.map((p) => [p.semesterId, p.indicators.unexcusedLessons, p.signals.map((s) => s.kind)])).toEqual([
      [SEMESTER_1, 4, []],
      [SEMESTER_2, 26, ['unexcusedLessons', 'unexcusedShare', 'insufficientMarks', 'averageDrop']],
    ]);
    expect(
      await fx.db.selectFrom('audit_log').select(['actor_id', 'action']).where('entity', '=', 'journal_indicator').where('entity_id', '=', 's-minor').execute(),
    ).toEqual([{ actor_id: 'u-ro', action: 'open' }]);

    const map = await journal.signalMap(coord);
    expect(map).toMatchObject({
      semesterId: SEMESTER_2,
      students: [{ studentId: 's-minor', kinds: ['unexcusedLessons', 'unexcusedShare', 'insufficientMarks', 'averageDrop'] }],
    });

    const suggested = await journal.suggestions(coord);
    expect(suggested.students.map((s) => [s.studentId, s.signals.map((x) => x.riskFactorId)])).toEqual([
      ['s-minor', ['school.absences', 'school.absences', 'school.lowAchievement', 'school.lowAchievement']],
    ]);
    // Once screened in that semester, the student is no longer suggested.
    await new ScreeningService(fx.db, clock).save(actorOf('author'), {
      studentId: 's-minor',
      semesterId: SEMESTER_2,
      answers: [{ riskFactorId: 'school.absences', answer: 'present', justification: '26 neattaisnotas stundas' }],
    });
    expect((await journal.suggestions(coord)).students).toEqual([]);
  });

  it('moves with the thresholds: stricter settings raise more signals, null goes back to the defaults', async () => {
    await journal.import(coord, { bytes: SEM1, fileName: 'sem1.csv', semesterId: SEMESTER_1 });
    expect((await journal.signalMap(coord)).students).toEqual([]);
    await journal.saveThresholds(coord, { unexcusedLessons: 3, unexcusedSharePercent: 50, absenceSharePercent: 50, insufficientMarks: 5, averageDrop: 2 });
    expect((await journal.signalMap(coord)).students).toEqual([{ studentId: 's-minor', kinds: ['unexcusedLessons'] }]);
    await expect(journal.saveThresholds(actorOf('author'), null)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await journal.saveThresholds(coord, null)).toMatchObject({ isDefault: true, thresholds: { unexcusedLessons: 20 } });
  });

  it('refuses a file that still needs a mapping and writes nothing; a fixed mapping saved as a preset works next time', async () => {
    const file = bytes('Personas kods;Skolēns;Klase;Kav. (n)\n150311-20000;Jānis Bērziņš;8.a;30\n');
    const preview = await journal.preview(coord, { bytes: file, fileName: 'x.csv', semesterId: SEMESTER_1 });
    expect(preview.status).toBe('needsMapping');
    expect(preview.problems).toEqual([{ problem: 'unknownHeader', header: 'Kav. (n)' }, { problem: 'noValues' }]);
    await expect(journal.import(coord, { bytes: file, fileName: 'x.csv', semesterId: SEMESTER_1 })).rejects.toMatchObject({
      messageKey: 'errors.journal.needsMapping',
    });
    expect(await fx.db.selectFrom('journal_import').select('id').execute()).toEqual([]);

    const done = await journal.import(coord, {
      bytes: file,
      fileName: 'x.csv',
      semesterId: SEMESTER_1,
      mapping: { [normaliseHeader('Kav. (n)')]: { kind: 'unexcused' } },
      savePresetAs: 'E-klase kavējumi',
    });
    expect(done).toMatchObject({ status: 'ok', matched: 1, signalled: 1 });
    expect((await journal.presets(coord)).map((p) => [p.name, p.mapping['kav n']])).toEqual([['E-klase kavējumi', { kind: 'unexcused' }]]);
    const again = await journal.preview(coord, { bytes: file, fileName: 'x.csv', semesterId: SEMESTER_1, presetName: 'E-klase kavējumi' });
    expect(again.status).toBe('ok');
    await expect(journal.preview(coord, { bytes: file, fileName: 'x.csv', presetName: 'nav tāda' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets only staff who may change student data import, and only at a school', async () => {
    await expect(journal.import(actorOf('readOnly'), { bytes: SEM1, fileName: 'a.csv' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(journal.import(actorOf('specialist'), { bytes: SEM1, fileName: 'a.csv' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await fx.db.updateTable('organisation').set({ mode: 'municipality' }).execute();
    await expect(journal.signalMap(coord)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps indicators out of the tables an exchange package is built from', async () => {
    // Indicators stay at school: the exporter reads none of the journal tables.
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(import.meta.dirname, '..', 'exchange');
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThan(0);
    for (const f of sources) expect(readFileSync(join(dir, f), 'utf8')).not.toMatch(/journal_/);
  });
});
