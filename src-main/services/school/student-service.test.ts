import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src-shared/domain/roles';
import type { StudentInput } from '../../../src-shared/domain/student';
import type { OpenedDatabase } from '../../db/connection';
import { fixedClock } from '../../ports/clock';
import { CalendarService } from './calendar-service';
import { StudentService } from './student-service';
import { legacyCheckDigit } from '../../../src-shared/domain/personal-code';
import { useTempDatabase } from '../../db/testing/use-temp-database';

const clock = fixedClock('2025-10-15T10:00:00Z');
const author: Actor = { userId: 'u-author', name: 'A', roles: ['planAuthor'] };
const specialist: Actor = { userId: 'u-spec', name: 'S', roles: ['specialist'] };

let database: OpenedDatabase;
let students: StudentService;
useTempDatabase('test', (opened) => {
  database = opened;
  students = new StudentService(database.db, clock, new CalendarService(database.db, clock));
});

/** A legacy code with a correct check digit (born 12 March 2011). */
const CODE = '120311-21234';
const janis: StudentInput = {
  firstName: 'Jānis',
  lastName: 'Bērziņš',
  personalCode: '12031121234',
  gender: 'male',
  educationLevel: 'general',
  grade: 8,
  classLabel: '8.b',
};
const audit = () => database.db.selectFrom('audit_log').select(['action', 'entity', 'entity_id', 'detail']).orderBy('id').execute();

describe('creating students', () => {
  it('normalises the personal code, takes the birth date from it, and audits the creation', async () => {
    const { student, warnings } = await students.create(author, janis);
    expect(warnings).toEqual([]);
    expect(student).toMatchObject({ personalCode: CODE, birthDate: '2011-03-12', grade: 8, classLabel: 'b', status: 'active', version: 1, guardians: [] });
    expect(await audit()).toEqual([{ action: 'create', entity: 'student', entity_id: student.id, detail: '{}' }]);
  });

  it('saves a code whose check digit fails, with a warning', async () => {
    const { student, warnings } = await students.create(author, { ...janis, personalCode: '120311-21230' });
    expect(student.personalCode).toBe('120311-21230');
    expect(warnings).toEqual([{ path: 'personalCode', messageKey: 'warnings.personalCode.checkDigit' }]);
  });

  it('keeps a birth date typed by hand, warning when it differs from the code', async () => {
    const { student, warnings } = await students.create(author, { ...janis, birthDate: '2011-03-13' });
    expect(student.birthDate).toBe('2011-03-13');
    expect(warnings).toEqual([{ path: 'birthDate', messageKey: 'warnings.personalCode.birthDateMismatch' }]);
  });

  it('warns when the birth date is implausible for the grade (an 8th-grader born in 1911)', async () => {
    const code1911 = `150311-1234${legacyCheckDigit('1503111234')}`;
    const { student, warnings } = await students.create(author, { ...janis, personalCode: code1911 });
    expect(student.birthDate).toBe('1911-03-15');
    expect(warnings).toEqual([{ path: 'birthDate', messageKey: 'warnings.student.ageForGrade', params: { age: 114, grade: 8 } }]);
  });

  it('derives the birth date again from a corrected code, unless it was typed by hand', async () => {
    const code1911 = `150311-1234${legacyCheckDigit('1503111234')}`;
    const code2011 = `150311-2234${legacyCheckDigit('1503112234')}`;
    const { student } = await students.create(author, { ...janis, personalCode: code1911 });
    // The form sends back the birth date it showed (the one from the wrong code).
    const fixed = await students.update(author, { ...janis, id: student.id, version: 1, personalCode: code2011, birthDate: '1911-03-15' });
    expect(fixed.student.birthDate).toBe('2011-03-15');
    expect(fixed.warnings).toEqual([]);
    // A date typed by hand that differs from both codes stays, with the mismatch warning.
    const typed = await students.update(author, { ...janis, id: student.id, version: 2, personalCode: code2011, birthDate: '2011-03-16' });
    expect(typed.student.birthDate).toBe('2011-03-16');
    expect(typed.warnings).toEqual([{ path: 'birthDate', messageKey: 'warnings.personalCode.birthDateMismatch' }]);
  });

  it('accepts the new code form without a birth date', async () => {
    const { student } = await students.create(author, { ...janis, personalCode: '32123456789' });
    expect(student).toMatchObject({ personalCode: '321234-56789', birthDate: null });
  });

  it('refuses a second student with the same personal code, however it is typed', async () => {
    await students.create(author, janis);
    await expect(students.create(author, { ...janis, firstName: 'Cits', personalCode: ' 120311 21234 ' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { fields: [{ path: 'personalCode', messageKey: 'errors.field.personalCodeTaken' }] },
    });
    expect((await database.db.selectFrom('student').select('id').execute()).length).toBe(1);
  });

  it('refuses what is not a personal code, a grade beyond the level, and a leaver without a date', async () => {
    await expect(students.create(author, { ...janis, personalCode: '12345' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'personalCode', messageKey: 'errors.field.personalCode' }] },
    });
    await expect(students.create(author, { ...janis, educationLevel: 'vocational', grade: 5 })).rejects.toMatchObject({
      details: { fields: [{ path: 'grade', messageKey: 'errors.field.course' }] },
    });
    await expect(students.create(author, { ...janis, grade: 13 })).rejects.toMatchObject({
      details: { fields: [{ path: 'grade', messageKey: 'errors.field.grade' }] },
    });
    await expect(students.create(author, { ...janis, status: 'left' })).rejects.toMatchObject({
      details: { fields: [{ path: 'leftOn', messageKey: 'errors.field.leftOnRequired' }] },
    });
    await expect(students.create(author, { ...janis, enrolledOn: '2025-09-01', leftOn: '2025-01-01', status: 'left' })).rejects.toMatchObject({
      details: { fields: [{ path: 'leftOn', messageKey: 'errors.field.dateOrder' }] },
    });
  });

  it('needs the student.write permission', async () => {
    await expect(students.create(specialist, janis)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(students.create(null as unknown as Actor, janis)).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
  });
});

