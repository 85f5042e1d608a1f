import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currentSemester,
  defaultSchoolYear,
  defaultSchoolYearBetween,
  defaultStartYearFor,
  schoolYearId,
  schoolYearIdFor,
  startYearOf,
  validateSchoolYear,
  type SchoolYear,
} from './calendar';
import { addDays, isIsoDate, isoDate, localIsoDate, weekday } from './iso-date';

const input = (y: SchoolYear) => ({
  id: y.id,
  startsOn: y.startsOn,
  endsOn: y.endsOn,
  semesters: [
    { startsOn: y.semesters[0].startsOn, endsOn: y.semesters[0].endsOn },
    { startsOn: y.semesters[1].startsOn, endsOn: y.semesters[1].endsOn },
  ] as [{ startsOn: string; endsOn: string }, { startsOn: string; endsOn: string }],
});

describe('school year ids', () => {
  it('are YYYY/YY, with the century wrapping', () => {
    expect(schoolYearId(2025)).toBe('2025/26');
    expect(schoolYearId(2099)).toBe('2099/00');
    expect(startYearOf('2025/26')).toBe(2025);
    expect(startYearOf('2099/00')).toBe(2099);
    expect(startYearOf('2025/27')).toBeNull();
    expect(startYearOf('25/26')).toBeNull();
  });
});

describe('the default calendar', () => {
  it('gives 2024/25 the real dates: 2 Sep – 20 Dec and 6 Jan – 31 May', () => {
    const y = defaultSchoolYear(2024);
    expect(y).toMatchObject({ id: '2024/25', startsOn: '2024-09-01', endsOn: '2025-08-31' });
    expect(y.semesters[0]).toMatchObject({ id: '2024/25-1', number: 1, startsOn: '2024-09-02', endsOn: '2024-12-20' });
    expect(y.semesters[1]).toMatchObject({ id: '2024/25-2', number: 2, startsOn: '2025-01-06', endsOn: '2025-05-31' });
  });

  it('gives 2025/26 1 Sep – 19 Dec and 5 Jan – 31 May', () => {
    const [s1, s2] = defaultSchoolYear(2025).semesters;
    expect([s1.startsOn, s1.endsOn, s2.startsOn, s2.endsOn]).toEqual(['2025-09-01', '2025-12-19', '2026-01-05', '2026-05-31']);
  });

  it('is valid for any year: weekday starts, Friday end before Christmas, Monday start in January', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2200 }), (start) => {
        const y = defaultSchoolYear(start);
        expect(validateSchoolYear(input(y), [])).toEqual([]);
        const [s1, s2] = y.semesters;
        expect([0, 6]).not.toContain(weekday(s1.startsOn));
        expect(s1.startsOn <= isoDate(start, 9, 3)).toBe(true);
        expect(weekday(s1.endsOn)).toBe(5);
        expect(s1.endsOn > isoDate(start, 12, 16) && s1.endsOn <= isoDate(start, 12, 23)).toBe(true);
        expect(weekday(s2.startsOn)).toBe(1);
        expect(s2.startsOn >= isoDate(start + 1, 1, 2) && s2.startsOn <= isoDate(start + 1, 1, 8)).toBe(true);
        // consecutive default years tile the calendar without gaps or overlaps
        expect(addDays(y.endsOn, 1)).toBe(defaultSchoolYear(start + 1).startsOn);
      }),
    );
  });

  it('starts a new year on 1 September', () => {
    expect(defaultStartYearFor('2025-08-31')).toBe(2024);
    expect(defaultStartYearFor('2025-09-01')).toBe(2025);
    expect(defaultStartYearFor('2026-01-10')).toBe(2025);
  });

  it('shrinks a default year so that it does not overlap a neighbour the coordinator moved', () => {
    const prev = defaultSchoolYear(2024);
    prev.endsOn = '2025-09-05';
    const y = defaultSchoolYearBetween(2025, [prev]);
    expect(y.startsOn).toBe('2025-09-06');
    expect(y.semesters[0].startsOn).toBe('2025-09-06');
    expect(validateSchoolYear(input(y), [prev])).toEqual([]);
  });
});

