/**
 * The student register: create, correct, open (every opening is audited),
 * guardians, and the register list. Personal codes are normalised to
 * `DDMMYY-CNNNN` / `32xxxx-xxxxx` and unique; a failed check digit is
 * returned as a warning. Edits carry the version they started from: a stale
 * one is refused with CONFLICT, so two people cannot silently overwrite each
 * other.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { implausibleAgeForGrade, parsePersonalCode } from '../../../src-shared/domain/personal-code';
import { localIsoDate } from '../../../src-shared/domain/iso-date';
import type { Actor } from '../../../src-shared/domain/roles';
import {
  setGuardiansInputSchema,
  studentInputSchema,
  studentListFilterSchema,
  studentUpdateInputSchema,
  type SetGuardiansInput,
  type Student,
  type StudentInput,
  type StudentList,
  type StudentListFilter,
  type StudentSaved,
  type StudentUpdateInput,
} from '../../../src-shared/domain/student';
import { AppError, type FieldError } from '../../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../../src-shared/ipc/zod-issues';
import type { DB, Db } from '../../db/schema';
import type { GuardianTable, StudentTable } from '../../db/school-tables';
import type { Clock } from '../../ports/clock';
import { requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';
import type { CalendarService } from './calendar-service';
import { queryStudentRows } from './student-list-query';

const STALE = () => new AppError('CONFLICT', { messageKey: 'errors.students.changedMeanwhile' });
const TAKEN = () => new AppError('CONFLICT', { details: { fields: [{ path: 'personalCode', messageKey: 'errors.field.personalCodeTaken' }] } });

/**
 * The personal code normalised, the birth date to store, and warnings for the
 * caller. A birth date that merely repeats the one derived from the code it
 * replaces (`previousCode`) is derived again from the corrected code, so
 * fixing a wrong code fixes the date too; a date typed by hand is kept. A
 * birth date implausible for the grade is a warning.
 */
function checkIdentity(
  personalCode: string,
  birthDate: string | null,
  context: { grade: number; educationLevel: 'general' | 'vocational'; today: string; previousCode?: string },
): { code: string; birthDate: string | null; warnings: FieldError[] } {
  const parsed = parsePersonalCode(personalCode);
  if (!parsed.ok) throw AppError.validation([{ path: 'personalCode', messageKey: parsed.messageKey }]);
  const warnings = [...parsed.warnings];
  const previous = context.previousCode !== undefined ? parsePersonalCode(context.previousCode) : null;
  const fromOldCode = previous?.ok && previous.code !== parsed.code && birthDate !== null && birthDate === previous.birthDate;
  const given = fromOldCode ? null : birthDate;
  if (given && parsed.birthDate && given !== parsed.birthDate) {
    warnings.push({ path: 'birthDate', messageKey: 'warnings.personalCode.birthDateMismatch' });
  }
  const stored = given ?? parsed.birthDate;
  const odd = implausibleAgeForGrade(stored, context.grade, context.educationLevel, context.today);
  if (odd) warnings.push({ path: 'birthDate', messageKey: 'warnings.student.ageForGrade', params: { age: odd.age, grade: context.grade } });
  return { code: parsed.code, birthDate: stored, warnings };
}

/** The student row's own columns (first_name ... status), from parsed input and its checked identity. */
function studentColumns(s: ReturnType<typeof studentInputSchema.parse>, identity: { code: string; birthDate: string | null }) {
  return {
    first_name: s.firstName,
    last_name: s.lastName,
    personal_code: identity.code,
    birth_date: identity.birthDate,
    gender: s.gender,
    education_level: s.educationLevel,
    grade: s.grade,
    class_label: s.classLabel,
    programme: s.programme,
    enrolled_on: s.enrolledOn,
    left_on: s.leftOn,
    status: s.status,
  };
}

async function codeTaken(db: Db, code: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('student').select('id').where('personal_code', '=', code);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

function toStudent(row: Selectable<StudentTable>, guardians: Selectable<GuardianTable>[]): Student {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    personalCode: row.personal_code,
    birthDate: row.birth_date,
    gender: row.gender,
    educationLevel: row.education_level,
    grade: row.grade,
    classLabel: row.class_label,
    programme: row.programme,
    enrolledOn: row.enrolled_on,
    leftOn: row.left_on,
    status: row.status,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    guardians: guardians.map((g) => ({ id: g.id, name: g.name, relation: g.relation, phone: g.phone, email: g.email })),
  };
}

async function readStudent(db: Db, id: string): Promise<Student> {
  const row = await db.selectFrom('student').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const guardians = await db
    .selectFrom('guardian')
    .selectAll()
    .where('student_id', '=', id)
    .orderBy(sql`rowid`)
    .execute();
  return toStudent(row, guardians);
}

