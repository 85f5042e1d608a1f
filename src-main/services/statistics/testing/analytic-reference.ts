/**
 * TEST ONLY: the analytic model as it was first written (issue 11), record
 * by record in JavaScript. Kept as the reference that the set-based SQL of
 * analytic-model.ts is held equal to (analytic-model.test.ts); the app does
 * not use it.
 */
/**
 * The analytic model of a municipality and the state (migration 0011):
 * typed rows derived from what a sender sent for a period, rebuilt in the
 * same transaction as each import (import-service.ts calls rebuildAnalytics
 * right after the records are written), so every dashboard query reads
 * plain columns and never parses JSON.
 *
 * Both package kinds are normalised to one shape:
 * - a school's report at its municipality (sender = the school): risk
 *   factors by id (a school's own factor as its group only, as at the
 *   state), deliveries summed per measure;
 * - the report to the state (sender = a municipality or a state vocational
 *   school): the records as minimised at the sender.
 * A kind a school added itself becomes '<category>.other' in both.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_MEASURE_KIND_CODES } from '../../../../src-shared/domain/state-report';
import { gradeBand } from '../../../../src-shared/domain/statistics/grade-band';
import { fillEffectColumns } from '../analytic-model';

type Raw = Database.Database;
const DEFAULT_KINDS = new Set(DEFAULT_MEASURE_KIND_CODES);
const CATEGORIES = new Set(['consultation', 'compensation', 'ngo']);

interface Dims {
  schoolId: string;
  gender: string;
  educationLevel: string;
  gradeBand: string;
}

/** A factor's key: the catalogue id, or 'group:<group>' for a factor the school added (or one the sender did not name). */
export const factorKey = (riskFactorId: string | null, group: string, catalogue = true): string =>
  riskFactorId !== null && catalogue ? riskFactorId : `group:${group}`;

const kindOf = (kindCode: string | null, category: string): string => (kindCode !== null && DEFAULT_KINDS.has(kindCode) ? kindCode : `${category}.other`);

type Rec = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const DELETE_TABLES = ['stat_student', 'stat_factor', 'stat_plan', 'stat_measure', 'stat_measure_risk', 'stat_risk_outcome'] as const;

