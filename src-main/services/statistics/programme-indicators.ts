/**
 * Programme indicators (issue #11 item 7) for a municipality or the state,
 * from the analytic model filled at import: over the chosen semesters, the
 * unique students supported (a plan with at least one delivery) by gender
 * and education level, the schools and municipalities taking part, the
 * measures delivered, the consultation hours and the compensations paid.
 * Protected before they leave main (the screen, its print and its XLSX):
 * the student table with complementary suppression, single counts under the
 * threshold hidden, and money and hours hidden with what they would reveal.
 * Paid compensations come from the authorities' own overview per semester
 * (the municipality's decisions and payments, the state's reports), so they
 * agree with the statistics screen.
 */
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../../src-shared/domain/roles';
import type { ProgrammeIndicators } from '../../../src-shared/domain/statistics/indicators';
import { suppressTable } from '../../../src-shared/domain/statistics/suppression';
import { EDUCATION_LEVELS, GENDERS } from '../../../src-shared/domain/student';
import type { DB } from '../../db/schema';
import type { AuthorityStatisticsService } from './authority-statistics';
import type { FlatTable, Translate } from './table-export';
import { keyFromData } from '../../../src-shared/i18n/index';

export async function programmeIndicators(
  db: Kysely<DB>,
  authority: AuthorityStatisticsService,
  actor: Actor,
  input: { semesterIds: readonly string[] },
): Promise<ProgrammeIndicators> {
  // semesters() checks the permission and the mode, and brings the model up to date.
  const held = await authority.semesters(actor);
  const wanted = input.semesterIds.length === 0 ? held : held.filter((s) => input.semesterIds.includes(s));
  const semesterIds = [...wanted].sort();
  const threshold = await authority.threshold();
  const org = await db.selectFrom('organisation').select('mode').where('id', '=', 1).executeTakeFirstOrThrow();
  const periods = semesterIds.length === 0 ? sql`NULL` : sql.join(semesterIds.map((s) => sql`${s}`));

  // One row per unique student (sender, school, student id), counted once in the period.
  const supported = await sql<{ level: string; gender: string; n: number }>`
    SELECT level, gender, count(*) AS n FROM (
      SELECT p.sender_id || '/' || p.school_id || '/' || p.student_id AS who, max(p.education_level) AS level, max(p.gender) AS gender
      FROM stat_plan p
      WHERE p.period IN (${periods})
        AND EXISTS (SELECT 1 FROM stat_measure m WHERE m.sender_id = p.sender_id AND m.period = p.period AND m.plan_id = p.plan_id AND m.deliveries > 0)
      GROUP BY who)
    GROUP BY level, gender`.execute(db);
  const cells = EDUCATION_LEVELS.map((level) => GENDERS.map((gender) => Number(supported.rows.find((r) => r.level === level && r.gender === gender)?.n ?? 0)));
  const students = suppressTable({ cells, rowTotals: true, colTotals: true }, threshold);

  const taking = await sql<{ schools: number; senders: number; municipalities: number }>`
    SELECT count(DISTINCT sender_id || '/' || school_id) AS schools, count(DISTINCT sender_id) AS senders,
      count(DISTINCT CASE WHEN sender_id IN (SELECT id FROM exchange_org WHERE kind = 'municipality') THEN sender_id END) AS municipalities
    FROM stat_plan WHERE period IN (${periods})`.execute(db);
  const t = taking.rows[0] ?? { schools: 0, senders: 0, municipalities: 0 };
  const schools = Number(t.schools);
  const municipalities = org.mode === 'municipality' ? (schools > 0 ? 1 : 0) : Number(t.municipalities);

  const m = await sql<{ measures: number; deliveries: number | null; minutes: number | null; cents: number | null }>`
    SELECT sum(deliveries > 0) AS measures, sum(deliveries) AS deliveries,
      sum(CASE WHEN category = 'consultation' THEN delivered_minutes ELSE 0 END) AS minutes,
      sum(CASE WHEN category = 'compensation' THEN delivered_cents ELSE 0 END) AS cents
    FROM stat_measure WHERE period IN (${periods})`.execute(db);
  const row = m.rows[0];
  const small = (n: number) => n > 0 && n < threshold;
  const measures = Number(row?.measures ?? 0);
  const deliveries = Number(row?.deliveries ?? 0);
  // Figures about a group too small to show are hidden with it (money, hours).
  const hideAll = students.grandTotal === null || small(measures) || small(deliveries);

  let paid: number | null = 0;
  for (const semesterId of semesterIds) {
    const o = await authority.overview(actor, { semesterId, breakdown: 'none' });
    for (const k of o.measures) {
      if (k.category !== 'compensation') continue;
      if (k.paidCents == null || paid === null) paid = null;
      else paid += k.paidCents;
    }
  }

  return {
    semesterIds,
    threshold,
    students: {
      levels: [...EDUCATION_LEVELS],
      genders: [...GENDERS],
      cells: students.cells,
      levelTotals: students.rowTotals ?? [],
      genderTotals: students.colTotals ?? [],
      total: students.grandTotal ?? null,
    },
    schools,
    municipalities,
    measuresDelivered: hideAll ? null : measures,
    deliveries: hideAll ? null : deliveries,
    consultationMinutes: hideAll ? null : Number(row?.minutes ?? 0),
    compensationDeliveredCents: hideAll ? null : Number(row?.cents ?? 0),
    compensationPaidCents: hideAll ? null : paid,
  };
}

/** The indicators as the flat tables that leave the installation (XLSX): headers translated, money in euros, hours in hours. */
export function flattenIndicators(p: ProgrammeIndicators, t: Translate): FlatTable[] {
  const euros = (cents: number | null) => (cents === null ? null : cents / 100);
  const hours = (minutes: number | null) => (minutes === null ? null : Math.round((minutes / 60) * 10) / 10);
  const period = p.semesterIds.length === 0 ? '' : `${p.semesterIds[0]} – ${p.semesterIds[p.semesterIds.length - 1]}`;
  return [
    {
      name: 'indicators',
      title: t('indicators.title'),
      headers: [t('indicators.indicator'), t('indicators.value')],
      rows: [
        [t('indicators.period'), period],
        [t('indicators.studentsSupported'), p.students.total],
        [t('indicators.schools'), p.schools],
        [t('indicators.municipalities'), p.municipalities],
        [t('indicators.measuresDelivered'), p.measuresDelivered],
        [t('indicators.deliveries'), p.deliveries],
        [t('indicators.consultationHours'), hours(p.consultationMinutes)],
        [t('indicators.compensationDelivered'), euros(p.compensationDeliveredCents)],
        [t('indicators.compensationPaid'), euros(p.compensationPaidCents)],
      ],
    },
    {
      name: 'indicatorStudents',
      title: t('indicators.studentsTable'),
      headers: [t('indicators.educationLevel'), ...p.students.genders.map((g) => t(keyFromData(`gender.${g}`))), t('statistics.column.total')],
      rows: [
        ...p.students.levels.map((level, i) => [t(keyFromData(`educationLevel.${level}`)), ...(p.students.cells[i] ?? []), p.students.levelTotals[i] ?? null]),
        [t('statistics.column.total'), ...p.students.genderTotals, p.students.total],
      ],
    },
  ];
}