export class StudentService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
  ) {}

  /** The register: compact rows with this semester's plan status and risk groups (one query). */
  async list(actor: Actor, filter: StudentListFilter = {}): Promise<StudentList> {
    requirePermission(actor, 'school.read');
    const parsed = studentListFilterSchema.safeParse(filter);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    await this.calendar.ensureYears(actor); // a new school year starts with its default calendar
    const semesterId = await this.calendar.currentSemesterId(this.db);
    return { semesterId, rows: await queryStudentRows(this.db, semesterId, parsed.data) };
  }

  /**
   * The register taken out of the app (the CLI's listing): same rows as
   * `list`, and an 'export' audit entry saying how many and by which way.
   */
  async exportList(actor: Actor, filter: StudentListFilter, via: 'cli'): Promise<StudentList> {
    const list = await this.list(actor, filter);
    await recordAudit(this.db, actor, this.clock.now(), {
      action: 'export',
      entity: 'student',
      entityId: 'register',
      detail: { count: list.rows.length, via },
    });
    return list;
  }

  /** A student's full card. Every opening is written to the audit log. */
  async get(actor: Actor, id: string): Promise<Student> {
    requirePermission(actor, 'school.read');
    return this.db.transaction().execute(async (trx) => {
      const student = await readStudent(trx, id);
      await recordAudit(trx, actor, this.clock.now(), { action: 'open', entity: 'student', entityId: id });
      return student;
    });
  }

  async create(actor: Actor, input: StudentInput): Promise<StudentSaved> {
    requirePermission(actor, 'student.write');
    const parsed = studentInputSchema.safeParse(input);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    const s = parsed.data;
    const at = this.clock.now();
    const identity = checkIdentity(s.personalCode, s.birthDate, { grade: s.grade, educationLevel: s.educationLevel, today: localIsoDate(at) });
    const now = at.toISOString();
    const id = randomUUID();
    const student = await this.db.transaction().execute(async (trx) => {
      if (await codeTaken(trx, identity.code)) throw TAKEN();
      await trx
        .insertInto('student')
        .values({
          id,
          ...studentColumns(s, identity),
          created_at: now,
          updated_at: now,
        })
        .execute();
      await recordAudit(trx, actor, at, { action: 'create', entity: 'student', entityId: id });
      return readStudent(trx, id);
    });
    return { student, warnings: identity.warnings };
  }

  async update(actor: Actor, input: StudentUpdateInput): Promise<StudentSaved> {
    requirePermission(actor, 'student.write');
    const parsed = studentUpdateInputSchema.safeParse(input);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    const s = parsed.data;
    const at = this.clock.now();
    let warnings: FieldError[] = [];
    const student = await this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('student').selectAll().where('id', '=', s.id).executeTakeFirst();
      if (!before) throw new AppError('NOT_FOUND');
      const identity = checkIdentity(s.personalCode, s.birthDate, {
        grade: s.grade,
        educationLevel: s.educationLevel,
        today: localIsoDate(at),
        previousCode: before.personal_code,
      });
      if (before.version !== s.version) throw STALE();
      warnings = identity.warnings;
      if (await codeTaken(trx, identity.code, s.id)) throw TAKEN();
      const next = studentColumns(s, identity);
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== before[k]);
      await trx
        .updateTable('student')
        .set({ ...next, version: s.version + 1, updated_at: at.toISOString() })
        .where('id', '=', s.id)
        .where('version', '=', s.version)
        .execute();
      const detail: Record<string, unknown> = { fields: changed };
      if (changed.includes('status')) detail.status = s.status;
      await recordAudit(trx, actor, at, { action: 'update', entity: 'student', entityId: s.id, detail });
      return readStudent(trx, s.id);
    });
    return { student, warnings };
  }

  /** Replaces the student's guardians (0..10) in one step; bumps the student's version. */
  async setGuardians(actor: Actor, input: SetGuardiansInput): Promise<Student> {
    requirePermission(actor, 'student.write');
    const parsed = setGuardiansInputSchema.safeParse(input);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    const { studentId, version, guardians } = parsed.data;
    const at = this.clock.now();
    const now = at.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('student').select('version').where('id', '=', studentId).executeTakeFirst();
      if (!before) throw new AppError('NOT_FOUND');
      if (before.version !== version) throw STALE();
      await trx.deleteFrom('guardian').where('student_id', '=', studentId).execute();
      if (guardians.length > 0) {
        await trx
          .insertInto('guardian')
          .values(guardians.map((g) => ({ id: randomUUID(), student_id: studentId, ...g, created_at: now, updated_at: now })))
          .execute();
      }
      await trx
        .updateTable('student')
        .set({ version: version + 1, updated_at: now })
        .where('id', '=', studentId)
        .execute();
      await recordAudit(trx, actor, at, {
        action: 'update',
        entity: 'student',
        entityId: studentId,
        detail: { fields: ['guardians'], count: guardians.length },
      });
      return readStudent(trx, studentId);
    });
  }
}
