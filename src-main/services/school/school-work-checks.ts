/**
 * Checks shared by the screening, plan, delivery and semester-end services.
 */
import { currentSemester } from '../../../src-shared/domain/calendar';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import type { Db } from '../../db/schema';
import type { SemesterTable } from '../../db/school-tables';
import { loadSchoolYears } from './calendar-service';

/**
 * Records that name their author (plans, screenings, deliveries, outcomes)
 * need a staff member, not the CLI actor.
 */
export async function requireStaffActor(db: Db, actor: Actor): Promise<void> {
  const row = await db.selectFrom('staff_user').select(['id', 'active']).where('id', '=', actor.userId).executeTakeFirst();
  if (!row || row.active !== 1) throw new AppError('FORBIDDEN', { messageKey: 'errors.actor.notStaff' });
}

/** Optimistic concurrency: the caller must have read the current version. */
export function requireVersion(expected: number | undefined, actual: number): void {
  if (expected !== actual) throw new AppError('CONFLICT', { messageKey: 'errors.record.changedMeanwhile', details: { params: { version: actual } } });
}

export async function getSemester(db: Db, semesterId: string): Promise<SemesterTable> {
  const row = await db.selectFrom('semester').selectAll().where('id', '=', semesterId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { messageKey: 'errors.semester.notFound' });
  return row;
}

/** The semester work is about on a day: the calendar's rule (`currentSemester` in src-shared/domain/calendar.ts). */
export async function semesterOn(db: Db, day: string): Promise<SemesterTable | null> {
  const current = currentSemester(await loadSchoolYears(db), day);
  return current ? getSemester(db, current.id) : null;
}

/** The first semester that starts after this one ends. */
export async function nextSemester(db: Db, semester: SemesterTable): Promise<SemesterTable | null> {
  return (await db.selectFrom('semester').selectAll().where('starts_on', '>', semester.ends_on).orderBy('starts_on', 'asc').executeTakeFirst()) ?? null;
}

export async function getStudentRow(db: Db, studentId: string) {
  const row = await db.selectFrom('student').selectAll().where('id', '=', studentId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { messageKey: 'errors.student.notFound' });
  return row;
}