/** Replaces the analytic rows of (sender, period) with ones derived from its live imported records. Run inside the import's transaction. */
export function rebuildAnalytics(raw: Raw, senderId: string, period: string, at: string): void {
  for (const t of DELETE_TABLES) raw.prepare(`DELETE FROM ${t} WHERE sender_id = ? AND period = ?`).run(senderId, period);
  const rows = raw
    .prepare('SELECT record_type, record FROM imported_record WHERE sender_id = ? AND period = ? AND withdrawn_at IS NULL')
    .all(senderId, period) as {
    record_type: string;
    record: string;
  }[];
  const by = new Map<string, Rec[]>();
  for (const r of rows) {
    const list = by.get(r.record_type) ?? [];
    list.push(JSON.parse(r.record) as Rec);
    by.set(r.record_type, list);
  }
  const list = (type: string) => by.get(type) ?? [];
  const isStateReport = by.has('school') || !by.has('riskFactor');

  // Factors the school report names: catalogue or the school's own (group only).
  const factors = new Map(list('riskFactor').map((f) => [str(f.id), { group: str(f.group), catalogue: f.source === 'catalogue' }]));
  const keyOfSchoolFactor = (id: string, group?: string) => {
    const f = factors.get(id);
    return { key: factorKey(id, f?.group ?? group ?? 'school', f?.catalogue ?? false), group: f?.group ?? group ?? 'school' };
  };
  const refKey = (ref: unknown) => {
    const r = ref as { riskFactorId: string | null; group: string };
    return { key: factorKey(r.riskFactorId, r.group), group: r.group };
  };

  // Students and their breakdown values.
  const students = new Map<string, Dims>();
  for (const s of list('student')) {
    const educationLevel = str(s.educationLevel);
    students.set(str(s.id), {
      schoolId: isStateReport ? str(s.schoolId) : senderId,
      gender: str(s.gender),
      educationLevel,
      gradeBand: gradeBand(num(s.grade), educationLevel === 'vocational' ? 'vocational' : 'general'),
    });
  }

  // Screenings: the factors found present, per student.
  const present = new Map<string, Map<string, string>>();
  const screened = new Set<string>();
  for (const sc of list('screening')) {
    const studentId = str(sc.studentId);
    if (!students.has(studentId)) continue;
    screened.add(studentId);
    const found = present.get(studentId) ?? new Map<string, string>();
    if (isStateReport) {
      for (const ref of (sc.present as unknown[] | undefined) ?? []) {
        const { key, group } = refKey(ref);
        found.set(key, group);
      }
    } else {
      for (const a of (sc.answers as Array<{ riskFactorId: string; group: string; answer: string }> | undefined) ?? []) {
        if (a.answer !== 'present') continue;
        const { key, group } = keyOfSchoolFactor(a.riskFactorId, a.group);
        found.set(key, group);
      }
    }
    present.set(studentId, found);
  }
  const groupsOf = (studentId: string) => [...new Set(present.get(studentId)?.values() ?? [])].sort().join(',');

  const insStudent = raw.prepare(
    'INSERT INTO stat_student (sender_id, period, school_id, student_id, gender, education_level, grade_band, screened, at_risk, risk_groups) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insFactor = raw.prepare(
    'INSERT OR IGNORE INTO stat_factor (sender_id, period, school_id, student_id, factor_key, risk_group, gender, education_level, grade_band) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const [id, d] of students) {
    const found = present.get(id);
    insStudent.run(
      senderId,
      period,
      d.schoolId,
      id,
      d.gender,
      d.educationLevel,
      d.gradeBand,
      screened.has(id) ? 1 : 0,
      found && found.size > 0 ? 1 : 0,
      groupsOf(id),
    );
    for (const [key, group] of found ?? []) insFactor.run(senderId, period, d.schoolId, id, key, group, d.gender, d.educationLevel, d.gradeBand);
  }

  // Plans, with their semester-end outcome.
  const outcomes = new Map(list('outcome').map((o) => [str(o.planId), o]));
  const planStudent = new Map<string, string>();
  const insPlan = raw.prepare(
    'INSERT INTO stat_plan (sender_id, period, school_id, plan_id, student_id, status, outcome, gender, education_level, grade_band, risk_groups) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insRiskOutcome = raw.prepare(
    'INSERT OR IGNORE INTO stat_risk_outcome (sender_id, period, school_id, plan_id, factor_key, risk_group, change, grade_band) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const p of list('plan')) {
    const planId = str(p.id);
    const studentId = str(p.studentId);
    const d = students.get(studentId);
    if (!d) continue;
    planStudent.set(planId, studentId);
    const o = outcomes.get(planId);
    const outcome = o && typeof o.studentOutcome === 'string' ? o.studentOutcome : null;
    insPlan.run(senderId, period, d.schoolId, planId, studentId, str(p.status), outcome, d.gender, d.educationLevel, d.gradeBand, groupsOf(studentId));
    for (const r of (o?.risks as Array<{ riskFactorId: string | null; group?: string; change: string }> | undefined) ?? []) {
      const { key, group } = isStateReport ? refKey(r) : keyOfSchoolFactor(r.riskFactorId ?? '', r.group);
      insRiskOutcome.run(senderId, period, d.schoolId, planId, key, group, r.change, d.gradeBand);
    }
  }

  // Measures: planned, delivered (summed from deliveries at the municipality), approved and paid (state).
  const delivered = new Map<string, { n: number; minutes: number; cents: number }>();
  for (const dl of list('delivery')) {
    const t = delivered.get(str(dl.measureId)) ?? { n: 0, minutes: 0, cents: 0 };
    t.n++;
    t.minutes += num(dl.minutes);
    t.cents += num(dl.cents);
    delivered.set(str(dl.measureId), t);
  }
  const kinds = new Map(list('measureKind').map((k) => [str(k.id), str(k.category)]));
  const insMeasure = raw.prepare(
    `INSERT INTO stat_measure (sender_id, period, school_id, measure_id, plan_id, kind_code, category, planned_minutes, planned_cents, deliveries, delivered_minutes, delivered_cents,
       approved_cents, paid_cents, gender, education_level, grade_band) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insMeasureRisk = raw.prepare('INSERT OR IGNORE INTO stat_measure_risk (sender_id, period, measure_id, factor_key) VALUES (?, ?, ?, ?)');
  for (const m of list('measure')) {
    const measureId = str(m.id);
    const planId = str(m.planId);
    const studentId = planStudent.get(planId);
    const d = studentId === undefined ? undefined : students.get(studentId);
    if (!d) continue;
    const code = m.kindCode === null ? null : str(m.kindCode);
    const prefix = code?.split('.')[0] ?? '';
    const category = isStateReport ? str(m.category) : (kinds.get(code ?? '') ?? (CATEGORIES.has(prefix) ? prefix : 'consultation'));
    const t = isStateReport
      ? { n: num(m.deliveries), minutes: num(m.deliveredMinutes), cents: num(m.deliveredCents) }
      : (delivered.get(measureId) ?? { n: 0, minutes: 0, cents: 0 });
    insMeasure.run(
      senderId,
      period,
      d.schoolId,
      measureId,
      planId,
      kindOf(code, category),
      category,
      num(m.plannedMinutes),
      num(m.plannedCents),
      t.n,
      t.minutes,
      t.cents,
      isStateReport ? numOrNull(m.approvedCents) : null,
      isStateReport ? numOrNull(m.paidCents) : null,
      d.gender,
      d.educationLevel,
      d.gradeBand,
    );
    if (isStateReport) for (const ref of (m.risks as unknown[] | undefined) ?? []) insMeasureRisk.run(senderId, period, measureId, refKey(ref).key);
    else for (const f of (m.riskFactorIds as string[] | undefined) ?? []) insMeasureRisk.run(senderId, period, measureId, keyOfSchoolFactor(f).key);
  }
  // The effect columns (migration 0012) are filled by the same SQL as the import's.
  fillEffectColumns(raw, { senderId, period });
  raw
    .prepare(
      'INSERT INTO stat_source (sender_id, period, built_at) VALUES (?, ?, ?) ON CONFLICT (sender_id, period) DO UPDATE SET built_at = excluded.built_at',
    )
    .run(senderId, period, at);
}

/** Builds every (sender, period) that holds imported records but no analytic rows yet (data imported before migration 0011). */
export function buildMissingAnalytics(raw: Raw, at: string): number {
  const missing = raw
    .prepare(
      'SELECT DISTINCT r.sender_id, r.period FROM imported_record r WHERE NOT EXISTS (SELECT 1 FROM stat_source s WHERE s.sender_id = r.sender_id AND s.period = r.period)',
    )
    .all() as { sender_id: string; period: string }[];
  if (missing.length === 0) return 0;
  raw.transaction(() => {
    for (const m of missing) rebuildAnalytics(raw, m.sender_id, m.period, at);
  })();
  return missing.length;
}
