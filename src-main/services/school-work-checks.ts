/**
 * Checks shared by the screening, plan, delivery and semester-end services.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../src-shared/domain/roles';
import { AppError } from '../../src-shared/ipc/result';
import type { DB } from '../db/schema';
import type { SemesterTable } from '../db/school-tables';

type Db = Kysely<DB> | Transaction<DB>;

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

/** The semester a day falls in, else the latest that started before it, else null. */
export async function semesterOn(db: Db, day: string): Promise<SemesterTable | null> {
  const containing = await db.selectFrom('semester').selectAll().where('starts_on', '<=', day).where('ends_on', '>=', day).executeTakeFirst();
  if (containing) return containing;
  return (await db.selectFrom('semester').selectAll().where('starts_on', '<=', day).orderBy('starts_on', 'desc').executeTakeFirst()) ?? null;
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
