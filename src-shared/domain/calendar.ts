/**
 * The school calendar: school years `YYYY/YY` (e.g. "2025/26") with two
 * semesters, ids `YYYY/YY-1` and `YYYY/YY-2`. Dates differ every year, so the
 * calendar is data a coordinator edits; the functions here give the defaults
 * and the rules, purely.
 */
import { z } from 'zod';
import type { FieldError } from '../ipc/result';
import { addDays, isoDate, isoDateSchema, weekday, yearOf } from './iso-date';

export const SCHOOL_YEAR_ID = /^(\d{4})\/(\d{2})$/;

export const semesterSchema = z.object({
  id: z.string(),
  schoolYearId: z.string(),
  number: z.union([z.literal(1), z.literal(2)]),
  startsOn: z.string(),
  endsOn: z.string(),
});
export type Semester = z.infer<typeof semesterSchema>;

export const schoolYearSchema = z.object({
  id: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  semesters: z.tuple([semesterSchema, semesterSchema]),
});
export type SchoolYear = z.infer<typeof schoolYearSchema>;

/** What a coordinator saves: a year's dates and its two semesters' dates. */
export const schoolYearInputSchema = z.object({
  id: z.string().trim().regex(SCHOOL_YEAR_ID, 'errors.field.schoolYearId'),
  startsOn: isoDateSchema,
  endsOn: isoDateSchema,
  semesters: z.tuple([z.object({ startsOn: isoDateSchema, endsOn: isoDateSchema }), z.object({ startsOn: isoDateSchema, endsOn: isoDateSchema })]),
});
export type SchoolYearInput = z.input<typeof schoolYearInputSchema>;

