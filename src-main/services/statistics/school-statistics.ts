/**
 * The school's statistics, from its own tables at the moment they are asked
 * for (a school has at most a few thousand students, so no copy is kept):
 * students screened and at risk, risk groups and factors, plans by status,
 * measures planned against delivered, semester-end outcomes, each broken
 * down by grade band, gender or education level; and effect estimates per
 * measure kind (effectiveness-query.ts). The school's own screen shows exact
 * numbers: small-cell suppression applies to what leaves an installation.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { requirePermission } from '../accounts/access';
import { table, type Cell } from './stat-table';
import type { Actor } from '../../../src-shared/domain/roles';
import { GRADE_BANDS } from '../../../src-shared/domain/statistics/grade-band';
import type { Breakdown, StatEffectiveness, StatOverview } from '../../../src-shared/domain/statistics/report';
import { AppError } from '../../../src-shared/ipc/result';
import type { DB } from '../../db/schema';
import { kindEffect } from './effectiveness-query';
import { statisticsThreshold } from './threshold';

const COLUMNS: Record<Breakdown, readonly string[]> = {
  none: ['all'],
  gradeBand: GRADE_BANDS,
  gender: ['female', 'male'],
  educationLevel: ['general', 'vocational'],
};

/** The SQL for a student's breakdown value (alias `s` is the student). */
function dimension(b: Breakdown): RawBuilder<string> {
  switch (b) {
    case 'none':
      return sql<string>`'all'`;
    case 'gender':
      return sql<string>`s.gender`;
    case 'educationLevel':
      return sql<string>`s.education_level`;
    case 'gradeBand':
      return sql<string>`CASE WHEN s.education_level = 'vocational' THEN 'vocational' WHEN s.grade <= 4 THEN '1-4'
        WHEN s.grade <= 6 THEN '5-6' WHEN s.grade <= 9 THEN '7-9' ELSE '10-12' END`;
  }
}

export class SchoolStatisticsService {
  constructor(
    private readonly db: Kysely<DB>,
    /** IT's policy value of `statistics.threshold`, if the machine policy sets one. */
    private readonly policyThreshold?: unknown,
  ) {}

