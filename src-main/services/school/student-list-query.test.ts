import type { KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src-shared/domain/roles';
import { foldForSearch, foldStudent, matchesSearchWords, searchWords } from '../../../src-shared/domain/search-fold';
import type { OpenedDatabase } from '../../db/connection';
import type { PlanStatusCode } from '../../db/school-tables';
import { fixedClock } from '../../ports/clock';
import { CalendarService } from './calendar-service';
import { StudentService } from './student-service';
import { useTempDatabase } from '../../db/testing/use-temp-database';

const clock = fixedClock('2025-10-15T10:00:00Z');
const reader: Actor = { userId: 'u-ro', name: 'R', roles: ['readOnly'] };
const N = 2000;
const STATUSES: PlanStatusCode[] = ['draft', 'inApproval', 'approved', 'active'];
const FIRST = ['Jānis', 'Ēriks', 'Anna', 'Līga', 'Oskars'];
const LAST = ['Bērziņš', 'Šimkus', 'Kalniņa', 'Ozola', 'Žagars'];

let database: OpenedDatabase;
let queries = 0;
const counter: KyselyPlugin = {
  transformQuery: (args) => {
    queries += 1;
    return args.node;
  },
  transformResult: async (args) => args.result,
};
let students: StudentService;

/** 2,000 students; every 3rd screened this semester (school risk, every 6th also family); every 4th has a plan; one plan last year. */
async function seed(db: OpenedDatabase['db']): Promise<void> {
  await new CalendarService(db, clock).list({ userId: 'u-c', name: 'C', roles: ['coordinator'] });
  await db
    .insertInto('staff_user')
    .values({ id: 'u-a', username: 'author', display_name: 'A', password_hash: 'x', specialist_kind: null, created_at: 'x', updated_at: 'x' })
    .execute();
  await db
    .insertInto('risk_factor')
    .values([
      { id: 'school.absences', risk_group: 'school', label_lv: 'a', label_en: 'a', source: 'catalogue', catalogue_version: '1', created_at: 'x' },
      { id: 'family.crisis', risk_group: 'family', label_lv: 'b', label_en: 'b', source: 'catalogue', catalogue_version: '1', created_at: 'x' },
    ])
    .execute();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < N; i++) {
      const id = `s${i}`;
      await trx
        .insertInto('student')
        .values({
          id,
          first_name: FIRST[i % 5] ?? '',
          last_name: `${LAST[Math.floor(i / 5) % 5]}${i}`,
          personal_code: `32${String(i).padStart(9, '0').slice(0, 4)}-${String(i).padStart(9, '0').slice(4)}`,
          birth_date: null,
          gender: i % 2 ? 'male' : 'female',
          education_level: 'general',
          grade: (i % 12) + 1,
          class_label: `${(i % 12) + 1}.${'abc'[i % 3]}`,
          status: i % 50 === 0 ? 'left' : 'active',
          left_on: i % 50 === 0 ? '2025-06-01' : null,
          enrolled_on: null,
          created_at: 'x',
          updated_at: 'x',
        })
        .execute();
      if (i % 3 === 0) {
        await trx
          .insertInto('screening')
          .values({ id: `sc${i}`, student_id: id, semester_id: '2025/26-1', screened_on: '2025-09-20', screened_by: 'u-a', created_at: 'x', updated_at: 'x' })
          .execute();
        await trx
          .insertInto('screening_answer')
          .values([
            { screening_id: `sc${i}`, risk_factor_id: 'school.absences', answer: 'present', justification: 'x' },
            { screening_id: `sc${i}`, risk_factor_id: 'family.crisis', answer: i % 6 === 0 ? 'present' : 'absent', justification: 'x' },
          ])
          .execute();
      }
      if (i % 4 === 0) {
        await trx
          .insertInto('plan')
          .values({
            id: `p${i}`,
            code: `P-${i}`,
            student_id: id,
            semester_id: '2025/26-1',
            status: STATUSES[(i / 4) % 4] ?? 'draft',
            author_id: 'u-a',
            consent_by: null,
            consent_relation: null,
            consent_on: null,
            previous_plan_id: null,
            closed_at: null,
            created_at: 'x',
            updated_at: 'x',
          })
          .execute();
      }
    }
    await trx
      .insertInto('plan')
      .values({
        id: 'old',
        code: 'P-old',
        student_id: 's1',
        semester_id: '2024/25-2',
        status: 'inactive',
        author_id: 'u-a',
        consent_by: null,
        consent_relation: null,
        consent_on: null,
        previous_plan_id: null,
        closed_at: null,
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
  });
}

useTempDatabase('file', async (opened) => {
  database = opened;
  await seed(database.db);
  students = new StudentService(database.db.withPlugin(counter), clock, new CalendarService(database.db.withPlugin(counter), clock));
});

