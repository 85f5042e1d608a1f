/**
 * The factor and student rows of a school report's slice (stat_factor,
 * stat_student) built in JavaScript from the records the import has just
 * parsed and checked, instead of SQLite parsing each stored screening's JSON
 * again (json_each and ->> over ~2 KB a screening were 36% of the analytic
 * rebuild: docs/performance.md, "Sixth pass: import").
 *
 * The SQL of analytic-model.ts stays the definition (buildMissingAnalytics,
 * retention and a state report's slice use it); these rows follow its rules
 * line by line, and analytic-rows.test.ts holds the two equal on varied
 * packages (own factors, factors named otherwise, answers not present,
 * students never screened, vocational students, a second edition that
 * withdraws records).
 *
 * Only for a slice whose live records are exactly `records`: an accepted
 * package is a full snapshot of its sender's period, so after
 * ImportedStore.apply the live records are the package's.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
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

/** pumpurs_grade_band(grade, educationLevel) of analytic-model.ts. */
const bandOf = (student: Json): string => {
  const grade = student.grade;
  return gradeBand(typeof grade === 'number' && Number.isFinite(grade) ? grade : 0, student.educationLevel === 'vocational' ? 'vocational' : 'general');
};

const prepared = new WeakMap<Database.Database, { factor: Database.Statement; student: Database.Statement }>();

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
  };
  prepared.set(raw, found);
  return found;
}

/**
 * Writes the stat_factor and stat_student rows of a school report's slice (sender = the school) from its live records.
 * The slice's old rows must already be deleted (rebuildAnalytics does).
 */
export function insertFactorAndStudentRows(raw: Database.Database, senderId: string, period: string, records: readonly ParsedRecord[]): void {
  const students = new Map<string, Json>();
  const factors = new Map<string, Json>();
  const screenings: Json[] = [];
  for (const r of records) {
    if (r.type === 'student') students.set(r.id, r.value as Json);
    else if (r.type === 'riskFactor') factors.set(r.id, r.value as Json);
    else if (r.type === 'screening') screenings.push(r.value as Json);
  }
  const s = statementsOf(raw);

  // stat_factor: each answer 'present' of a screening whose student is held. The factor's key is its catalogue id
  // when the school report's factor record says so, otherwise 'group:' and its group (the record's, else the
  // answer's, else 'school'). INSERT OR IGNORE: one row per (student, key), the first as SQL's.
  const groupsOf = new Map<string, Set<string>>();
  const screened = new Set<string>();
  for (const sc of screenings) {
    const studentId = text(sc, 'studentId');
    if (studentId !== null) screened.add(studentId);
    const student = studentId === null ? undefined : students.get(studentId);
    if (student === undefined || studentId === null) continue;
    const answers = Array.isArray(sc.answers) ? (sc.answers as unknown[]) : [];
    for (const item of answers) {
      const a = item !== null && typeof item === 'object' ? (item as Json) : undefined;
      if (text(a, 'answer') !== 'present') continue;
      const id = text(a, 'riskFactorId');
      const f = id === null ? undefined : factors.get(id);
      const group = text(f, 'group') ?? text(a, 'group') ?? 'school';
      const key = text(f, 'source') === 'catalogue' ? (id as string) : `group:${group}`;
      const inserted = s.factor.run(
        senderId,
        period,
        senderId,
        studentId,
        key,
        group,
        text(student, 'gender') ?? '',
        text(student, 'educationLevel') ?? '',
        bandOf(student),
      );
      if (inserted.changes === 0) continue;
      let groups = groupsOf.get(studentId);
      if (groups === undefined) groupsOf.set(studentId, (groups = new Set()));
      groups.add(group);
    }
  }

  // stat_student: every live student, screened when a screening names it, at risk when it has a factor row;
  // its groups distinct, sorted (SQLite's binary order: the groups are ASCII), comma-separated.
  for (const [id, student] of students) {
    const groups = groupsOf.get(id);
    const riskGroups = groups === undefined ? '' : [...groups].sort(binaryOrder).join(',');
    s.student.run(
      senderId,
      period,
      senderId,
      id,
      text(student, 'gender') ?? '',
      text(student, 'educationLevel') ?? '',
      bandOf(student),
      screened.has(id) ? 1 : 0,
      groups === undefined ? 0 : 1,
      riskGroups,
    );
  }
}

/** SQLite's BINARY collation on text: byte order of UTF-8 (JavaScript's default sort is UTF-16 code units). */
function binaryOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
