/**
 * Record validation for an import: after the format layer has verified,
 * decrypted and bound the data files, every record must pass its type's
 * strict schema, ids must be unique per type, every reference must resolve
 * inside the package, period-bound records must belong to the package's
 * period, and every student must be referred to by a screening or a plan
 * (the school report's scope). Any failure refuses the whole package with RECORD_INVALID (detail:
 * a constant naming the check and the file, never text from the package).
 */
import {
  RECORD_FILES,
  RECORD_TYPES,
  type DeliveryRecord,
  type MeasureRecord,
  type OutcomeRecord,
  type PlanRecord,
  type RecordType,
  type RiskFactorRecord,
  type ScreeningRecord,
} from '../../../src-shared/domain/exchange';
import type { OrgMode } from '../../../src-shared/domain/organisation';
import type { PackageRecord, Refusal } from '../../package-format/index';
import { isExportable } from './exportable';

export interface IncomingRecord {
  type: RecordType;
  id: string;
  version: number;
  updatedAt: string | null;
  /** Canonical JSON of the validated record: what the store keeps and compares. */
  json: string;
  /** The validated record itself (`json` is its canonical JSON): the analytic rows are built from it (analytic-rows.ts). */
  value: unknown;
}

export type ValidatedRecords = { ok: true; records: IncomingRecord[]; counts: Record<RecordType, number> } | { ok: false; refusal: Refusal };

const invalid = (detail: string): ValidatedRecords => ({ ok: false, refusal: { code: 'RECORD_INVALID', detail } });

/** `files` as the reader returns them; `recipientKind` is ours (the state validates pseudonymous students). */
export function validateReportRecords(files: Record<string, PackageRecord[]>, semesterId: string, recipientKind: OrgMode): ValidatedRecords {
  const expected = new Set<string>(Object.values(RECORD_FILES));
  for (const name of Object.keys(files)) if (!expected.has(name)) return invalid('file-unexpected');
  const parsed = {} as Record<RecordType, Array<{ id: string; version: number; updatedAt: string | null }>>;
  for (const type of RECORD_TYPES) {
    const lines = files[RECORD_FILES[type]];
    if (lines === undefined) return invalid('file-missing');
    const out: Array<{ id: string; version: number; updatedAt: string | null }> = [];
    const ids = new Set<string>();
    for (const line of lines) {
      // The record schema the recipient applies (recordSchemasFor), checked by hand with the schemas' own rules
      // (exportable.ts; exportable.test.ts holds the verdict equal to zod's, import-records.test.ts this function
      // equal to its zod version): zod and its copy of every record were ~6% of the import's CPU
      // (docs/performance.md, "Fifth pass: import"). The schemas transform nothing, so a record that passes is its
      // own parsed value.
      if (!isExportable(type, line, recipientKind)) return invalid(`${RECORD_FILES[type]}-schema`);
      const record = line as unknown as { id: string; version: number; updatedAt: string | null };
      if (ids.has(record.id)) return invalid(`${RECORD_FILES[type]}-duplicate-id`);
      ids.add(record.id);
      out.push(record);
    }
    parsed[type] = out;
  }
  const references = checkReferences(parsed, semesterId);
  if (references !== null) return invalid(references);

  const records: IncomingRecord[] = [];
  const counts = {} as Record<RecordType, number>;
  for (const type of RECORD_TYPES) {
    counts[type] = parsed[type].length;
    for (const r of parsed[type]) records.push({ type, id: r.id, version: r.version, updatedAt: r.updatedAt, json: recordJson(r), value: r });
  }
  return { ok: true, records, counts };
}

