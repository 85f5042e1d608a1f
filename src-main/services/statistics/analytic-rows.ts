/**
 * The analytic rows of a school report's slice (stat_factor, stat_student,
 * stat_plan, stat_risk_outcome, stat_measure with its deliveries,
 * stat_measure_risk, the effect columns of migration 0012, and the slice's
 * overview cells in stat_overview_count) built in
 * JavaScript from the records the import has just parsed and checked,
 * instead of SQLite parsing the stored JSON again (json_each and ->> over
 * ~2 KB a screening were 36% of the analytic rebuild; the deliveries' UPDATE
 * and the effect columns' UPDATE rewrote rows just written:
 * docs/performance.md, "Sixth pass: import").
 *
 * The SQL of analytic-model.ts stays the definition (buildMissingAnalytics,
 * retention and a state report's slice use it); these rows follow its rules
 * statement by statement, and analytic-rows.test.ts holds the two equal on
 * varied packages (own factors, factors named otherwise, answers not
 * present, students never screened, plans of students no longer held,
 * kinds outside the default list, a second edition that withdraws records),
 * analytic-model.test.ts over real imports. The values are read as SQLite's
 * ->> reads the validated records (strings, integers, null).
 *
 * Only for a slice whose live records are exactly `records`: an accepted
 * package is a full snapshot of its sender's period, so after
 * ImportedStore.apply the live records are the package's.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_MEASURE_KIND_CODES } from '../../../src-shared/domain/state-report';
import { gradeBand } from '../../../src-shared/domain/statistics/grade-band';

/** A live record of the slice as the import parsed it (the value whose canonical JSON imported_record holds). */
export interface ParsedRecord {
  readonly type: string;
  readonly id: string;
  readonly value: unknown;
}

type Json = Record<string, unknown>;

/** What `->>` gives for a text member (validated records hold strings where these rules read text); null when absent. */
const text = (o: Json | undefined, key: string): string | null => {
  const v = o?.[key];
  return typeof v === 'string' ? v : null;
};

/** A record's grade band from its grade and education level as stored (pumpurs_grade_band of analytic-model.ts calls this too). */
export const gradeBandOf = (grade: unknown, level: unknown): string =>
  gradeBand(typeof grade === 'number' && Number.isFinite(grade) ? grade : 0, level === 'vocational' ? 'vocational' : 'general');

const bandOf = (student: Json): string => gradeBandOf(student.grade, student.educationLevel);

type Statement = Database.Statement;
const prepared = new WeakMap<
  Database.Database,
  { factor: Statement; student: Statement; plan: Statement; riskOutcome: Statement; measure: Statement; measureRisk: Statement; overviewCount: Statement }
>();

