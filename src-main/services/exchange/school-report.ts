/**
 * What a school sends up for one semester (docs/package-format.md, "What
 * travels"): a full snapshot, so that a record missing from a later package
 * for the same semester reads as withdrawn.
 *
 * Which students: those with a plan in the semester, or a screening in it
 * with at least one risk present. Nobody else leaves the school.
 *
 * Free text never travels: screening notes and justifications, plan goals,
 * consent-giver names, status-change comments, measure justifications,
 * delivery notes and over-plan reasons, outcome notes, guardians and their
 * contacts, staff names and ids. Only structured fields do, and each record
 * type's zod schema (src-shared/domain/exchange.ts) is strict, so the
 * importer refuses anything else.
 *
 * A state vocational school reports to the state instead, through
 * StateReportService, which minimises these same records much further
 * (state-report.ts).
 */
import { sql, type ExpressionBuilder } from 'kysely';
import {
  RECORD_TYPES,
  type DeliveryRecord,
  type MeasureKindRecord,
  type MeasureRecord,
  type OutcomeRecord,
  type PlanRecord,
  type RecordType,
  type RiskFactorRecord,
  type ScreeningRecord,
  type StudentRecord,
} from '../../../src-shared/domain/exchange';
import type { DB, Db } from '../../db/schema';

export type ReportRecords = Record<RecordType, Array<{ id: string } & Record<string, unknown>>>;

export interface ReportOptions {
  semesterId: string;
}

/** Ids bound per query: well under SQLite's limit of 32,766 parameters. */
const ID_CHUNK = 500;

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

