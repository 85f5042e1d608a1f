/**
 * The school calendar in the database (`school_year`, `semester`). The rules
 * (defaults, current semester, validation) are in
 * src-shared/domain/calendar.ts; this service stores them. The current and
 * the previous school year always exist: they are made from the default rule
 * the first time anyone asks, and a coordinator corrects the dates.
 * Semester ids never change once made (plans and screenings point at them),
 * so saving a year updates dates in place.
 */
import type { Kysely } from 'kysely';
import {
  currentSemester,
  defaultSchoolYearBetween,
  schoolYearIdFor,
  schoolYearInputSchema,
  semesterId,
  startYearOf,
  validateSchoolYear,
  type SchoolYear,
  type SchoolYearInput,
  type Semester,
} from '../../../src-shared/domain/calendar';
import { localIsoDate } from '../../../src-shared/domain/iso-date';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../../src-shared/ipc/zod-issues';
import type { DB, Db } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';

export interface CurrentSemester {
  today: string;
  semester: Semester;
  schoolYear: SchoolYear;
}

/** Every stored school year with its semesters, oldest first. */
export async function loadSchoolYears(db: Db): Promise<SchoolYear[]> {
  const years = await db.selectFrom('school_year').selectAll().orderBy('starts_on').execute();
  const semesters = await db.selectFrom('semester').selectAll().execute();
  const out: SchoolYear[] = [];
  for (const y of years) {
    const s = (n: 1 | 2): Semester => {
      const row = semesters.find((r) => r.school_year_id === y.id && r.number === n);
      if (!row) throw new Error(`school year ${y.id} has no semester ${n}`);
      return { id: row.id, schoolYearId: y.id, number: n, startsOn: row.starts_on, endsOn: row.ends_on };
    };
    out.push({ id: y.id, startsOn: y.starts_on, endsOn: y.ends_on, semesters: [s(1), s(2)] });
  }
  return out;
}

async function insertYear(db: Db, year: SchoolYear): Promise<void> {
  await db.insertInto('school_year').values({ id: year.id, starts_on: year.startsOn, ends_on: year.endsOn }).execute();
  await db
    .insertInto('semester')
    .values(year.semesters.map((s) => ({ id: s.id, school_year_id: year.id, number: s.number, starts_on: s.startsOn, ends_on: s.endsOn })))
    .execute();
}

/**
 * Makes the school year `today` falls in, and the one before it, from the
 * default rule if they are missing. Run it inside the caller's transaction.
 * Returns the ids it made.
 */
export async function ensureDefaultYears(db: Db, actor: Actor, at: Date, today: string): Promise<string[]> {
  let stored = await loadSchoolYears(db);
  const currentId = schoolYearIdFor(stored, today);
  const currentStart = startYearOf(currentId);
  if (currentStart === null) return [];
  const made: string[] = [];
  for (const start of [currentStart, currentStart - 1]) {
    if (stored.some((y) => startYearOf(y.id) === start)) continue;
    const year = defaultSchoolYearBetween(start, stored);
    if (validateSchoolYear(year, stored).length > 0) continue; // squeezed out by the coordinator's neighbours
    await insertYear(db, year);
    await recordAudit(db, actor, at, { action: 'create', entity: 'school_year', entityId: year.id, detail: { source: 'default' } });
    made.push(year.id);
    stored = [...stored, year];
  }
  return made;
}

export class CalendarService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  /** Today where the school is (Europe/Riga). */
  today(): string {
    return localIsoDate(this.clock.now());
  }

  /** Every school year, oldest first; makes the current and previous ones if missing. */
  async list(actor: Actor): Promise<SchoolYear[]> {
    requirePermission(actor, 'school.read');
    await this.ensureYears(actor);
    return loadSchoolYears(this.db);
  }

  /** The semester work is about today (rule: src-shared/domain/calendar.ts `currentSemester`). */
  async current(actor: Actor): Promise<CurrentSemester> {
    requirePermission(actor, 'school.read');
    await this.ensureYears(actor);
    const today = this.today();
    const years = await loadSchoolYears(this.db);
    const semester = currentSemester(years, today);
    const schoolYear = years.find((y) => y.id === semester?.schoolYearId);
    if (!semester || !schoolYear) throw new AppError('INTERNAL');
    return { today, semester, schoolYear };
  }

  /** The current semester's id without writing anything (null while the calendar is empty). */
  async currentSemesterId(db: Db = this.db): Promise<string | null> {
    return currentSemester(await loadSchoolYears(db), this.today())?.id ?? null;
  }

  /** Creates or corrects a school year and its two semesters (coordinator only). */
  async saveYear(actor: Actor, input: SchoolYearInput): Promise<SchoolYear> {
    requirePermission(actor, 'school.admin');
    const parsed = schoolYearInputSchema.safeParse(input);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    const year = parsed.data;
    const at = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const others = await loadSchoolYears(trx);
      const errors = validateSchoolYear(year, others);
      if (errors.length > 0) throw AppError.validation(errors);
      const exists = others.some((y) => y.id === year.id);
      const saved: SchoolYear = {
        id: year.id,
        startsOn: year.startsOn,
        endsOn: year.endsOn,
        semesters: [
          { id: semesterId(year.id, 1), schoolYearId: year.id, number: 1, ...year.semesters[0] },
          { id: semesterId(year.id, 2), schoolYearId: year.id, number: 2, ...year.semesters[1] },
        ],
      };
      if (exists) {
        await trx.updateTable('school_year').set({ starts_on: year.startsOn, ends_on: year.endsOn }).where('id', '=', year.id).execute();
        for (const s of saved.semesters) {
          await trx.updateTable('semester').set({ starts_on: s.startsOn, ends_on: s.endsOn }).where('id', '=', s.id).execute();
        }
      } else {
        await insertYear(trx, saved);
      }
      await recordAudit(trx, actor, at, { action: exists ? 'update' : 'create', entity: 'school_year', entityId: year.id });
      return saved;
    });
  }

  /** Makes the current and previous school years from the defaults if they are missing. */
  async ensureYears(actor: Actor): Promise<string[]> {
    const today = this.today();
    const years = await loadSchoolYears(this.db);
    const id = schoolYearIdFor(years, today);
    const start = startYearOf(id);
    if (start !== null && years.some((y) => startYearOf(y.id) === start) && years.some((y) => startYearOf(y.id) === start - 1)) return [];
    return this.db.transaction().execute((trx) => ensureDefaultYears(trx, actor, this.clock.now(), today));
  }
}
