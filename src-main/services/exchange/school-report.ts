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
import type { RecordType } from '../../../src-shared/domain/exchange';
import type { RawDatabase } from '../../db/encryption';
import type { Statement } from 'better-sqlite3';

export type ReportRecords = Record<RecordType, Array<{ id: string } & Record<string, unknown>>>;
/** Each record's line as it travels: the JSON text of one record, no newline. */
export type ReportLines = Record<RecordType, string[]>;

export interface ReportOptions {
  semesterId: string;
}

/** The report twice over: the lines that travel, and the same lines parsed (what the school's check reads). */
export interface SchoolReport {
  lines: ReportLines;
  records: ReportRecords;
}

// ---- the report's reads
//
// SQLite writes each record's JSON line itself (json_object, on statements
// prepared once per connection), with the escaping JSON.stringify gives
// and every object's keys in sorted order: each line is its record's
// canonical JSON (school-report.test.ts), which the recipient's import
// writes with JSON.stringify instead of sorting every object's keys again
// (recordJson in import-records.ts; docs/performance.md, "Seventh pass:
// import"). Turning every
// column into a JavaScript value (better-sqlite3 makes a string per
// column, ~0.3 µs each) and every row into a record, and then each record
// back into text, was most of an export's CPU beyond its baseline
// (docs/performance.md, "Fifth pass: export"); one string per record is
// what is left. The records the school's check reads are these lines
// parsed, so the check reads exactly what travels.
//
// Every statement takes the semester as @semester and orders by id, the
// order each file's records are in. Ids are ASCII (RECORD_ID; a record
// with any other id is refused by the check), so SQLite's byte order is
// JavaScript's string order.

interface ReportStatements {
  plans: Statement<Semester, string>;
  screenings: Statement<Semester, string>;
  students: Statement<Semester, string>;
  measures: Statement<Semester, string>;
  deliveries: Statement<Semester, string>;
  outcomes: Statement<Semester, string>;
  riskFactors: Statement<[], { id: string; line: string }>;
  measureKinds: Statement<[], { id: string; line: string }>;
}

type Semester = [{ semester: string }];

/** A screening that found at least one risk present. */
const PRESENT = `EXISTS (SELECT 1 FROM screening_answer AS present WHERE present.screening_id = screening.id AND present.answer = 'present')`;
/** Who travels: students with a plan in the semester, and those whose screening in it found a risk present. */
const TRAVELLERS = `SELECT student_id FROM plan WHERE semester_id = @semester UNION SELECT student_id FROM screening WHERE semester_id = @semester AND ${PRESENT}`;
/** A 0/1 column (or NULL) as a JSON boolean. */
const bool = (column: string) => `json(CASE ${column} WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE 'null' END)`;

const statements = new WeakMap<RawDatabase, ReportStatements>();

