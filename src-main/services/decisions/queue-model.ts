/**
 * The typed rows of the decision queue (migration 0012): one per live
 * imported plan of a school report, with its student's grade and class
 * label, and one per live imported measure, with the category its sender's
 * measure kind record gives. Rebuilt per (sender, period) in the same
 * transaction as each import (import-service.ts), so opening the queue
 * reads plain columns and never parses JSON. The SQL is the migration's
 * backfill, restricted to one sender and period, and stays the definition.
 *
 * The import hands over the slice's live records as it parsed them (a
 * package is a full snapshot of its sender's period), and the rows are then
 * built from those in JavaScript by the SQL's rules instead of SQLite
 * parsing the stored JSON again (docs/performance.md, "Seventh pass").
 * queue-model.test.ts holds the two paths equal, table for table.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { recordJson } from '../exchange/import-records';
import type { ParsedRecord } from '../statistics/analytic-rows';

type Raw = Database.Database;

const prepared = new WeakMap<
  Raw,
  {
    deletes: Database.Statement[];
    fromJson: Database.Statement[];
    plan: Database.Statement;
    measure: Database.Statement;
    heldStudent: Database.Statement<unknown[], StudentColumns>;
  }
>();

interface StudentColumns {
  grade: unknown;
  classLabel: unknown;
}

/** The rebuild's statements, prepared once per connection (each import calls it once per package). */
function statementsOf(raw: Raw) {
  let found = prepared.get(raw);
  if (found) return found;
  found = {
    deletes: [
      raw.prepare('DELETE FROM queue_plan WHERE period = $period AND sender_id = $sender'),
      raw.prepare('DELETE FROM queue_measure WHERE period = $period AND sender_id = $sender'),
    ],
    fromJson: [
      raw.prepare(
        `INSERT INTO queue_plan (sender_id, period, plan_id, code, status, updated_at, grade, class_label)
        SELECT p.sender_id, p.period, p.record_id, json_extract(p.record, '$.code'), json_extract(p.record, '$.status'), json_extract(p.record, '$.updatedAt'),
          json_extract(s.record, '$.grade'), json_extract(s.record, '$.classLabel')
        FROM imported_record p
        LEFT JOIN imported_record s ON s.sender_id = p.sender_id AND s.period = p.period AND s.record_type = 'student' AND s.record_id = json_extract(p.record, '$.studentId')
        WHERE p.sender_id = $sender AND p.period = $period AND p.record_type = 'plan' AND p.withdrawn_at IS NULL AND json_type(p.record, '$.code') = 'text'`,
      ),
      raw.prepare(
        `INSERT INTO queue_measure (sender_id, period, plan_id, measure_id, kind_code, category, planned_cents, updated_at)
        SELECT m.sender_id, m.period, json_extract(m.record, '$.planId'), m.record_id, json_extract(m.record, '$.kindCode'), json_extract(k.record, '$.category'),
          json_extract(m.record, '$.plannedCents'), json_extract(m.record, '$.updatedAt')
        FROM imported_record m
        LEFT JOIN imported_record k ON k.sender_id = m.sender_id AND k.period = m.period AND k.record_type = 'measureKind' AND k.record_id = json_extract(m.record, '$.kindCode') AND k.withdrawn_at IS NULL
        WHERE m.sender_id = $sender AND m.period = $period AND m.record_type = 'measure' AND m.withdrawn_at IS NULL
          AND json_type(m.record, '$.kindCode') = 'text' AND json_type(m.record, '$.updatedAt') = 'text'`,
      ),
    ],
    plan: raw.prepare('INSERT INTO queue_plan (sender_id, period, plan_id, code, status, updated_at, grade, class_label) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    measure: raw.prepare(
      'INSERT INTO queue_measure (sender_id, period, plan_id, measure_id, kind_code, category, planned_cents, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    // The plan SQL joins the student record whether withdrawn or not: a plan whose student is not among the live records reads it here.
    heldStudent: raw.prepare<unknown[], StudentColumns>(
      `SELECT json_extract(record, '$.grade') AS grade, json_extract(record, '$.classLabel') AS classLabel
       FROM imported_record WHERE sender_id = ? AND period = ? AND record_type = 'student' AND record_id = ?`,
    ),
  };
  prepared.set(raw, found);
  return found;
}

/**
 * Replaces the queue rows of (sender, period) with ones derived from its live imported records. Run inside the import's transaction.
 *
 * `live`: the slice's live records as the caller parsed them, when it holds exactly those (the import, right after
 * ImportedStore.apply). The rows are then built from them (insertQueueRows) instead of by the SQL. A state report's
 * records yield no row either way: its plans carry no code and its measures no updatedAt (strict schemas).
 */
export function rebuildQueue(raw: Raw, senderId: string, period: string, live?: readonly ParsedRecord[]): void {
  const s = statementsOf(raw);
  const key = { sender: senderId, period };
  for (const d of s.deletes) d.run(key);
  if (live === undefined) for (const statement of s.fromJson) statement.run(key);
  else insertQueueRows(s, senderId, period, live);
}

type Json = Record<string, unknown>;
type Bound = string | number | bigint | null;

/**
 * What json_extract gives for a member, as a value to bind: text, an integer (as a BigInt, so that it is stored as
 * SQLite's integer would be, in a text column too), a real, 1/0 for a boolean, the JSON text of an array or object,
 * null when absent.
 */
function extracted(v: unknown): Bound {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? BigInt(v) : v;
    case 'boolean':
      return v ? 1n : 0n;
    case 'object':
      return v === null ? null : recordJson(v);
    default:
      return null;
  }
}