function statementsOf(raw: Database.Database) {
  let found = prepared.get(raw);
  if (found) return found;
  found = {
    factor: raw.prepare(
      `INSERT OR IGNORE INTO stat_factor (sender_id, period, school_id, student_id, factor_key, risk_group, gender, education_level, grade_band)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    student: raw.prepare(
      `INSERT INTO stat_student (sender_id, period, school_id, student_id, gender, education_level, grade_band, screened, at_risk, risk_groups)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    plan: raw.prepare(
      `INSERT INTO stat_plan (sender_id, period, school_id, plan_id, student_id, status, outcome, gender, education_level, grade_band, risk_groups,
         kinds, delivered_kinds)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    riskOutcome: raw.prepare(
      `INSERT OR IGNORE INTO stat_risk_outcome (sender_id, period, school_id, plan_id, factor_key, risk_group, change, grade_band, plan_kinds, reached_kinds)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    measure: raw.prepare(
      `INSERT INTO stat_measure (sender_id, period, school_id, measure_id, plan_id, kind_code, category, planned_minutes, planned_cents, deliveries,
         delivered_minutes, delivered_cents, approved_cents, paid_cents, gender, education_level, grade_band)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)`,
    ),
    measureRisk: raw.prepare('INSERT OR IGNORE INTO stat_measure_risk (sender_id, period, measure_id, factor_key) VALUES (?, ?, ?, ?)'),
    overviewCount: raw.prepare(
      'INSERT INTO stat_overview_count (period, sender_id, tbl, key, grade_band, gender, education_level, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };
  prepared.set(raw, found);
  return found;
}

/** coalesce(x ->> key, 0) for the numbers of a validated record. */
const count = (o: Json, key: string): number => {
  const v = o[key];
  return typeof v === 'number' ? v : 0;
};
const list = (o: Json | undefined, key: string): unknown[] => {
  const v = o?.[key];
  return Array.isArray(v) ? v : [];
};
const objectOf = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' ? (v as Json) : undefined);
const CATEGORIES = new Set(['consultation', 'compensation', 'ngo']);
const DEFAULT_KINDS = new Set(DEFAULT_MEASURE_KIND_CODES);

/** Sorted (SQLite's binary order), distinct, comma-separated: group_concat over an ordered DISTINCT. */
const joined = (values: Iterable<string>): string => [...new Set(values)].sort(binaryOrder).join(',');

interface Dims {
  gender: string;
  level: string;
  band: string;
}

/**
 * A semester's overview cells of the slice (stat_overview_count, migration 0015), counted as the rows are made:
 * what overviewCounts of analytic-model.ts counts from the rows once they are written. Cell key: table, key, dims.
 */
class OverviewCells {
  private readonly cells = new Map<string, { tbl: string; key: string; d: Dims; n: number }>();

  add(tbl: string, key: string, d: Dims): void {
    const id = `${tbl}\u0000${key}\u0000${d.band}\u0000${d.gender}\u0000${d.level}`;
    const cell = this.cells.get(id);
    if (cell === undefined) this.cells.set(id, { tbl, key, d, n: 1 });
    else cell.n++;
  }

  write(insert: Statement, senderId: string, period: string): void {
    for (const { tbl, key, d, n } of this.cells.values()) insert.run(period, senderId, tbl, key, d.band, d.gender, d.level, n);
  }
}

/**
 * Writes every analytic row of a school report's slice (sender = the school) from its live records, effect columns
 * included (what the school report's statements of analytic-model.ts and fillEffectColumns write), and the slice's
 * overview cells (what its overviewCounts statement writes). The slice's old rows must already be deleted
 * (rebuildAnalytics does).
 */
export function insertSchoolReportRows(raw: Database.Database, senderId: string, period: string, records: readonly ParsedRecord[]): void {
  const students = new Map<string, Json>();
  const factors = new Map<string, Json>();
  const kindRecords = new Map<string, Json>();
  const screenings: Json[] = [];
  const plans: Array<[string, Json]> = [];
  const outcomes = new Map<string, Json>();
  const measures: Array<[string, Json]> = [];
  const deliveries: Json[] = [];
  for (const r of records) {
    const value = r.value as Json;
    switch (r.type) {
      case 'student':
        students.set(r.id, value);
        break;
      case 'riskFactor':
        factors.set(r.id, value);
        break;
      case 'measureKind':
        kindRecords.set(r.id, value);
        break;
      case 'screening':
        screenings.push(value);
        break;
      case 'plan':
        plans.push([r.id, value]);
        break;
      case 'outcome':
        outcomes.set(r.id, value);
        break;
      case 'measure':
        measures.push([r.id, value]);
        break;
      case 'delivery':
        deliveries.push(value);
        break;
    }
  }
  const s = statementsOf(raw);
  /** A school report's factor, by id (schoolFactorKey/schoolFactorGroup of analytic-model.ts): `group` is the reference's own. */
  const factorOf = (id: string | null, group: string | null): { key: string; group: string } => {
    const f = id === null ? undefined : factors.get(id);
    const g = text(f, 'group') ?? group ?? 'school';
    return { key: text(f, 'source') === 'catalogue' ? (id as string) : `group:${g}`, group: g };
  };
  const dimsOf = new Map<string, Dims>();
  const dims = (id: string, student: Json): Dims => {
    let d = dimsOf.get(id);
    if (d === undefined) dimsOf.set(id, (d = { gender: text(student, 'gender') ?? '', level: text(student, 'educationLevel') ?? '', band: bandOf(student) }));
    return d;
  };

  const cells = new OverviewCells();
  // stat_factor: each answer 'present' of a screening whose student is held. INSERT OR IGNORE: one row per
  // (student, key), with the group of its first.
  const keysOf = new Map<string, Map<string, string>>();
  const screened = new Set<string>();
  for (const sc of screenings) {
    const studentId = text(sc, 'studentId');
    if (studentId === null) continue;
    screened.add(studentId);
    const student = students.get(studentId);
    if (student === undefined) continue;
    const d = dims(studentId, student);
    for (const item of list(sc, 'answers')) {
      const a = objectOf(item);
      if (text(a, 'answer') !== 'present') continue;
      const { key, group } = factorOf(text(a, 'riskFactorId'), text(a, 'group'));
      s.factor.run(senderId, period, senderId, studentId, key, group, d.gender, d.level, d.band);
      let keys = keysOf.get(studentId);
      if (keys === undefined) keysOf.set(studentId, (keys = new Map()));
      // INSERT OR IGNORE keeps a (student, key)'s first row, and with it its group.
      if (!keys.has(key)) keys.set(key, group);
    }
  }
  // The overview's factor and group cells: one per factor row, and one per distinct group of a student's rows.
  const groupsOf = new Map<string, Set<string>>();
  for (const [studentId, keys] of keysOf) {
    const d = dimsOf.get(studentId)!;
    const groups = new Set(keys.values());
    groupsOf.set(studentId, groups);
    for (const key of keys.keys()) cells.add('riskFactors', key, d);
    for (const group of groups) cells.add('riskGroups', group, d);
  }

  // stat_student: every live student, screened when a screening names it, at risk when it has a factor row.
  const riskGroups = new Map<string, string>();
  for (const [id, student] of students) {
    const groups = groupsOf.get(id);
    const joinedGroups = groups === undefined ? '' : joined(groups);
    riskGroups.set(id, joinedGroups);
    const d = dims(id, student);
    s.student.run(senderId, period, senderId, id, d.gender, d.level, d.band, screened.has(id) ? 1 : 0, groups === undefined ? 0 : 1, joinedGroups);
    if (screened.has(id)) cells.add('students', groups === undefined ? 'notAtRisk' : 'atRisk', d);
  }

  // The plans whose student is held (stat_plan's join), then their measures (stat_measure's join on the plan).
  const planStudent = new Map<string, string>();
  for (const [id, p] of plans) {
    const studentId = text(p, 'studentId');
    if (studentId !== null && students.has(studentId)) planStudent.set(id, studentId);
  }
  const delivered = new Map<string, { n: number; minutes: number; cents: number }>();
  for (const dl of deliveries) {
    const measureId = text(dl, 'measureId');
    if (measureId === null) continue;
    let t = delivered.get(measureId);
    if (t === undefined) delivered.set(measureId, (t = { n: 0, minutes: 0, cents: 0 }));
    t.n++;
    t.minutes += count(dl, 'minutes');
    t.cents += count(dl, 'cents');
  }
  interface MeasureRow {
    id: string;
    planId: string;
    kind: string;
    delivered: boolean;
    keys: Set<string>;
  }
  const measuresOf = new Map<string, MeasureRow[]>();
  for (const [id, m] of measures) {
    const planId = text(m, 'planId');
    const studentId = planId === null ? undefined : planStudent.get(planId);
    if (planId === null || studentId === undefined) continue;
    const code = text(m, 'kindCode');
    const dot = code === null ? -1 : code.indexOf('.');
    const prefix = code === null ? '' : dot >= 0 ? code.slice(0, dot) : code;
    const category = text(kindRecords.get(code ?? ''), 'category') ?? (CATEGORIES.has(prefix) ? prefix : 'consultation');
    const kind = code !== null && DEFAULT_KINDS.has(code) ? code : `${category}.other`;
    const t = delivered.get(id);
    const d = dimsOf.get(studentId)!;
    s.measure.run(
      senderId,
      period,
      senderId,
      id,
      planId,
      kind,
      category,
      count(m, 'plannedMinutes'),
      count(m, 'plannedCents'),
      t?.n ?? 0,
      t?.minutes ?? 0,
      t?.cents ?? 0,
      d.gender,
      d.level,
      d.band,
    );
    const keys = new Set<string>();
    for (const ref of list(m, 'riskFactorIds')) {
      const { key } = factorOf(typeof ref === 'string' ? ref : null, null);
      if (keys.has(key)) continue;
      keys.add(key);
      s.measureRisk.run(senderId, period, id, key);
    }
    const row = { id, planId, kind, delivered: (t?.n ?? 0) > 0, keys };
    const of = measuresOf.get(planId);
    if (of === undefined) measuresOf.set(planId, [row]);
    else of.push(row);
  }

  // stat_plan with its effect columns (the kinds of its measures, and of those delivered), then its evaluated risks
  // with theirs (the plan's kinds, and those delivered and linked to the risk's factor).
  for (const [id, p] of plans) {
    const studentId = planStudent.get(id);
    if (studentId === undefined) continue;
    const d = dimsOf.get(studentId)!;
    const o = outcomes.get(id);
    const outcome = text(o, 'studentOutcome');
    const own = measuresOf.get(id) ?? [];
    const kinds = joined(own.map((m) => m.kind));
    const deliveredKinds = joined(own.filter((m) => m.delivered).map((m) => m.kind));
    const status = text(p, 'status') ?? '';
    cells.add('plansByStatus', status, d);
    if (outcome !== null) cells.add('outcomes', outcome, d);
    s.plan.run(senderId, period, senderId, id, studentId, status, outcome, d.gender, d.level, d.band, riskGroups.get(studentId)!, kinds, deliveredKinds);
    const seen = new Set<string>();
    for (const item of list(o, 'risks')) {
      const r = objectOf(item);
      const { key, group } = factorOf(text(r, 'riskFactorId') ?? '', text(r, 'group'));
      if (seen.has(key)) continue;
      seen.add(key);
      const reached = joined(own.filter((m) => m.delivered && m.keys.has(key)).map((m) => m.kind));
      s.riskOutcome.run(senderId, period, senderId, id, key, group, text(r, 'change'), d.band, kinds, reached);
    }
  }
  cells.write(s.overviewCount, senderId, period);
}

/** SQLite's BINARY collation on text: byte order of UTF-8 (JavaScript's default sort is UTF-16 code units). */
function binaryOrder(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