function statementsOf(raw: RawDatabase): ReportStatements {
  let found = statements.get(raw);
  if (found) return found;
  found = {
    plans: raw
      .prepare<Semester, string>(
        `SELECT json_object('closedAt', closed_at, 'code', code, 'consentOn', consent_on, 'consentRecorded', ${bool('consent_on IS NOT NULL')},
                            'createdAt', created_at, 'id', id, 'previousPlanId', previous_plan_id, 'semesterId', semester_id, 'status', status,
                            'studentId', student_id, 'updatedAt', updated_at, 'version', version)
           FROM plan WHERE semester_id = @semester ORDER BY id`,
      )
      .pluck(),
    // The answers of each screening by primary key (a large school screens everyone; a tenth travel), each with its
    // factor's group, in factor id order: the primary key's order (screening_id, risk_factor_id), which the subquery's
    // ORDER BY names and the search delivers without a sort (an ORDER BY inside json_group_array sorted them again,
    // a fifth of this statement; school-report.test.ts checks the order).
    screenings: raw
      .prepare<Semester, string>(
        `SELECT json_object('answers', (SELECT json_group_array(json_object('answer', a.answer, 'group', f.risk_group, 'riskFactorId', a.risk_factor_id))
                                          FROM (SELECT risk_factor_id, answer FROM screening_answer WHERE screening_id = screening.id ORDER BY risk_factor_id) AS a
                                          JOIN risk_factor AS f ON f.id = a.risk_factor_id),
                            'id', id, 'screenedOn', screened_on, 'semesterId', semester_id, 'studentId', student_id, 'updatedAt', updated_at,
                            'version', version)
           FROM screening WHERE semester_id = @semester AND student_id IN (${TRAVELLERS}) ORDER BY id`,
      )
      .pluck(),
    students: raw
      .prepare<Semester, string>(
        `SELECT json_object('classLabel', class_label, 'educationLevel', education_level, 'firstName', first_name, 'gender', gender, 'grade', grade,
                            'id', id, 'lastName', last_name, 'leftOn', left_on, 'personalCode', personal_code, 'programme', programme,
                            'status', status, 'updatedAt', updated_at, 'version', version)
           FROM student WHERE id IN (${TRAVELLERS}) ORDER BY id`,
      )
      .pluck(),
    measures: raw
      .prepare<Semester, string>(
        `SELECT json_object('endsOn', m.ends_on, 'id', m.id, 'kindCode', m.kind_code, 'planId', m.plan_id, 'plannedCents', m.planned_cents,
                            'plannedMinutes', m.planned_minutes,
                            'riskFactorIds', (SELECT json_group_array(r.risk_factor_id ORDER BY r.risk_factor_id) FROM measure_risk AS r WHERE r.measure_id = m.id),
                            'startsOn', m.starts_on, 'updatedAt', m.updated_at, 'version', m.version, 'youthProjectId', m.youth_project_id)
           FROM measure AS m JOIN plan AS p ON p.id = m.plan_id WHERE p.semester_id = @semester ORDER BY m.id`,
      )
      .pluck(),
    deliveries: raw
      .prepare<Semester, string>(
        `SELECT json_object('cents', d.cents, 'deliveredOn', d.delivered_on, 'id', d.id, 'measureId', d.measure_id, 'minutes', d.minutes,
                            'receiptRef', d.receipt_ref, 'studentConfirmed', ${bool('d.student_confirmed')}, 'updatedAt', d.updated_at, 'version', d.version)
           FROM delivery AS d JOIN measure AS m ON m.id = d.measure_id JOIN plan AS p ON p.id = m.plan_id WHERE p.semester_id = @semester
          ORDER BY d.id`,
      )
      .pluck(),
    // One record per evaluated plan (any measure, risk or plan outcome); its version is the plan's (saving an
    // evaluation bumps it), its updatedAt the latest evaluation.
    outcomes: raw
      .prepare<Semester, string>(
        `WITH mo AS (SELECT o.measure_id, o.delivered, o.evaluated_at, m.plan_id FROM measure_outcome AS o JOIN measure AS m ON m.id = o.measure_id)
         SELECT json_object('id', p.id,
                            'measures', (SELECT json_group_array(json_object('delivered', mo.delivered, 'measureId', mo.measure_id) ORDER BY mo.measure_id)
                                           FROM mo WHERE mo.plan_id = p.id),
                            'planId', p.id,
                            'risks', (SELECT json_group_array(json_object('change', ro.change, 'riskFactorId', ro.risk_factor_id) ORDER BY ro.risk_factor_id)
                                        FROM risk_outcome AS ro WHERE ro.plan_id = p.id),
                            'studentOutcome', (SELECT student_outcome FROM plan_outcome AS po WHERE po.plan_id = p.id),
                            'updatedAt', coalesce((SELECT max(at) FROM (SELECT evaluated_at AS at FROM mo WHERE mo.plan_id = p.id
                                                                        UNION ALL SELECT evaluated_at FROM risk_outcome AS ro WHERE ro.plan_id = p.id
                                                                        UNION ALL SELECT evaluated_at FROM plan_outcome AS po WHERE po.plan_id = p.id)),
                                                  p.updated_at),
                            'version', p.version)
           FROM plan AS p
          WHERE p.semester_id = @semester
            AND (EXISTS (SELECT 1 FROM mo WHERE mo.plan_id = p.id)
                 OR EXISTS (SELECT 1 FROM risk_outcome AS ro WHERE ro.plan_id = p.id)
                 OR EXISTS (SELECT 1 FROM plan_outcome AS po WHERE po.plan_id = p.id))
          ORDER BY p.id`,
      )
      .pluck(),
    // The catalogues are small (tens of rows): read whole, kept to those the records name.
    riskFactors: raw.prepare<[], { id: string; line: string }>(
      `SELECT id, json_object('catalogueVersion', catalogue_version, 'group', risk_group, 'id', id, 'labelEn', label_en, 'labelLv', label_lv,
                              'retired', ${bool('retired_at IS NOT NULL')}, 'source', source, 'updatedAt', coalesce(retired_at, created_at),
                              'version', 1) AS line
         FROM risk_factor ORDER BY id`,
    ),
    measureKinds: raw.prepare<[], { id: string; line: string }>(
      `SELECT code AS id, json_object('category', category, 'id', code, 'labelEn', label_en, 'labelLv', label_lv, 'unit', unit,
                                      'updatedAt', NULL, 'version', 1) AS line
         FROM measure_kind ORDER BY code`,
    ),
  };
  statements.set(raw, found);
  return found;
}