describe('the register list', () => {
  it('moves to a new school year by itself, making its default calendar', async () => {
    await students.create(author, janis);
    expect((await students.list(author)).semesterId).toBe('2025/26-1');
    const nextYear = fixedClock('2026-09-10T08:00:00Z');
    const later = new StudentService(database.db, nextYear, new CalendarService(database.db, nextYear));
    expect((await later.list(author)).semesterId).toBe('2026/27-1');
  });
});

describe('opening and editing a student', () => {
  it('records an "open" audit entry every time the card is opened, by anyone who may read', async () => {
    const { student } = await students.create(author, janis);
    await students.get(author, student.id);
    await students.get(specialist, student.id);
    const opens = (await audit()).filter((a) => a.action === 'open');
    expect(opens).toEqual([
      { action: 'open', entity: 'student', entity_id: student.id, detail: '{}' },
      { action: 'open', entity: 'student', entity_id: student.id, detail: '{}' },
    ]);
    await expect(students.get(author, 'nobody')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('updates with the current version and refuses a stale one', async () => {
    const { student } = await students.create(author, janis);
    const { student: moved } = await students.update(author, { ...janis, id: student.id, version: 1, grade: 9, classLabel: '9.a' });
    expect(moved).toMatchObject({ grade: 9, classLabel: 'a', version: 2 });
    await expect(students.update(author, { ...janis, id: student.id, version: 1, grade: 7 })).rejects.toMatchObject({
      code: 'CONFLICT',
      messageKey: 'errors.students.changedMeanwhile',
    });
    expect((await students.get(author, student.id)).grade).toBe(9);
    const update = (await audit()).find((a) => a.action === 'update');
    expect(JSON.parse(update?.detail ?? '{}')).toEqual({ fields: ['grade', 'class_label'] });
  });

  it("refuses to change a code into another student's code, but keeps its own", async () => {
    const { student: a } = await students.create(author, janis);
    await students.create(author, { ...janis, personalCode: '321234-56789' });
    await expect(students.update(author, { ...janis, id: a.id, version: 1, personalCode: '32123456789' })).rejects.toMatchObject({
      details: { fields: [{ path: 'personalCode', messageKey: 'errors.field.personalCodeTaken' }] },
    });
    await expect(students.update(author, { ...janis, id: a.id, version: 1, lastName: 'Kalniņš' })).resolves.toMatchObject({ student: { lastName: 'Kalniņš' } });
  });

  it('replaces guardians in one step, in the given order, and bumps the version', async () => {
    const { student } = await students.create(author, janis);
    const mother = { name: 'Ilze Bērziņa', relation: 'mother' as const, phone: '+371 20000000', email: 'ilze@example.lv' };
    const withTwo = await students.setGuardians(author, {
      studentId: student.id,
      version: 1,
      guardians: [mother, { name: 'Pēteris Bērziņš', relation: 'father' }],
    });
    expect(withTwo.version).toBe(2);
    expect(withTwo.guardians.map((g) => [g.name, g.relation, g.phone])).toEqual([
      ['Ilze Bērziņa', 'mother', '+371 20000000'],
      ['Pēteris Bērziņš', 'father', ''],
    ]);
    await expect(students.setGuardians(author, { studentId: student.id, version: 1, guardians: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(students.setGuardians(author, { studentId: student.id, version: 2, guardians: [{ ...mother, email: 'nav e-pasts' }] })).rejects.toMatchObject({
      details: { fields: [{ path: 'guardians.0.email', messageKey: 'errors.field.email' }] },
    });
    expect((await students.setGuardians(author, { studentId: student.id, version: 2, guardians: [] })).guardians).toEqual([]);
  });
});