export async function collectSchoolReport(db: Db, options: ReportOptions): Promise<ReportRecords> {
  const { semesterId } = options;
  const plans = await db.selectFrom('plan').selectAll().where('semester_id', '=', semesterId).execute();
  // Only the screenings of students who travel, and only their answers: a large school screens everyone,
  // and reading every answer of the semester to keep a tenth of them was most of the export's SQLite time.
  const travels = (eb: ExpressionBuilder<DB, 'screening'>) =>
    eb.or([
      eb('screening.student_id', 'in', eb.selectFrom('plan').select('plan.student_id').where('plan.semester_id', '=', semesterId)),
      eb.exists(
        eb
          .selectFrom('screening_answer as present')
          .select(sql`1`.as('x'))
          .whereRef('present.screening_id', '=', 'screening.id')
          .where('present.answer', '=', 'present'),
      ),
    ]);
  const screenings = await db.selectFrom('screening').selectAll().where('semester_id', '=', semesterId).where(travels).execute();
  // The answers of those screenings, looked up by primary key. Joining screening to every answer and testing
  // `travels` per answer row made SQLite scan all of the semester's answers (~45,000 at a 1,500-student school):
  // most of an export's time (docs/performance.md).
  const answersOf = (ids: string[]) =>
    db
      .selectFrom('screening_answer')
      .innerJoin('risk_factor', 'risk_factor.id', 'screening_answer.risk_factor_id')
      .select(['screening_answer.screening_id', 'screening_answer.risk_factor_id', 'screening_answer.answer', 'risk_factor.risk_group'])
      .where('screening_answer.screening_id', 'in', ids)
      .execute();
  const answers: Awaited<ReturnType<typeof answersOf>> = [];
  for (let i = 0; i < screenings.length; i += ID_CHUNK) answers.push(...(await answersOf(screenings.slice(i, i + ID_CHUNK).map((s) => s.id))));
  const answersByScreening = groupBy(answers, (a) => a.screening_id);

  const studentIds = new Set(plans.map((p) => p.student_id));
  for (const s of screenings) if ((answersByScreening.get(s.id) ?? []).some((a) => a.answer === 'present')) studentIds.add(s.student_id);

  const students =
    studentIds.size === 0
      ? []
      : await db
          .selectFrom('student')
          .selectAll()
          .where('id', 'in', [...studentIds])
          .execute();
  const measures = await db
    .selectFrom('measure')
    .innerJoin('plan', 'plan.id', 'measure.plan_id')
    .selectAll('measure')
    .where('plan.semester_id', '=', semesterId)
    .execute();
  const measureRisks = await db
    .selectFrom('measure_risk')
    .innerJoin('measure', 'measure.id', 'measure_risk.measure_id')
    .innerJoin('plan', 'plan.id', 'measure.plan_id')
    .select(['measure_risk.measure_id', 'measure_risk.risk_factor_id'])
    .where('plan.semester_id', '=', semesterId)
    .execute();
  const deliveries = await db
    .selectFrom('delivery')
    .innerJoin('measure', 'measure.id', 'delivery.measure_id')
    .innerJoin('plan', 'plan.id', 'measure.plan_id')
    .selectAll('delivery')
    .where('plan.semester_id', '=', semesterId)
    .execute();
  const measureOutcomes = await db
    .selectFrom('measure_outcome')
    .innerJoin('measure', 'measure.id', 'measure_outcome.measure_id')
    .innerJoin('plan', 'plan.id', 'measure.plan_id')
    .select(['measure_outcome.measure_id', 'measure_outcome.delivered', 'measure_outcome.evaluated_at', 'measure.plan_id'])
    .where('plan.semester_id', '=', semesterId)
    .execute();
  const riskOutcomes = await db
    .selectFrom('risk_outcome')
    .innerJoin('plan', 'plan.id', 'risk_outcome.plan_id')
    .select(['risk_outcome.plan_id', 'risk_outcome.risk_factor_id', 'risk_outcome.change', 'risk_outcome.evaluated_at'])
    .where('plan.semester_id', '=', semesterId)
    .execute();
  const planOutcomes = await db
    .selectFrom('plan_outcome')
    .innerJoin('plan', 'plan.id', 'plan_outcome.plan_id')
    .select(['plan_outcome.plan_id', 'plan_outcome.student_outcome', 'plan_outcome.evaluated_at'])
    .where('plan.semester_id', '=', semesterId)
    .execute();

  // ---- students
  const studentRecords = students.map((s): StudentRecord => {
    const common = { id: s.id, version: s.version, updatedAt: s.updated_at };
    return {
      ...common,
      firstName: s.first_name,
      lastName: s.last_name,
      personalCode: s.personal_code,
      gender: s.gender,
      educationLevel: s.education_level,
      grade: s.grade,
      classLabel: s.class_label,
      programme: s.programme,
      status: s.status,
      leftOn: s.left_on,
    };
  });

  // ---- screenings of the students who travel
  const screeningRecords = screenings
    .filter((s) => studentIds.has(s.student_id))
    .map((s): ScreeningRecord => ({
      id: s.id,
      version: s.version,
      updatedAt: s.updated_at,
      studentId: s.student_id,
      semesterId: s.semester_id,
      screenedOn: s.screened_on,
      answers: (answersByScreening.get(s.id) ?? [])
        .map((a) => ({ riskFactorId: a.risk_factor_id, group: a.risk_group, answer: a.answer }))
        .sort((a, b) => (a.riskFactorId < b.riskFactorId ? -1 : 1)),
    }));

  // ---- plans, measures, deliveries
  const planRecords = plans.map((p): PlanRecord => ({
    id: p.id,
    version: p.version,
    updatedAt: p.updated_at,
    code: p.code,
    studentId: p.student_id,
    semesterId: p.semester_id,
    status: p.status,
    consentRecorded: p.consent_on !== null,
    consentOn: p.consent_on,
    previousPlanId: p.previous_plan_id,
    createdAt: p.created_at,
    closedAt: p.closed_at,
  }));
  const risksByMeasure = groupBy(measureRisks, (r) => r.measure_id);
  const measureRecords = measures.map((m): MeasureRecord => ({
    id: m.id,
    version: m.version,
    updatedAt: m.updated_at,
    planId: m.plan_id,
    kindCode: m.kind_code,
    plannedMinutes: m.planned_minutes,
    plannedCents: m.planned_cents,
    startsOn: m.starts_on,
    endsOn: m.ends_on,
    riskFactorIds: (risksByMeasure.get(m.id) ?? []).map((r) => r.risk_factor_id).sort(),
    youthProjectId: m.youth_project_id,
  }));
  const deliveryRecords = deliveries.map((d): DeliveryRecord => ({
    id: d.id,
    version: d.version,
    updatedAt: d.updated_at,
    measureId: d.measure_id,
    deliveredOn: d.delivered_on,
    minutes: d.minutes,
    cents: d.cents,
    receiptRef: d.receipt_ref,
    studentConfirmed: d.student_confirmed === null ? null : d.student_confirmed === 1,
  }));

  // ---- outcomes: one record per evaluated plan; its version is the plan's (saving an evaluation bumps it)
  const planById = new Map(plans.map((p) => [p.id, p]));
  const measureOutcomesByPlan = groupBy(measureOutcomes, (m) => m.plan_id);
  const riskOutcomesByPlan = groupBy(riskOutcomes, (r) => r.plan_id);
  const planOutcomeByPlan = new Map(planOutcomes.map((o) => [o.plan_id, o]));
  const evaluated = new Set([...measureOutcomesByPlan.keys(), ...riskOutcomesByPlan.keys(), ...planOutcomeByPlan.keys()]);
  const outcomeRecords: OutcomeRecord[] = [];
  for (const planId of evaluated) {
    const plan = planById.get(planId);
    if (!plan) continue;
    const ms = measureOutcomesByPlan.get(planId) ?? [];
    const rs = riskOutcomesByPlan.get(planId) ?? [];
    const po = planOutcomeByPlan.get(planId);
    const stamps = [...ms.map((m) => m.evaluated_at), ...rs.map((r) => r.evaluated_at), ...(po ? [po.evaluated_at] : [])].sort();
    outcomeRecords.push({
      id: planId,
      version: plan.version,
      updatedAt: stamps[stamps.length - 1] ?? plan.updated_at,
      planId,
      studentOutcome: po?.student_outcome ?? null,
      measures: ms.map((m) => ({ measureId: m.measure_id, delivered: m.delivered })).sort((a, b) => (a.measureId < b.measureId ? -1 : 1)),
      risks: rs.map((r) => ({ riskFactorId: r.risk_factor_id, change: r.change })).sort((a, b) => (a.riskFactorId < b.riskFactorId ? -1 : 1)),
    });
  }

  // ---- the catalogue entries these records name
  const factorIds = new Set<string>();
  for (const s of screeningRecords) for (const a of s.answers) factorIds.add(a.riskFactorId);
  for (const m of measureRecords) for (const f of m.riskFactorIds) factorIds.add(f);
  for (const o of outcomeRecords) for (const r of o.risks) factorIds.add(r.riskFactorId);
  const factors =
    factorIds.size === 0
      ? []
      : await db
          .selectFrom('risk_factor')
          .selectAll()
          .where('id', 'in', [...factorIds])
          .execute();
  const riskFactorRecords = factors.map((f): RiskFactorRecord => ({
    id: f.id,
    version: 1,
    updatedAt: f.retired_at ?? f.created_at,
    group: f.risk_group,
    labelLv: f.label_lv,
    labelEn: f.label_en,
    source: f.source,
    catalogueVersion: f.catalogue_version,
    retired: f.retired_at !== null,
  }));
  const kindCodes = [...new Set(measureRecords.map((m) => m.kindCode))];
  const kinds = kindCodes.length === 0 ? [] : await db.selectFrom('measure_kind').selectAll().where('code', 'in', kindCodes).execute();
  const measureKindRecords = kinds.map((k): MeasureKindRecord => ({
    id: k.code,
    version: 1,
    updatedAt: null,
    category: k.category,
    unit: k.unit,
    labelLv: k.label_lv,
    labelEn: k.label_en,
  }));

  const out: ReportRecords = {
    riskFactor: riskFactorRecords,
    measureKind: measureKindRecords,
    student: studentRecords,
    screening: screeningRecords,
    plan: planRecords,
    measure: measureRecords,
    delivery: deliveryRecords,
    outcome: outcomeRecords,
  };
  for (const type of RECORD_TYPES) out[type].sort(byId);
  return out;
}