describe('the current semester', () => {
  const years = [defaultSchoolYear(2024), defaultSchoolYear(2025)];
  const at = (today: string) => currentSemester(years, today)?.id;

  it('is the semester that contains today', () => {
    expect(at('2025-10-15')).toBe('2025/26-1');
    expect(at('2025-09-01')).toBe('2025/26-1');
    expect(at('2025-12-19')).toBe('2025/26-1');
    expect(at('2026-03-01')).toBe('2025/26-2');
  });

  it('is the next semester during the winter holidays', () => {
    expect(at('2025-12-20')).toBe('2025/26-2');
    expect(at('2026-01-04')).toBe('2025/26-2');
  });

  it('stays on the ending semester 2 during the summer, until the new school year starts', () => {
    expect(at('2025-06-15')).toBe('2024/25-2');
    expect(at('2025-08-31')).toBe('2024/25-2');
    expect(at('2025-09-01')).toBe('2025/26-1');
  });

  it('is semester 1 of a year that starts before its first lesson day', () => {
    expect(currentSemester([defaultSchoolYear(2024)], '2024-09-01')?.id).toBe('2024/25-1');
  });

  it('falls back sensibly outside every stored year, and is null for an empty calendar', () => {
    const gap = [{ ...defaultSchoolYear(2024), endsOn: '2025-06-30' }, defaultSchoolYear(2025)];
    expect(currentSemester(gap, '2025-07-15')?.id).toBe('2024/25-2');
    expect(currentSemester(years, '2020-01-01')?.id).toBe('2024/25-1');
    expect(currentSemester([], '2025-10-01')).toBeNull();
  });

  it('always names a semester of a year that started on or before today, when there is one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 729 }), (offset) => {
        const today = addDays('2024-09-01', offset);
        const semester = currentSemester(years, today);
        const year = years.find((y) => y.id === semester?.schoolYearId);
        expect(year && year.startsOn <= today && today <= year.endsOn).toBe(true);
      }),
    );
  });

  it('belongs to the year the date falls in', () => {
    expect(schoolYearIdFor(years, '2025-10-15')).toBe('2025/26');
    expect(schoolYearIdFor([], '2031-02-01')).toBe('2030/31');
  });
});

describe('validating a school year', () => {
  const y = defaultSchoolYear(2025);

  it('accepts the defaults and refuses a malformed id', () => {
    expect(validateSchoolYear(input(y), [])).toEqual([]);
    expect(validateSchoolYear({ ...input(y), id: '2025/27' }, [])).toEqual([{ path: 'id', messageKey: 'errors.field.schoolYearId' }]);
  });

  it('refuses a year outside its calendar years', () => {
    const keys = validateSchoolYear({ ...input(y), startsOn: '2024-08-01', endsOn: '2027-01-01' }, []).map((e) => e.messageKey);
    expect(keys).toContain('errors.calendar.yearStart');
    expect(keys).toContain('errors.calendar.yearEnd');
  });

  it('refuses semesters outside the year, backwards, or overlapping each other', () => {
    const bad = input(y);
    bad.semesters[0] = { startsOn: '2025-08-01', endsOn: '2026-02-01' };
    const errors = validateSchoolYear(bad, []);
    expect(errors).toContainEqual({ path: 'semesters.0.startsOn', messageKey: 'errors.calendar.outsideYear' });
    expect(errors).toContainEqual({ path: 'semesters.1.startsOn', messageKey: 'errors.calendar.semesterOrder' });
    const backwards = input(y);
    backwards.semesters[1] = { startsOn: '2026-05-31', endsOn: '2026-01-05' };
    expect(validateSchoolYear(backwards, [])).toContainEqual({ path: 'semesters.1.endsOn', messageKey: 'errors.field.dateOrder' });
  });

  it('refuses a year that overlaps another stored year, but not itself', () => {
    const prev = defaultSchoolYear(2024);
    expect(validateSchoolYear(input(y), [prev, y])).toEqual([]);
    expect(validateSchoolYear({ ...input(y), startsOn: '2025-08-20' }, [prev])).toContainEqual({
      path: 'startsOn',
      messageKey: 'errors.calendar.overlap',
      params: { other: '2024/25' },
    });
  });
});

describe('ISO dates', () => {
  it('know real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-9-1')).toBe(false);
  });

  it('take today in Riga, not in UTC', () => {
    expect(localIsoDate(new Date('2025-08-31T22:30:00Z'))).toBe('2025-09-01');
    expect(localIsoDate(new Date('2025-08-31T20:30:00Z'))).toBe('2025-08-31');
  });
});
