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
import type { Selectable } from 'kysely';
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
import type { RawDatabase } from '../../db/encryption';
import type {
  DeliveryTable,
  MeasureKindTable,
  MeasureOutcomeTable,
  MeasureTable,
  PlanOutcomeTable,
  PlanTable,
  RiskFactorTable,
  RiskOutcomeTable,
  ScreeningAnswerTable,
  ScreeningTable,
  StudentTable,
} from '../../db/school-tables';
import type { Statement } from 'better-sqlite3';

export type ReportRecords = Record<RecordType, Array<{ id: string } & Record<string, unknown>>>;

export interface ReportOptions {
  semesterId: string;
}

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

// ---- the report's reads
//
// Raw SQL on statements prepared once per connection, not kysely: an export
// ran these reads through kysely, which compiles and prepares every query
// anew, and read whole rows (free text that never travels included) of
// every answer of every screening that travels, one JS object per answer.
// Here each statement names only the columns that travel, and a screening's
// answers (a measure's risk factors) come back as one JSON array per
// screening (measure) built by SQLite: 24x fewer rows for better-sqlite3
// to turn into objects (docs/performance.md, "Fourth pass: export").
// Every statement takes the semester as @semester.

type Row<T, K extends keyof Selectable<T>> = Pick<Selectable<T>, K>;
type PlanRow = Row<
  PlanTable,
  'id' | 'version' | 'updated_at' | 'code' | 'student_id' | 'semester_id' | 'status' | 'consent_on' | 'previous_plan_id' | 'created_at' | 'closed_at'
>;
/** `answers`: JSON array of [risk_factor_id, answer] (see AnswerTuple); each factor's group comes from the riskFactors read. */
type ScreeningRow = Row<ScreeningTable, 'id' | 'version' | 'updated_at' | 'student_id' | 'semester_id' | 'screened_on'> & { answers: string };
type AnswerTuple = [ScreeningAnswerTable['risk_factor_id'], ScreeningAnswerTable['answer']];
type StudentRow = Row<
  StudentTable,
  | 'id'
  | 'version'
  | 'updated_at'
  | 'first_name'
  | 'last_name'
  | 'personal_code'
  | 'gender'
  | 'education_level'
  | 'grade'
  | 'class_label'
  | 'programme'
  | 'status'
  | 'left_on'
>;
/** `risk_factor_ids`: JSON array of the measure's risk factor ids. */
type MeasureRow = Row<
  MeasureTable,
  'id' | 'version' | 'updated_at' | 'plan_id' | 'kind_code' | 'planned_minutes' | 'planned_cents' | 'starts_on' | 'ends_on' | 'youth_project_id'
> & { risk_factor_ids: string };
type DeliveryRow = Row<
  DeliveryTable,
  'id' | 'version' | 'updated_at' | 'measure_id' | 'delivered_on' | 'minutes' | 'cents' | 'receipt_ref' | 'student_confirmed'
>;
type MeasureOutcomeRow = Row<MeasureOutcomeTable, 'measure_id' | 'delivered' | 'evaluated_at'> & { plan_id: string };
type RiskOutcomeRow = Row<RiskOutcomeTable, 'plan_id' | 'risk_factor_id' | 'change' | 'evaluated_at'>;
type PlanOutcomeRow = Row<PlanOutcomeTable, 'plan_id' | 'student_outcome' | 'evaluated_at'>;
type RiskFactorRow = Row<RiskFactorTable, 'id' | 'risk_group' | 'label_lv' | 'label_en' | 'source' | 'catalogue_version' | 'retired_at' | 'created_at'>;
type MeasureKindRow = Row<MeasureKindTable, 'code' | 'category' | 'unit' | 'label_lv' | 'label_en'>;

type Semester = [{ semester: string }];

interface ReportStatements {
  plans: Statement<Semester, PlanRow>;
  screenings: Statement<Semester, ScreeningRow>;
  students: Statement<Semester, StudentRow>;
  measures: Statement<Semester, MeasureRow>;
  deliveries: Statement<Semester, DeliveryRow>;
  measureOutcomes: Statement<Semester, MeasureOutcomeRow>;
  riskOutcomes: Statement<Semester, RiskOutcomeRow>;
  planOutcomes: Statement<Semester, PlanOutcomeRow>;
  riskFactors: Statement<[], RiskFactorRow>;
  measureKinds: Statement<[], MeasureKindRow>;
}

/** A screening travels when its student has a plan in the semester, or when it found at least one risk present. */
const PRESENT = `EXISTS (SELECT 1 FROM screening_answer AS present WHERE present.screening_id = screening.id AND present.answer = 'present')`;
const TRAVELS = `(screening.student_id IN (SELECT student_id FROM plan WHERE semester_id = @semester) OR ${PRESENT})`;

const statements = new WeakMap<RawDatabase, ReportStatements>();

