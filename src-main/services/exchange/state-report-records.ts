/**
 * Record validation for a state report at the state: every record passes
 * its strict schema (state-report.ts in src-shared), ids are unique per
 * type, every reference resolves inside the package, and a state vocational
 * school reports on itself only. Any failure refuses the whole package with
 * RECORD_INVALID (detail: a constant, never text from the package).
 */
import {
  STATE_RECORD_FILES,
  STATE_RECORD_SCHEMAS,
  STATE_RECORD_TYPES,
  type StateMeasureRecord,
  type StateOutcomeRecord,
  type StatePlanRecord,
  type StateRecordType,
  type StateScreeningRecord,
  type StateStudentRecord,
} from '../../../src-shared/domain/state-report';
import type { OrgRef } from '../../../src-shared/domain/exchange';
import type { PackageRecord } from '../../package-format/index';
import { recordJson, type IncomingRecord, type ValidatedRecords } from './import-records';

const invalid = (detail: string): ValidatedRecords => ({ ok: false, refusal: { code: 'RECORD_INVALID', detail } });

export function validateStateRecords(files: Record<string, PackageRecord[]>, sender: Pick<OrgRef, 'id' | 'kind'>): ValidatedRecords {
  const expected = new Set<string>(Object.values(STATE_RECORD_FILES));
  for (const name of Object.keys(files)) if (!expected.has(name)) return invalid('file-unexpected');
  const parsed = {} as Record<StateRecordType, Array<{ id: string }>>;
  for (const type of STATE_RECORD_TYPES) {
    const lines = files[STATE_RECORD_FILES[type]];
    if (lines === undefined) return invalid('file-missing');
    const ids = new Set<string>();
    const out: Array<{ id: string }> = [];
    for (const line of lines) {
      const result = STATE_RECORD_SCHEMAS[type].safeParse(line);
      if (!result.success) return invalid(`${STATE_RECORD_FILES[type]}-schema`);
      if (ids.has(result.data.id)) return invalid(`${STATE_RECORD_FILES[type]}-duplicate-id`);
      ids.add(result.data.id);
      out.push(result.data);
    }
    parsed[type] = out;
  }
  const problem = checkReferences(parsed, sender);
  if (problem !== null) return invalid(problem);
  const records: IncomingRecord[] = [];
  const counts = {} as Record<StateRecordType, number>;
  for (const type of STATE_RECORD_TYPES) {
    counts[type] = parsed[type].length;
    // Not versioned: the sender's sequence orders its snapshots, the newest wins.
    for (const r of parsed[type]) records.push({ type: type as IncomingRecord['type'], id: r.id, version: 1, updatedAt: null, json: recordJson(r), value: r });
  }
  return { ok: true, records, counts: counts as unknown as Extract<ValidatedRecords, { ok: true }>['counts'] };
}

function checkReferences(parsed: Record<StateRecordType, Array<{ id: string }>>, sender: Pick<OrgRef, 'id' | 'kind'>): string | null {
  const schools = new Set(parsed.school.map((s) => s.id));
  if (sender.kind === 'school' && (schools.size > 1 || (schools.size === 1 && !schools.has(sender.id)))) return 'schools-not-sender';
  const students = new Set<string>();
  for (const s of parsed.student as StateStudentRecord[]) {
    if (!schools.has(s.schoolId)) return 'students-school';
    students.add(s.id);
  }
  for (const s of parsed.screening as StateScreeningRecord[]) if (!students.has(s.studentId)) return 'screenings-student';
  const plans = new Set<string>();
  for (const p of parsed.plan as StatePlanRecord[]) {
    if (!students.has(p.studentId)) return 'plans-student';
    plans.add(p.id);
  }
  const measurePlan = new Map<string, string>();
  for (const m of parsed.measure as StateMeasureRecord[]) {
    if (!plans.has(m.planId)) return 'measures-plan';
    measurePlan.set(m.id, m.planId);
  }
  for (const o of parsed.outcome as StateOutcomeRecord[]) {
    if (o.id !== o.planId || !plans.has(o.planId)) return 'outcomes-plan';
    if (o.measures.some((m) => measurePlan.get(m.measureId) !== o.planId)) return 'outcomes-measure';
  }
  return null;
}
