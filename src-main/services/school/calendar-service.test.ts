import { describe, expect, it } from 'vitest';
import { defaultSchoolYear } from '../../../src-shared/domain/calendar';
import type { Actor } from '../../../src-shared/domain/roles';
import type { OpenedDatabase } from '../../db/connection';
import { fixedClock } from '../../ports/clock';
import { CalendarService } from './calendar-service';
import { useTempDatabase } from '../../db/testing/use-temp-database';

const coordinator: Actor = { userId: 'u1', name: 'K', roles: ['coordinator'] };
const author: Actor = { userId: 'u2', name: 'A', roles: ['planAuthor'] };

let database: OpenedDatabase;
useTempDatabase('test', (opened) => {
  database = opened;
});

const at = (iso: string) => new CalendarService(database.db, fixedClock(iso));
const yearInput = (start: number) => {
  const y = defaultSchoolYear(start);
  return {
    id: y.id,
    startsOn: y.startsOn,
    endsOn: y.endsOn,
    semesters: [
      { startsOn: y.semesters[0].startsOn, endsOn: y.semesters[0].endsOn },
      { startsOn: y.semesters[1].startsOn, endsOn: y.semesters[1].endsOn },
    ] as [{ startsOn: string; endsOn: string }, { startsOn: string; endsOn: string }],
  };
};

describe('CalendarService', () => {
  it('makes the current and previous school years from the defaults on first use, once, with an audit entry each', async () => {
    const calendar = at('2025-10-15T10:00:00Z');
    const years = await calendar.list(author);
    expect(years.map((y) => y.id)).toEqual(['2024/25', '2025/26']);
    expect(years[1]?.semesters.map((s) => s.id)).toEqual(['2025/26-1', '2025/26-2']);
    await calendar.list(author);
    expect((await database.db.selectFrom('school_year').select('id').execute()).length).toBe(2);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'entity_id', 'detail']).execute();
    expect(audit).toEqual([
      { action: 'create', entity_id: '2025/26', detail: '{"source":"default"}' },
      { action: 'create', entity_id: '2024/25', detail: '{"source":"default"}' },
    ]);
  });

  it('gives the current semester by the school clock, including the holidays', async () => {
    expect((await at('2025-10-15T10:00:00Z').current(author)).semester.id).toBe('2025/26-1');
    expect((await at('2025-12-29T10:00:00Z').current(author)).semester.id).toBe('2025/26-2');
    expect((await at('2026-07-10T10:00:00Z').current(author)).semester.id).toBe('2025/26-2');
    // 31 Aug, 23:30 in Riga is already 1 September: the new year has started
    const september = await at('2025-08-31T21:30:00Z').current(author);
    expect(september).toMatchObject({ today: '2025-09-01', semester: { id: '2025/26-1' }, schoolYear: { id: '2025/26' } });
  });

  it("saves a coordinator's corrections in place, keeping the semester ids", async () => {
    const calendar = at('2025-10-15T10:00:00Z');
    await calendar.list(coordinator);
    const input = yearInput(2025);
    input.semesters[1].endsOn = '2026-06-19';
    const saved = await calendar.saveYear(coordinator, input);
    expect(saved.semesters[1]).toEqual({ id: '2025/26-2', schoolYearId: '2025/26', number: 2, startsOn: '2026-01-05', endsOn: '2026-06-19' });
    const row = await database.db.selectFrom('semester').selectAll().where('id', '=', '2025/26-2').executeTakeFirstOrThrow();
    expect(row.ends_on).toBe('2026-06-19');
    const last = await database.db.selectFrom('audit_log').select(['action', 'entity_id']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toEqual({ action: 'update', entity_id: '2025/26' });
  });

  it('refuses an invalid year with field errors and changes nothing', async () => {
    const calendar = at('2025-10-15T10:00:00Z');
    await calendar.list(coordinator);
    const overlapping = { ...yearInput(2025), startsOn: '2025-08-01' };
    await expect(calendar.saveYear(coordinator, overlapping)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'startsOn', messageKey: 'errors.calendar.overlap', params: { other: '2024/25' } }] },
    });
    const swapped = yearInput(2025);
    swapped.semesters = [swapped.semesters[1], swapped.semesters[0]];
    await expect(calendar.saveYear(coordinator, swapped)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(calendar.saveYear(coordinator, { ...yearInput(2025), startsOn: '1.9.2025' })).rejects.toMatchObject({
      details: { fields: [{ path: 'startsOn', messageKey: 'errors.field.date' }] },
    });
    const year = await database.db.selectFrom('school_year').selectAll().where('id', '=', '2025/26').executeTakeFirstOrThrow();
    expect(year.starts_on).toBe('2025-09-01');
  });

  it('lets only a coordinator save a year', async () => {
    await expect(at('2025-10-15T10:00:00Z').saveYear(author, yearInput(2026))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await database.db.selectFrom('school_year').select('id').execute()).toEqual([]);
  });

  it('adds a future year, and does not create defaults over a year the coordinator moved', async () => {
    const calendar = at('2025-10-15T10:00:00Z');
    await calendar.saveYear(coordinator, { ...yearInput(2025), startsOn: '2025-08-25' });
    await calendar.saveYear(coordinator, yearInput(2026));
    const years = await calendar.list(author);
    expect(years.map((y) => [y.id, y.startsOn, y.endsOn])).toEqual([
      ['2024/25', '2024-09-01', '2025-08-24'],
      ['2025/26', '2025-08-25', '2026-08-31'],
      ['2026/27', '2026-09-01', '2027-08-31'],
    ]);
  });
});