/**
 * The queue rows of the slice whose live records are `live`, by the rules of the SQL above: a plan with a text code,
 * with the grade and class label of the student its studentId names; a measure with a text kindCode and a text
 * updatedAt, with the category of the live measureKind record of that code (NULL when none). The other values as
 * json_extract reads them.
 */
function insertQueueRows(s: ReturnType<typeof statementsOf>, senderId: string, period: string, live: readonly ParsedRecord[]): void {
  const students = new Map<string, Json>();
  const kinds = new Map<string, Json>();
  const plans: ParsedRecord[] = [];
  const measures: ParsedRecord[] = [];
  for (const r of live) {
    const value = r.value as Json;
    switch (r.type) {
      case 'student':
        students.set(r.id, value);
        break;
      case 'measureKind':
        kinds.set(r.id, value);
        break;
      case 'plan':
        if (typeof value.code === 'string') plans.push(r);
        break;
      case 'measure':
        if (typeof value.kindCode === 'string' && typeof value.updatedAt === 'string') measures.push(r);
        break;
    }
  }
  for (const { id, value } of plans) {
    const p = value as Json;
    const studentId = p.studentId;
    let grade: Bound = null;
    let classLabel: Bound = null;
    const student = typeof studentId === 'string' ? students.get(studentId) : undefined;
    if (student !== undefined) {
      grade = extracted(student.grade);
      classLabel = extracted(student.classLabel);
    } else if (studentId !== undefined && studentId !== null) {
      // Never after an import (a package's plans name students of the package): a student no longer live, or a reference in another JSON type.
      const held = s.heldStudent.get(senderId, period, extracted(studentId));
      if (held !== undefined) {
        grade = extracted(held.grade);
        classLabel = extracted(held.classLabel);
      }
    }
    s.plan.run(senderId, period, id, p.code as string, extracted(p.status), extracted(p.updatedAt), grade, classLabel);
  }
  for (const { id, value } of measures) {
    const m = value as Json;
    const kindCode = m.kindCode as string;
    s.measure.run(
      senderId,
      period,
      extracted(m.planId),
      id,
      kindCode,
      extracted(kinds.get(kindCode)?.category),
      extracted(m.plannedCents),
      m.updatedAt as string,
    );
  }
}