/** "2025/26" for the year that starts in 2025. */
export function schoolYearId(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The calendar year a school year id starts in, or null if the id is malformed ("2025/27"). */
export function startYearOf(id: string): number | null {
  const m = SCHOOL_YEAR_ID.exec(id);
  if (!m) return null;
  const start = Number(m[1]);
  return (start + 1) % 100 === Number(m[2]) ? start : null;
}

export function semesterId(yearId: string, number: 1 | 2): string {
  return `${yearId}-${number}`;
}

/** The Monday on or after a date (the date itself if it is a weekday). */
function firstWeekdayFrom(iso: string): string {
  let day = iso;
  while (weekday(day) === 0 || weekday(day) === 6) day = addDays(day, 1);
  return day;
}

/** The last Friday on or before a date. */
function lastFridayOnOrBefore(iso: string): string {
  let day = iso;
  while (weekday(day) !== 5) day = addDays(day, -1);
  return day;
}

/**
 * The default calendar of the school year starting in `startYear`, for any
 * year, until the coordinator sets the real dates:
 * - the school year runs 1 September – 31 August (as Latvian law defines it),
 *   so the summer holidays belong to the year that is ending;
 * - semester 1 starts on the first weekday on or after 1 September and ends on
 *   the last Friday on or before 23 December (the winter holidays);
 * - semester 2 starts on the first Monday on or after 2 January and ends on
 *   31 May, when lessons end for most grades (exam grades run into June: the
 *   coordinator moves the date).
 * For 2024/25 this gives 2 Sep – 20 Dec and 6 Jan – 31 May.
 */
export function defaultSchoolYear(startYear: number): SchoolYear {
  const id = schoolYearId(startYear);
  const next = startYear + 1;
  let s2Start = isoDate(next, 1, 2);
  while (weekday(s2Start) !== 1) s2Start = addDays(s2Start, 1);
  return {
    id,
    startsOn: isoDate(startYear, 9, 1),
    endsOn: isoDate(next, 8, 31),
    semesters: [
      {
        id: semesterId(id, 1),
        schoolYearId: id,
        number: 1,
        startsOn: firstWeekdayFrom(isoDate(startYear, 9, 1)),
        endsOn: lastFridayOnOrBefore(isoDate(startYear, 12, 23)),
      },
      { id: semesterId(id, 2), schoolYearId: id, number: 2, startsOn: s2Start, endsOn: isoDate(next, 5, 31) },
    ],
  };
}

/** The start year of the default school year a date falls in (1 September starts a new one). */
export function defaultStartYearFor(today: string): number {
  return today.slice(5) >= '09-01' ? yearOf(today) : yearOf(today) - 1;
}

/**
 * The semester "now" is about: the one that contains today; between the
 * semesters (winter holidays) the next one, semester 2; in the summer, after
 * semester 2 has ended, still semester 2 of the year that is ending, because
 * its plans are being evaluated then (the new year's semester 1 takes over on
 * the day its school year starts). Put simply: within a school year it is
 * semester 1 until semester 1 ends, then semester 2.
 * Outside every stored year (a gap the coordinator left) it is semester 2 of
 * the latest year that started before today; before all years, the first
 * year's semester 1. Null only for an empty calendar.
 */
export function currentSemester(years: readonly SchoolYear[], today: string): Semester | null {
  const sorted = [...years].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const year = sorted.find((y) => y.startsOn <= today && today <= y.endsOn);
  if (year) return today <= year.semesters[0].endsOn ? year.semesters[0] : year.semesters[1];
  const before = sorted.filter((y) => y.startsOn <= today).pop();
  if (before) return before.semesters[1];
  return sorted[0]?.semesters[0] ?? null;
}

/** The school year (stored ones first, else the default rule) a date belongs to. */
export function schoolYearIdFor(years: readonly SchoolYear[], today: string): string {
  const year = years.find((y) => y.startsOn <= today && today <= y.endsOn);
  return year ? year.id : schoolYearId(defaultStartYearFor(today));
}

/**
 * Checks a year a coordinator saves: the id names a real year; the year
 * starts in its first calendar year and ends in the next; each semester lies
 * inside the year and starts before it ends; semester 1 ends before semester
 * 2 starts; the year overlaps no other stored year. Returns field errors
 * (empty when all is well).
 */
export function validateSchoolYear(input: z.output<typeof schoolYearInputSchema>, others: readonly SchoolYear[]): FieldError[] {
  const errors: FieldError[] = [];
  const start = startYearOf(input.id);
  if (start === null) return [{ path: 'id', messageKey: 'errors.field.schoolYearId' }];
  if (yearOf(input.startsOn) !== start) errors.push({ path: 'startsOn', messageKey: 'errors.calendar.yearStart', params: { year: start } });
  if (yearOf(input.endsOn) !== start + 1) errors.push({ path: 'endsOn', messageKey: 'errors.calendar.yearEnd', params: { year: start + 1 } });
  if (input.startsOn >= input.endsOn) errors.push({ path: 'endsOn', messageKey: 'errors.field.dateOrder' });
  input.semesters.forEach((s, i) => {
    if (s.startsOn >= s.endsOn) errors.push({ path: `semesters.${i}.endsOn`, messageKey: 'errors.field.dateOrder' });
    if (s.startsOn < input.startsOn || s.startsOn > input.endsOn) errors.push({ path: `semesters.${i}.startsOn`, messageKey: 'errors.calendar.outsideYear' });
    if (s.endsOn < input.startsOn || s.endsOn > input.endsOn) errors.push({ path: `semesters.${i}.endsOn`, messageKey: 'errors.calendar.outsideYear' });
  });
  if (input.semesters[0].endsOn >= input.semesters[1].startsOn) errors.push({ path: 'semesters.1.startsOn', messageKey: 'errors.calendar.semesterOrder' });
  const clash = others.find((y) => y.id !== input.id && y.startsOn <= input.endsOn && input.startsOn <= y.endsOn);
  if (clash) errors.push({ path: 'startsOn', messageKey: 'errors.calendar.overlap', params: { other: clash.id } });
  return errors;
}

/**
 * The default year, shrunk so that it does not overlap stored neighbours (a
 * coordinator may have moved a neighbour's dates past 1 September / 31 August).
 */
export function defaultSchoolYearBetween(startYear: number, stored: readonly SchoolYear[]): SchoolYear {
  const year = defaultSchoolYear(startYear);
  const prev = stored
    .filter((y) => y.startsOn < year.startsOn && y.endsOn >= year.startsOn)
    .map((y) => y.endsOn)
    .sort()
    .pop();
  const next = stored
    .filter((y) => y.startsOn > year.startsOn && y.startsOn <= year.endsOn)
    .map((y) => y.startsOn)
    .sort()[0];
  const startsOn = prev ? addDays(prev, 1) : year.startsOn;
  const endsOn = next ? addDays(next, -1) : year.endsOn;
  const [s1, s2] = year.semesters;
  return {
    ...year,
    startsOn,
    endsOn,
    semesters: [
      { ...s1, startsOn: s1.startsOn < startsOn ? startsOn : s1.startsOn },
      { ...s2, endsOn: s2.endsOn > endsOn ? endsOn : s2.endsOn },
    ],
  };
}