function statementsOf(raw: RawDatabase): ReportStatements {
  let found = statements.get(raw);
  if (found) return found;
  found = {
    plans: raw.prepare(
      `SELECT id, version, updated_at, code, student_id, semester_id, status, consent_on, previous_plan_id, created_at, closed_at
         FROM plan WHERE semester_id = @semester`,
    ),
    // The answers of each screening by primary key (a large school screens everyone: ~45,000 answers a semester,
    // of which a tenth travel), as one JSON array per screening.
    screenings: raw.prepare(
      `SELECT id, version, updated_at, student_id, semester_id, screened_on,
              (SELECT json_group_array(json_array(a.risk_factor_id, a.answer))
                 FROM screening_answer AS a WHERE a.screening_id = screening.id) AS answers
         FROM screening WHERE semester_id = @semester AND ${TRAVELS}`,
    ),
    // Those with a plan in the semester, and those whose screening in it found a risk present.
    students: raw.prepare(
      `SELECT id, version, updated_at, first_name, last_name, personal_code, gender, education_level, grade, class_label, programme, status, left_on
         FROM student
        WHERE id IN (SELECT student_id FROM plan WHERE semester_id = @semester
                     UNION SELECT student_id FROM screening WHERE semester_id = @semester AND ${PRESENT})`,
    ),
    measures: raw.prepare(
      `SELECT m.id, m.version, m.updated_at, m.plan_id, m.kind_code, m.planned_minutes, m.planned_cents, m.starts_on, m.ends_on, m.youth_project_id,
              (SELECT json_group_array(r.risk_factor_id) FROM measure_risk AS r WHERE r.measure_id = m.id) AS risk_factor_ids
         FROM measure AS m JOIN plan AS p ON p.id = m.plan_id WHERE p.semester_id = @semester`,
    ),
    deliveries: raw.prepare(
      `SELECT d.id, d.version, d.updated_at, d.measure_id, d.delivered_on, d.minutes, d.cents, d.receipt_ref, d.student_confirmed
         FROM delivery AS d JOIN measure AS m ON m.id = d.measure_id JOIN plan AS p ON p.id = m.plan_id WHERE p.semester_id = @semester`,
    ),
    measureOutcomes: raw.prepare(
      `SELECT o.measure_id, o.delivered, o.evaluated_at, m.plan_id
         FROM measure_outcome AS o JOIN measure AS m ON m.id = o.measure_id JOIN plan AS p ON p.id = m.plan_id WHERE p.semester_id = @semester`,
    ),
    riskOutcomes: raw.prepare(
      `SELECT o.plan_id, o.risk_factor_id, o.change, o.evaluated_at
         FROM risk_outcome AS o JOIN plan AS p ON p.id = o.plan_id WHERE p.semester_id = @semester`,
    ),
    planOutcomes: raw.prepare(
      `SELECT o.plan_id, o.student_outcome, o.evaluated_at
         FROM plan_outcome AS o JOIN plan AS p ON p.id = o.plan_id WHERE p.semester_id = @semester`,
    ),
    // The catalogues are small (tens of rows): read whole, kept to those the records name.
    riskFactors: raw.prepare(`SELECT id, risk_group, label_lv, label_en, source, catalogue_version, retired_at, created_at FROM risk_factor`),
    measureKinds: raw.prepare(`SELECT code, category, unit, label_lv, label_en FROM measure_kind`),
  };
  statements.set(raw, found);
  return found;
}

/** A screening's answers as records carry them; the foreign key holds every answer's factor (one without would not have joined before either). */
function answersOf(tuples: readonly AnswerTuple[], groupOf: ReadonlyMap<string, RiskFactorTable['risk_group']>): ScreeningRecord['answers'] {
  const out: ScreeningRecord['answers'] = [];
  for (const [riskFactorId, answer] of tuples) {
    const group = groupOf.get(riskFactorId);
    if (group !== undefined) out.push({ riskFactorId, group, answer });
  }
  return out;
}

/** A JSON array SQLite built from columns of the types the row declares (json_group_array above). */
function jsonArray<T>(text: string): T[] {
  return JSON.parse(text) as T[];
}

/** The semester's records as the school's package carries them, read on the installation's connection (statements prepared once per connection). */
export function collectSchoolReport(raw: RawDatabase, options: ReportOptions): ReportRecords {
  const read = statementsOf(raw);
  const at = { semester: options.semesterId };
  const plans = read.plans.all(at);
  const screenings = read.screenings.all(at).map((s) => ({ ...s, answers: jsonArray<AnswerTuple>(s.answers) }));
  const students = read.students.all(at);
  const studentIds = new Set(students.map((s) => s.id));
  const measures = read.measures.all(at);
  const deliveries = read.deliveries.all(at);
  const measureOutcomes = read.measureOutcomes.all(at);
  const riskOutcomes = read.riskOutcomes.all(at);
  const planOutcomes = read.planOutcomes.all(at);
  const allFactors = read.riskFactors.all();
  const groupOf = new Map(allFactors.map((f) => [f.id, f.risk_group]));

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
      answers: answersOf(s.answers, groupOf).sort((a, b) => (a.riskFactorId < b.riskFactorId ? -1 : 1)),
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
    riskFactorIds: jsonArray<string>(m.risk_factor_ids).sort(),
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
  const factors = allFactors.filter((f) => factorIds.has(f.id));
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
  const kindCodes = new Set(measureRecords.map((m) => m.kindCode));
  const kinds = read.measureKinds.all().filter((k) => kindCodes.has(k.code));
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