  async overview(actor: Actor, input: { semesterId: string; breakdown: Breakdown }): Promise<StatOverview> {
    requirePermission(actor, 'school.read');
    const { semesterId, breakdown } = input;
    const semester = await this.db.selectFrom('semester').select('id').where('id', '=', semesterId).executeTakeFirst();
    if (!semester) throw new AppError('NOT_FOUND');
    const dim = dimension(breakdown);
    const columns = COLUMNS[breakdown];

    const students = await sql<Cell>`
      SELECT CASE WHEN max(sa.answer = 'present') = 1 THEN 'atRisk' ELSE 'notAtRisk' END AS key, dim, count(*) AS n FROM (
        SELECT sc.id AS screening_id, ${dim} AS dim FROM screening sc JOIN student s ON s.id = sc.student_id WHERE sc.semester_id = ${semesterId}
      ) x LEFT JOIN screening_answer sa ON sa.screening_id = x.screening_id GROUP BY x.screening_id`.execute(this.db);
    // Collapse per-screening rows into counts per (key, dim).
    const studentCells = collapse(students.rows);
    const screened = columns.map((col) => studentCells.filter((c) => c.dim === col).reduce((a, c) => a + c.n, 0));
    const studentsTable = table('students', columns, studentCells, ['atRisk', 'notAtRisk']);
    studentsTable.rows.unshift({ key: 'screened', values: screened, total: screened.reduce((a, b) => a + b, 0) });

    const groups = await sql<Cell>`
      SELECT rf.risk_group AS key, ${dim} AS dim, count(DISTINCT sc.student_id) AS n
      FROM screening sc JOIN student s ON s.id = sc.student_id
      JOIN screening_answer sa ON sa.screening_id = sc.id AND sa.answer = 'present'
      JOIN risk_factor rf ON rf.id = sa.risk_factor_id
      WHERE sc.semester_id = ${semesterId} GROUP BY rf.risk_group, dim`.execute(this.db);

    const factors = await sql<Cell & { label_lv: string; label_en: string }>`
      SELECT rf.id AS key, rf.label_lv, rf.label_en, ${dim} AS dim, count(DISTINCT sc.student_id) AS n
      FROM screening sc JOIN student s ON s.id = sc.student_id
      JOIN screening_answer sa ON sa.screening_id = sc.id AND sa.answer = 'present'
      JOIN risk_factor rf ON rf.id = sa.risk_factor_id
      WHERE sc.semester_id = ${semesterId} GROUP BY rf.id, dim ORDER BY rf.risk_group, rf.sort_order`.execute(this.db);
    const factorLabels = new Map(factors.rows.map((r) => [r.key, { lv: r.label_lv, en: r.label_en }]));

    const statuses = await sql<Cell>`
      SELECT p.status AS key, ${dim} AS dim, count(*) AS n FROM plan p JOIN student s ON s.id = p.student_id
      WHERE p.semester_id = ${semesterId} GROUP BY p.status, dim`.execute(this.db);

    const outcomes = await sql<Cell>`
      SELECT po.student_outcome AS key, ${dim} AS dim, count(*) AS n FROM plan_outcome po JOIN plan p ON p.id = po.plan_id
      JOIN student s ON s.id = p.student_id WHERE p.semester_id = ${semesterId} GROUP BY po.student_outcome, dim`.execute(this.db);

    const measures = await sql<{
      kind_code: string;
      label_lv: string;
      label_en: string;
      category: 'consultation' | 'compensation' | 'ngo';
      plans: number;
      measures: number;
      planned_minutes: number;
      planned_cents: number;
      delivered_minutes: number;
      delivered_cents: number;
      participations: number;
    }>`
      SELECT mk.code AS kind_code, mk.label_lv, mk.label_en, mk.category,
        count(DISTINCT m.plan_id) AS plans, count(m.id) AS measures,
        coalesce(sum(m.planned_minutes), 0) AS planned_minutes, coalesce(sum(m.planned_cents), 0) AS planned_cents,
        coalesce(sum(d.minutes), 0) AS delivered_minutes, coalesce(sum(d.cents), 0) AS delivered_cents,
        coalesce(sum(d.n), 0) AS participations
      FROM measure_kind mk
      JOIN measure m ON m.kind_code = mk.code
      JOIN plan p ON p.id = m.plan_id AND p.semester_id = ${semesterId}
      LEFT JOIN (SELECT measure_id, sum(minutes) AS minutes, sum(cents) AS cents, count(*) AS n FROM delivery GROUP BY measure_id) d ON d.measure_id = m.id
      GROUP BY mk.code ORDER BY mk.sort_order, mk.code`.execute(this.db);

    return {
      semesterId,
      breakdown,
      columns: [...columns],
      tables: [
        studentsTable,
        table('riskGroups', columns, groups.rows, ['school', 'personal', 'family', 'economic']),
        table('riskFactors', columns, factors.rows, [...factorLabels.keys()], factorLabels),
        table('plansByStatus', columns, statuses.rows, ['draft', 'inApproval', 'approved', 'active', 'underReview', 'suspended', 'inactive']),
        table('outcomes', columns, outcomes.rows, ['continues', 'extendedYear', 'repeatsYear', 'movedSchool', 'leftEducation', 'graduated']),
      ],
      measures: measures.rows.map((m) => ({
        kindCode: m.kind_code,
        labelLv: m.label_lv,
        labelEn: m.label_en,
        category: m.category,
        plans: Number(m.plans),
        measures: Number(m.measures),
        plannedMinutes: Number(m.planned_minutes),
        deliveredMinutes: Number(m.delivered_minutes),
        plannedCents: Number(m.planned_cents),
        deliveredCents: Number(m.delivered_cents),
        participations: m.category === 'ngo' ? Number(m.participations) : 0,
      })),
    };
  }

  /** Effect estimates for every measure kind in use, over the chosen semesters (all when none are chosen). */
  async effectiveness(actor: Actor, input: { semesterIds: readonly string[] }): Promise<StatEffectiveness> {
    requirePermission(actor, 'school.read');
    const threshold = await statisticsThreshold(this.db, this.policyThreshold);
    const kinds = await this.db
      .selectFrom('measure_kind')
      .select(['code', 'label_lv', 'label_en'])
      .where('code', 'in', (eb) => eb.selectFrom('measure').select('kind_code').distinct())
      .orderBy('sort_order')
      .orderBy('code')
      .execute();
    const out: StatEffectiveness['kinds'] = [];
    for (const k of kinds) {
      const e = await kindEffect(this.db, k.code, input.semesterIds, threshold);
      out.push({ kindCode: k.code, labelLv: k.label_lv, labelEn: k.label_en, risksLessened: e.risksLessened, stillInEducation: e.stillInEducation });
    }
    return { threshold, kinds: out };
  }
}

/** Per-screening rows (key, dim, 1) into counts per (key, dim). */
function collapse(rows: readonly Cell[]): Cell[] {
  const byKey = new Map<string, Cell>();
  for (const r of rows) {
    const k = `${r.key}\u0000${r.dim}`;
    const c = byKey.get(k) ?? { key: r.key, dim: r.dim, n: 0 };
    c.n += 1;
    byKey.set(k, c);
  }
  return [...byKey.values()];
}
