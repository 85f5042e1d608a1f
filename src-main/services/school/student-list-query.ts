/**
 * The student register's one query: a compact row per student with this
 * semester's plan status and the risk groups its screening found present,
 * filtered in SQL. One statement however many students (no N+1): the plan
 * is a LEFT JOIN on plan(student_id, semester_id) (unique index), the risk
 * groups a correlated subquery on screening(student_id, semester_id)
 * (unique index) and screening_answer's primary key.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { RISK_GROUPS, type RiskGroup } from '../../../src-shared/domain/risk-catalogue';
import { LATVIAN_FOLDS, searchWords } from '../../../src-shared/domain/search-fold';
import type { StudentListFilter, StudentRow } from '../../../src-shared/domain/student';
import type { DB } from '../../db/schema';

/** SQL twin of foldForSearch: lower() folds ASCII only, so both cases of each Latvian letter are replaced. */
function folded(column: RawBuilder<unknown>): RawBuilder<string> {
  let expr: RawBuilder<unknown> = sql`lower(${column})`;
  for (const [from, to] of LATVIAN_FOLDS) {
    expr = sql`replace(replace(${expr}, ${from}, ${to}), ${from.toUpperCase()}, ${to})`;
  }
  return expr as RawBuilder<string>;
}

const collator = new Intl.Collator('lv', { sensitivity: 'base' });

export async function queryStudentRows(db: Kysely<DB>, semesterId: string | null, filter: StudentListFilter): Promise<StudentRow[]> {
  const semester = semesterId ?? '';
  let query = db
    .selectFrom('student as s')
    .leftJoin('plan as p', (join) => join.onRef('p.student_id', '=', 's.id').on('p.semester_id', '=', semester))
    .select(['s.id', 's.first_name', 's.last_name', 's.personal_code', 's.education_level', 's.grade', 's.class_label', 's.status', 'p.status as plan_status'])
    .select((eb) =>
      eb
        .selectFrom('screening as sc')
        .innerJoin('screening_answer as sa', 'sa.screening_id', 'sc.id')
        .innerJoin('risk_factor as rf', 'rf.id', 'sa.risk_factor_id')
        .select(sql<string | null>`group_concat(DISTINCT rf.risk_group)`.as('groups'))
        .whereRef('sc.student_id', '=', 's.id')
        .where('sc.semester_id', '=', semester)
        .where('sa.answer', '=', 'present')
        .as('risk_groups'),
    );

  for (const word of searchWords(filter.query ?? '')) {
    const digits = /^[\d-]+$/.test(word) ? word.replaceAll('-', '') : null;
    query = query.where((eb) => {
      const matches: Expression<SqlBool>[] = [
        sql<SqlBool>`instr(${folded(sql.ref('s.first_name'))}, ${word}) > 0`,
        sql<SqlBool>`instr(${folded(sql.ref('s.last_name'))}, ${word}) > 0`,
        sql<SqlBool>`instr(${folded(sql.ref('s.class_label'))}, ${word}) > 0`,
      ];
      if (digits) matches.push(sql<SqlBool>`instr(replace(s.personal_code, '-', ''), ${digits}) > 0`);
      return eb.or(matches);
    });
  }
  if (filter.educationLevel) query = query.where('s.education_level', '=', filter.educationLevel);
  if (filter.grade !== undefined) query = query.where('s.grade', '=', filter.grade);
  if (filter.classLabel) query = query.where(sql<SqlBool>`s.class_label = ${filter.classLabel} COLLATE NOCASE`);
  if (filter.status) query = query.where('s.status', '=', filter.status);
  if (filter.planStatus === 'none') query = query.where('p.id', 'is', null);
  else if (filter.planStatus) query = query.where('p.status', '=', filter.planStatus);
  if (filter.riskGroup) {
    const group = filter.riskGroup;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('screening as sc2')
          .innerJoin('screening_answer as sa2', 'sa2.screening_id', 'sc2.id')
          .innerJoin('risk_factor as rf2', 'rf2.id', 'sa2.risk_factor_id')
          .select(sql`1`.as('x'))
          .whereRef('sc2.student_id', '=', 's.id')
          .where('sc2.semester_id', '=', semester)
          .where('sa2.answer', '=', 'present')
          .where('rf2.risk_group', '=', group),
      ),
    );
  }

  const rows = await query.execute();
  return rows
    .map((r): StudentRow => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      personalCode: r.personal_code,
      educationLevel: r.education_level,
      grade: r.grade,
      classLabel: r.class_label,
      status: r.status,
      planStatus: r.plan_status,
      riskGroups: sortGroups(r.risk_groups),
    }))
    .sort((a, b) => collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName) || a.personalCode.localeCompare(b.personalCode));
}

function sortGroups(concatenated: string | null): RiskGroup[] {
  if (!concatenated) return [];
  const present = new Set(concatenated.split(','));
  return RISK_GROUPS.filter((g) => present.has(g));
}
