/**
 * TEST ONLY: the summary counts of migrations 0014 and 0015 (stat_unit_total,
 * stat_effect_count, stat_overview_count, stat_overview_all, stat_overview_measure) as held, and as a full rebuild from the analytic rows
 * makes them (built and rolled back), to hold the counts each import keeps
 * equal to the rows they sum. And random state reports held as imported
 * records, to build the analytic model from.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_MEASURE_KIND_CODES } from '../../../../src-shared/domain/state-report';
import { rebuildSummaries } from '../analytic-model';

type Raw = Database.Database;
export type SummarySnapshot = { units: string[]; effects: string[]; overviewCells: string[]; overviewAll: string[]; overviewMeasures: string[] };

export function summarySnapshot(raw: Raw): SummarySnapshot {
  const rows = (sql: string) => (raw.prepare(sql).all() as object[]).map((r) => JSON.stringify(r)).sort();
  return {
    units: rows('SELECT * FROM stat_unit_total'),
    effects: rows('SELECT * FROM stat_effect_count'),
    overviewCells: rows('SELECT * FROM stat_overview_count'),
    overviewAll: rows('SELECT * FROM stat_overview_all'),
    overviewMeasures: rows('SELECT * FROM stat_overview_measure'),
  };
}

/** The summaries a full rebuild from the analytic rows held gives (the database is left as it was). */
export function rebuiltSummarySnapshot(raw: Raw): SummarySnapshot {
  raw.exec('SAVEPOINT summaries');
  try {
    rebuildSummaries(raw);
    return summarySnapshot(raw);
  } finally {
    raw.exec('ROLLBACK TO summaries; RELEASE summaries');
  }
}

const GROUPS = ['school', 'personal', 'family', 'economic'] as const;
const OUTCOMES = ['continues', 'extendedYear', 'repeatsYear', 'movedSchool', 'leftEducation', 'graduated'];
const CHANGES = ['lessened', 'unchanged', 'increased'];
const CATEGORIES = ['consultation', 'compensation', 'ngo'] as const;

/**
 * Holds a random state report of (sender, period) as imported records (a
 * sender's second edition replaces the first: its old records are deleted),
 * as a municipality's report to the state carries them: schools, students,
 * screenings with present factors, plans, outcomes with evaluated risks,
 * measures (a default kind or none: '<category>.other') with deliveries
 * summed and linked risks. Returns nothing; rebuild the slice after.
 */
export function holdRandomStateReport(raw: Raw, r: () => number, senderId: string, period: string, students: number): void {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const packageId = `pk-${senderId}-${period}-${Math.floor(r() * 1e9)}`;
  raw
    .prepare(
      "INSERT OR IGNORE INTO exchange_org (id, kind, name, role, enrolled_at, enrolled_by, updated_at) VALUES (?, 'municipality', ?, 'sender', 'x', 'u', 'x')",
    )
    .run(senderId, senderId);
  const seq = (raw.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM exchange_import WHERE sender_id = ?').get(senderId) as { n: number }).n;
  raw
    .prepare(
      `INSERT INTO exchange_import (package_id, sender_id, seq, prev_sums, sums_hash, signer_key_id, kind, period, created_at, imported_at, operator_id, operator_name, summary, warnings)
       VALUES (?, ?, ?, NULL, ?, ?, 'state-report', ?, 'x', 'x', 'u', 'u', '{}', '[]')`,
    )
    .run(packageId, senderId, seq, 'a'.repeat(64), 'b'.repeat(64), period);
  raw.prepare('DELETE FROM imported_record WHERE sender_id = ? AND period = ?').run(senderId, period);
  const insert = raw.prepare(
    "INSERT INTO imported_record (sender_id, period, record_type, record_id, version, record, package_id, imported_at) VALUES (?, ?, ?, ?, 1, ?, ?, 'x')",
  );
  const record = (type: string, id: string, json: object) => insert.run(senderId, period, type, id, JSON.stringify({ id, ...json }), packageId);
  const schools = [`${senderId}-a`, `${senderId}-b`, `${senderId}-c`];
  for (const s of schools) record('school', s, { name: s });
  const kinds = [...DEFAULT_MEASURE_KIND_CODES.slice(0, 4), null];
  for (let i = 0; i < students; i++) {
    const id = `st${i}`;
    const level = r() < 0.2 ? 'vocational' : 'general';
    record('student', id, { schoolId: pick(schools), gender: pick(['female', 'male']), educationLevel: level, grade: 1 + Math.floor(r() * 12) });
    if (r() < 0.15) continue;
    const present =
      r() < 0.4 ? [] : [...new Set([pick(GROUPS), pick(GROUPS)])].map((g) => ({ riskFactorId: r() < 0.8 ? `${g}.f${Math.floor(r() * 3)}` : null, group: g }));
    record('screening', `sc-${id}`, { studentId: id, present });
    if (present.length === 0 || r() < 0.3) continue;
    const planId = `p-${id}`;
    record('plan', planId, { studentId: id, status: pick(['approved', 'active', 'inactive']) });
    const measures = 1 + Math.floor(r() * 3);
    for (let m = 0; m < measures; m++) {
      const code = pick(kinds);
      const category = code === null ? pick(CATEGORIES) : code.split('.')[0];
      const delivered = r() < 0.7 ? 1 + Math.floor(r() * 5) : 0;
      record('measure', `${planId}-m${m}`, {
        planId,
        kindCode: code,
        category,
        deliveries: delivered,
        deliveredMinutes: delivered * 45,
        deliveredCents: delivered * 100,
        // Planned figures, and (a compensation only, not always) approved and paid cents: absent is NULL in the model.
        ...(r() < 0.8 ? { plannedMinutes: 45 * (1 + Math.floor(r() * 10)), plannedCents: 100 * Math.floor(r() * 50) } : {}),
        ...(category === 'compensation' && r() < 0.5 ? { approvedCents: 100 * Math.floor(r() * 40) } : {}),
        ...(category === 'compensation' && r() < 0.3 ? { paidCents: 100 * Math.floor(r() * 30) } : {}),
        risks: present.filter(() => r() < 0.6),
      });
    }
    if (r() < 0.8) record('outcome', planId, { planId, studentOutcome: pick(OUTCOMES), risks: present.map((p) => ({ ...p, change: pick(CHANGES) })) });
  }
}