type ParsedRecord = { id: string } & Record<string, unknown>;

/** SQLite's json_object text, parsed (it is always a JSON object). */
const parse = (line: string) => JSON.parse(line) as ParsedRecord;

/** The catalogue entries (id, line) the records name, in id order. */
function named(rows: ReadonlyArray<{ id: string; line: string }>, ids: ReadonlySet<unknown>): { lines: string[]; records: ParsedRecord[] } {
  const lines: string[] = [];
  const records: ParsedRecord[] = [];
  for (const row of rows) {
    if (!ids.has(row.id)) continue;
    lines.push(row.line);
    records.push(parse(row.line));
  }
  return { lines, records };
}

/** The semester's records as the school's package carries them: each record's line, and the lines parsed. */
export function readSchoolReport(raw: RawDatabase, options: ReportOptions): SchoolReport {
  const read = statementsOf(raw);
  const at = { semester: options.semesterId };
  const lines = {
    student: read.students.all(at),
    screening: read.screenings.all(at),
    plan: read.plans.all(at),
    measure: read.measures.all(at),
    delivery: read.deliveries.all(at),
    outcome: read.outcomes.all(at),
  };
  const records = {
    student: lines.student.map(parse),
    screening: lines.screening.map(parse),
    plan: lines.plan.map(parse),
    measure: lines.measure.map(parse),
    delivery: lines.delivery.map(parse),
    outcome: lines.outcome.map(parse),
  };

  // ---- the catalogue entries these records name
  const factorIds = new Set<unknown>();
  for (const s of records.screening) for (const a of s.answers as Array<{ riskFactorId: string }>) factorIds.add(a.riskFactorId);
  for (const m of records.measure) for (const f of m.riskFactorIds as string[]) factorIds.add(f);
  for (const o of records.outcome) for (const r of o.risks as Array<{ riskFactorId: string }>) factorIds.add(r.riskFactorId);
  const kindCodes = new Set<unknown>(records.measure.map((m) => m.kindCode));
  const factors = named(read.riskFactors.all(), factorIds);
  const kinds = named(read.measureKinds.all(), kindCodes);

  return {
    lines: { riskFactor: factors.lines, measureKind: kinds.lines, ...lines },
    records: { riskFactor: factors.records, measureKind: kinds.records, ...records },
  };
}

/** The semester's records as the school's package carries them (readSchoolReport's records). */
export function collectSchoolReport(raw: RawDatabase, options: ReportOptions): ReportRecords {
  return readSchoolReport(raw, options).records;
}
