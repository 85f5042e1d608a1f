/**
 * The typed rows of the decision queue (migration 0012): one per live
 * imported plan of a school report, with its student's grade and class
 * label, and one per live imported measure, with the category its sender's
 * measure kind record gives. Rebuilt per (sender, period) in the same
 * transaction as each import (import-service.ts), so opening the queue
 * reads plain columns and never parses JSON. The SQL is the migration's
 * backfill, restricted to one sender and period.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

type Raw = Database.Database;

const prepared = new WeakMap<Raw, Database.Statement[]>();

/** The rebuild's statements, prepared once per connection (each import calls it once per package). */
function statementsOf(raw: Raw): Database.Statement[] {
  let found = prepared.get(raw);
  if (found) return found;
  found = [
    raw.prepare('DELETE FROM queue_plan WHERE period = $period AND sender_id = $sender'),
    raw.prepare('DELETE FROM queue_measure WHERE period = $period AND sender_id = $sender'),
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
  ];
  prepared.set(raw, found);
  return found;
}

/** Replaces the queue rows of (sender, period) with ones derived from its live imported records. Run inside the import's transaction. */
export function rebuildQueue(raw: Raw, senderId: string, period: string): void {
  for (const statement of statementsOf(raw)) statement.run({ sender: senderId, period });
}