/** null when every reference resolves; otherwise the detail of the first that does not. */
function checkReferences(parsed: Record<RecordType, Array<{ id: string }>>, semesterId: string): string | null {
  const ids = (type: RecordType) => new Set(parsed[type].map((r) => r.id));
  const factors = new Map((parsed.riskFactor as RiskFactorRecord[]).map((f) => [f.id, f.group]));
  const kinds = ids('measureKind');
  const students = ids('student');
  const plans = new Map((parsed.plan as PlanRecord[]).map((p) => [p.id, p]));
  const measures = new Map((parsed.measure as MeasureRecord[]).map((m) => [m.id, m]));

  for (const s of parsed.screening as ScreeningRecord[]) {
    if (s.semesterId !== semesterId) return 'screenings-period';
    if (!students.has(s.studentId)) return 'screenings-student';
    const seen = new Set<string>();
    for (const a of s.answers) {
      if (factors.get(a.riskFactorId) !== a.group) return 'screenings-risk-factor';
      if (seen.has(a.riskFactorId)) return 'screenings-duplicate-answer';
      seen.add(a.riskFactorId);
    }
  }
  for (const p of plans.values()) {
    if (p.semesterId !== semesterId) return 'plans-period';
    if (!students.has(p.studentId)) return 'plans-student';
  }
  for (const m of measures.values()) {
    if (!plans.has(m.planId)) return 'measures-plan';
    if (!kinds.has(m.kindCode)) return 'measures-kind';
    if (m.riskFactorIds.some((f) => !factors.has(f))) return 'measures-risk-factor';
    if (new Set(m.riskFactorIds).size !== m.riskFactorIds.length) return 'measures-duplicate-risk';
  }
  for (const d of parsed.delivery as DeliveryRecord[]) if (!measures.has(d.measureId)) return 'deliveries-measure';
  for (const o of parsed.outcome as OutcomeRecord[]) {
    if (o.id !== o.planId || !plans.has(o.planId)) return 'outcomes-plan';
    if (o.measures.some((m) => measures.get(m.measureId)?.planId !== o.planId)) return 'outcomes-measure';
    if (o.risks.some((r) => !factors.has(r.riskFactorId))) return 'outcomes-risk-factor';
  }
  // The documented scope: a school reports the students its semester's screenings or plans refer
  // to, no one else. A package (re-signed by an enrolled key) carrying anyone more is refused
  // whole, so a school cannot store a register of other people at the municipality.
  const referred = new Set<string>([...(parsed.screening as ScreeningRecord[]).map((s) => s.studentId), ...[...plans.values()].map((p) => p.studentId)]);
  if ([...students].some((id) => !referred.has(id))) return 'students-unreferenced';
  return null;
}

/**
 * RFC 8785 canonical JSON of a validated record, without the general
 * library's cost (the importer writes hundreds of thousands): records hold
 * only objects, arrays, strings, finite numbers, booleans and null, for
 * which JCS is exactly JSON.stringify of each value with object keys sorted
 * by UTF-16 code units (the default sort). A test holds it equal to
 * canonicalJson.
 *
 * Fast path (the import profile showed this function as the importer's
 * largest own cost): objects of one shape share one sorted key plan (sorted
 * keys with their quoted prefixes), found by the object's own key list, so
 * the sort and the key quoting happen once per shape, not once per record.
 */
export function recordJson(value: unknown): string {
  // A record whose every object lists its keys in sorted order already (what a school's export writes:
  // school-report.ts) is its own canonical form, which JSON.stringify writes natively and as one flat string (the
  // one concatenated below was flattened again when SQLite bound it: docs/performance.md, "Seventh pass: import").
  return keysInOrder(value) ? JSON.stringify(value) : sortedJson(value);
}

/** Whether every object in `value` iterates its keys (as JSON.stringify writes them) in strictly increasing UTF-16 order. */
function keysInOrder(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!keysInOrder(item)) return false;
    return true;
  }
  const object = value as Record<string, unknown>;
  let previous: string | null = null;
  for (const key of Object.keys(object)) {
    if (previous !== null && !(previous < key)) return false;
    previous = key;
    if (!keysInOrder(object[key])) return false;
  }
  return true;
}

/** recordJson for a value with keys out of order: each object's keys sorted by a plan shared per shape. */
function sortedJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + (sortedJson(value[i]) ?? 'null');
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const plan = keyPlan(Object.keys(object));
  let out = '{';
  let first = true;
  for (const [key, quoted] of plan) {
    const item = object[key];
    if (item === undefined) continue;
    out += (first ? '' : ',') + quoted + sortedJson(item);
    first = false;
  }
  return `${out}}`;
}

const MAX_PLANS = 1_000;
/** Shapes kept per first key: records of one kind differ in a few optional fields at most (they are checked first). */
const MAX_PLANS_PER_FIRST_KEY = 16;
interface KeyPlan {
  /** The key list the plan was made for, in the object's own order. */
  keys: readonly string[];
  /** Sorted by UTF-16 code units, each with its JSON spelling and colon. */
  sorted: ReadonlyArray<readonly [string, string]>;
}
const plans = new Map<string, KeyPlan[]>();
let planCount = 0;

/**
 * Looked up by the object's first key, then by comparing its whole key list
 * with the few plans of that first key: JSON.parse gives every key of one
 * spelling the same internalised string, so the comparison is mostly by
 * reference. (Joining the keys into one lookup string cost ~30% of this
 * function: docs/performance.md, "Sixth pass: import".)
 */
function keyPlan(keys: string[]): KeyPlan['sorted'] {
  const first = keys.length === 0 ? '' : keys[0]!;
  const known = plans.get(first);
  if (known !== undefined) for (const plan of known) if (sameKeys(plan.keys, keys)) return plan.sorted;
  const sorted = [...keys].sort().map((key) => [key, `${JSON.stringify(key)}:`] as const);
  if (known !== undefined && known.length >= MAX_PLANS_PER_FIRST_KEY) return sorted;
  if (planCount >= MAX_PLANS) {
    plans.clear();
    planCount = 0;
  }
  const list = plans.get(first);
  if (list === undefined) plans.set(first, [{ keys, sorted }]);
  else list.push({ keys, sorted });
  planCount++;
  return sorted;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
