/**
 * A small school in a real SQLite file, for service tests: organisation,
 * one school year with two semesters, staff users with roles, students, and
 * a few risk factors (one retired). Rows are inserted directly, so tests do
 * not depend on the calendar, staff and student services.
 */
import type { Kysely } from 'kysely';
import type { Actor, Role } from '../../../src-shared/domain/roles';
import type { DB } from '../../db/schema';
import type { RiskFactorTable } from '../../db/school-tables';
import { makeTempDir, openTempDatabase, type TempDir } from '../../db/testing/temp-db';
import type { OpenedDatabase } from '../../db/connection';

export const FIXTURE_REG_NO = '4313900456';
export const SEMESTER_1 = '2025/26-1';
export const SEMESTER_2 = '2025/26-2';
const AT = '2025-08-20T08:00:00.000Z';

export const STAFF = {
  coordinator: { id: 'u-coord', name: 'Ilze Koordinatore', roles: ['coordinator'] },
  author: { id: 'u-author', name: 'Anna Audzinātāja', roles: ['planAuthor'] },
  author2: { id: 'u-author2', name: 'Pēteris Psihologs', roles: ['planAuthor', 'specialist'] },
  specialist: { id: 'u-spec', name: 'Sandra Speciāliste', roles: ['specialist'] },
  director: { id: 'u-dir', name: 'Dace Direktore', roles: ['director'] },
  readOnly: { id: 'u-ro', name: 'Rita Lasītāja', roles: ['readOnly'] },
} as const satisfies Record<string, { id: string; name: string; roles: Role[] }>;
export type StaffKey = keyof typeof STAFF;

export function actorOf(key: StaffKey): Actor {
  const s = STAFF[key];
  return { userId: s.id, name: s.name, roles: [...s.roles] };
}

export const FACTORS: Pick<RiskFactorTable, 'id' | 'risk_group' | 'label_lv' | 'label_en' | 'retired_at'>[] = [
  { id: 'school.absences', risk_group: 'school', label_lv: 'Daudz kavējumu', label_en: 'Many absences', retired_at: null },
  { id: 'school.lowAchievement', risk_group: 'school', label_lv: 'Zemi mācību sasniegumi', label_en: 'Low achievement', retired_at: null },
  { id: 'school.oldForm', risk_group: 'school', label_lv: 'Novecojis faktors', label_en: 'Retired factor', retired_at: '2025-01-01T00:00:00.000Z' },
  { id: 'personal.health', risk_group: 'personal', label_lv: 'Veselības problēmas', label_en: 'Health problems', retired_at: null },
  { id: 'family.lowInvolvement', risk_group: 'family', label_lv: 'Zema vecāku iesaiste', label_en: 'Low parental involvement', retired_at: null },
  { id: 'economic.transport', risk_group: 'economic', label_lv: 'Nav naudas transportam', label_en: 'No money for transport', retired_at: null },
];

export interface SchoolFixture {
  tmp: TempDir;
  database: OpenedDatabase;
  db: Kysely<DB>;
  /** A minor (born 2011) and an adult (born 2006). */
  students: { minor: string; adult: string };
  close(): Promise<void>;
}

export async function makeSchoolFixture(options: { withOrganisation?: boolean } = {}): Promise<SchoolFixture> {
  const tmp = await makeTempDir();
  const database = await openTempDatabase(tmp.dir);
  const db = database.db;
  if (options.withOrganisation !== false) {
    await db
      .insertInto('organisation')
      .values({
        id: 1,
        mode: 'school',
        name: 'Testa vidusskola',
        reg_no: FIXTURE_REG_NO,
        municipality: 'Rīga',
        school_type: 'general',
        created_at: AT,
        updated_at: AT,
      })
      .execute();
  }
  await db.insertInto('school_year').values({ id: '2025/26', starts_on: '2025-09-01', ends_on: '2026-05-29' }).execute();
  await db
    .insertInto('semester')
    .values([
      { id: SEMESTER_1, school_year_id: '2025/26', number: 1, starts_on: '2025-09-01', ends_on: '2025-12-19' },
      { id: SEMESTER_2, school_year_id: '2025/26', number: 2, starts_on: '2026-01-05', ends_on: '2026-05-29' },
    ])
    .execute();
  for (const [key, s] of Object.entries(STAFF)) {
    await db
      .insertInto('staff_user')
      .values({ id: s.id, username: key, display_name: s.name, password_hash: '!', specialist_kind: null, created_at: AT, updated_at: AT })
      .execute();
    await db
      .insertInto('staff_role')
      .values(s.roles.map((role) => ({ user_id: s.id, role })))
      .execute();
  }
  await db
    .insertInto('risk_factor')
    .values(FACTORS.map((f, i) => ({ ...f, source: 'catalogue' as const, catalogue_version: 'test-1', sort_order: i, created_at: AT })))
    .execute();
  const minor = await insertStudent(db, {
    id: 's-minor',
    first: 'Jānis',
    last: 'Bērziņš',
    code: '150311-20000',
    birth: '2011-03-15',
    gender: 'male',
    grade: 8,
  });
  const adult = await insertStudent(db, {
    id: 's-adult',
    first: 'Līga',
    last: 'Kalniņa',
    code: '100106-20000',
    birth: '2006-01-10',
    gender: 'female',
    grade: 12,
  });
  return {
    tmp,
    database,
    db,
    students: { minor, adult },
    close: async () => {
      await database.close();
      await tmp.remove();
    },
  };
}

export async function insertStudent(
  db: Kysely<DB>,
  s: { id: string; first: string; last: string; code: string; birth: string | null; gender: 'female' | 'male'; grade: number },
): Promise<string> {
  await db
    .insertInto('student')
    .values({
      id: s.id,
      first_name: s.first,
      last_name: s.last,
      personal_code: s.code,
      birth_date: s.birth,
      gender: s.gender,
      education_level: 'general',
      grade: s.grade,
      class_label: `${s.grade}.a`,
      enrolled_on: '2018-09-01',
      left_on: null,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  return s.id;
}