describe('the student register list', () => {
  it("gives every student a compact row with this semester's plan status and risk groups", async () => {
    const { semesterId, rows } = await students.list(reader);
    expect(semesterId).toBe('2025/26-1');
    expect(rows.length).toBe(N);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('s0')).toMatchObject({ planStatus: 'draft', riskGroups: ['school', 'family'], status: 'left' });
    expect(byId.get('s3')).toMatchObject({ planStatus: null, riskGroups: ['school'] });
    expect(byId.get('s4')).toMatchObject({ planStatus: 'inApproval', riskGroups: [] });
    // last year's plan does not count for this semester
    expect(byId.get('s1')).toMatchObject({ planStatus: null, riskGroups: [] });
    expect(Object.keys(byId.get('s1') ?? {}).sort()).toEqual([
      'classLabel',
      'educationLevel',
      'firstName',
      'grade',
      'id',
      'lastName',
      'personalCode',
      'planStatus',
      'riskGroups',
      'status',
    ]);
  });

  it('sorts by last name then first name in Latvian order', async () => {
    const { rows } = await students.list(reader);
    const lastNames = rows.map((r) => r.lastName.replace(/\d+$/, ''));
    const firstOf = (name: string) => lastNames.indexOf(name);
    expect(
      firstOf('Bērziņš') < firstOf('Kalniņa') &&
        firstOf('Kalniņa') < firstOf('Ozola') &&
        firstOf('Ozola') < firstOf('Šimkus') &&
        firstOf('Šimkus') < firstOf('Žagars'),
    ).toBe(true);
  });

  it('runs a fixed number of queries however many students there are, and is fast for 2,000', async () => {
    queries = 0;
    const started = performance.now();
    await students.list(reader, { riskGroup: 'family', planStatus: 'draft', query: 'a' });
    const ms = performance.now() - started;
    expect(queries).toBe(5); // calendar check (2), calendar read (2), the register query
    expect(ms).toBeLessThan(1000);
    queries = 0;
    await students.list(reader);
    expect(queries).toBe(5);
  });

  it('filters by text: part of a name without diacritics, a class, or a personal code with or without the hyphen', async () => {
    const names = (await students.list(reader, { query: 'eriks SIMKUS' })).rows;
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((r) => r.firstName === 'Ēriks' && r.lastName.startsWith('Šimkus'))).toBe(true);
    expect((await students.list(reader, { query: '320000-00123' })).rows.map((r) => r.id)).toEqual(['s123']);
    expect((await students.list(reader, { query: '32000000123' })).rows.map((r) => r.id)).toEqual(['s123']);
    const klass = (await students.list(reader, { query: '12.c' })).rows;
    expect(klass.length).toBeGreaterThan(0);
    expect(klass.every((r) => r.classLabel === '12.c')).toBe(true);
    expect((await students.list(reader, { query: 'nekāda' })).rows).toEqual([]);
    // text that means something to SQL LIKE matches only itself
    expect((await students.list(reader, { query: '%' })).rows).toEqual([]);
  });

  it('filters by grade, class, status, risk group and plan status (including "no plan")', async () => {
    const all = (await students.list(reader)).rows;
    const check = async (filter: Parameters<StudentService['list']>[1], predicate: (r: (typeof all)[number]) => boolean) => {
      const got = (await students.list(reader, filter)).rows.map((r) => r.id).sort();
      expect(got).toEqual(
        all
          .filter(predicate)
          .map((r) => r.id)
          .sort(),
      );
      expect(got.length).toBeGreaterThan(0);
    };
    await check({ grade: 7 }, (r) => r.grade === 7);
    await check({ classLabel: '7.A' }, (r) => r.classLabel === '7.a');
    await check({ status: 'left' }, (r) => r.status === 'left');
    await check({ riskGroup: 'family' }, (r) => r.riskGroups.includes('family'));
    await check({ planStatus: 'approved' }, (r) => r.planStatus === 'approved');
    await check({ planStatus: 'none' }, (r) => r.planStatus === null);
    await check({ riskGroup: 'school', planStatus: 'none', grade: 4 }, (r) => r.riskGroups.includes('school') && r.planStatus === null && r.grade === 4);
  });

  it('matches text the same way in SQL and in foldForSearch', async () => {
    const rows = (await students.list(reader, { query: 'ZAGARS' })).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => foldForSearch(r.lastName).includes('zagars'))).toBe(true);
  });

  it('matches text exactly as the page does when it filters rows it holds (matchesSearchWords)', async () => {
    const all = (await students.list(reader)).rows.map(foldStudent);
    for (const query of ['eriks', 'ŠIMKUS', 'bērz 1', 'žagars12', 'anna 7.', '320000-0012', '3200000012', '12', '0-0', 'a b', 'nekāda', '%', '_']) {
      const words = searchWords(query);
      const got = (await students.list(reader, { query })).rows.map((r) => r.id);
      expect(got, query).toEqual(all.filter((f) => matchesSearchWords(f, words)).map((f) => f.row.id));
    }
  });
});
