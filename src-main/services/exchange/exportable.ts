/**
 * The school's own check of its outgoing records, before anything is
 * written: every record must pass the schema its recipient applies
 * (src-shared/domain/exchange.ts), so that the school is told which record
 * cannot travel (a soft hyphen pasted into a class label, say) instead of
 * the municipality refusing the whole package with no record named.
 *
 * The same rules as the zod record schemas, checked by hand: zod was a
 * fifth of an export's CPU (docs/performance.md, "Fourth pass: export"),
 * this is a small fraction of it. The importer checks incoming records with
 * `isExportable` too, for its own kind (import-records.ts; zod and its copy
 * of every record were ~6% of an import). The two cannot drift unnoticed:
 * exportable.test.ts checks that both give the same verdict on random and
 * mutated records of every type, and that each type names
 * the same fields as its schema. The grammars are the schemas' own
 * constants, and dates and instants use the same functions.
 */
import {
  LABEL_FORBIDDEN,
  PERSONAL_CODE,
  PSEUDONYM,
  RECORD_ID,
  RECORD_MAX_CENTS,
  RECORD_TYPES,
  SEMESTER_ID,
  type RecordType,
} from '../../../src-shared/domain/exchange';
import { isIsoDate } from '../../../src-shared/domain/iso-date';
import { isIsoInstant } from '../../../src-shared/domain/iso-instant';
import { MEASURE_CATEGORIES } from '../../../src-shared/domain/measure-kinds';
import type { OrgMode } from '../../../src-shared/domain/organisation';
import { PLAN_STATUSES } from '../../../src-shared/domain/plan-lifecycle';
import { RISK_GROUPS } from '../../../src-shared/domain/risk-catalogue';
import { ANSWERS } from '../../../src-shared/domain/screening';
import { DELIVERED_LEVELS, RISK_CHANGES, STUDENT_OUTCOMES } from '../../../src-shared/domain/semester-end';
import { EDUCATION_LEVELS, GENDERS, STUDENT_STATUSES } from '../../../src-shared/domain/student';
import { AppError } from '../../../src-shared/ipc/result';

/** One field's rule: true when the value passes. */
type Rule = (value: unknown) => boolean;
/** A strict object's fields (an optional one may be left out or undefined). */
interface Shape {
  required: Readonly<Record<string, Rule>>;
  optional: Readonly<Record<string, Rule>>;
}

const isString = (v: unknown): v is string => typeof v === 'string';

// ---- the string rules' verdicts, kept for the length of one checkExportable call
//
// A semester's records repeat the same strings many times (each screening names every risk factor, dates and
// instants recur), and the string rules are pure: a regex, a calendar check. Within one call each distinct
// string is tested once; the caches are emptied when the call ends, so nothing is kept between exports and
// isExportable alone (the agreement test) runs the rules themselves.
const caches: Array<Map<string, boolean>> = [];
let remembering = false;

/** A rule on strings whose verdict for each distinct string is kept while checkExportable runs. */
function stringRule(test: (v: string) => boolean): Rule {
  const cache = new Map<string, boolean>();
  caches.push(cache);
  return (v) => {
    if (!isString(v)) return false;
    if (!remembering) return test(v);
    let verdict = cache.get(v);
    if (verdict === undefined) {
      verdict = test(v);
      cache.set(v, verdict);
    }
    return verdict;
  };
}

const regex = (pattern: RegExp): Rule => stringRule((v) => pattern.test(v));
/** z.number().int().min(min).max(max): a safe integer (zod's int) within the bounds. */
const int =
  (min: number, max: number): Rule =>
  (v) =>
    Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const oneOf = (values: readonly string[]): Rule => {
  const set = new Set<unknown>(values);
  return (v) => set.has(v);
};
const nullable =
  (rule: Rule): Rule =>
  (v) =>
    v === null || rule(v);
const boolean: Rule = (v) => typeof v === 'boolean';
const isNull: Rule = (v) => v === null;
/** The schemas' label(max), and label(max).pipe(z.string().min(min)). */
const label = (max: number, min = 0): Rule => stringRule((v) => v.length <= max && v.length >= min && !LABEL_FORBIDDEN.test(v));
const recordId = regex(RECORD_ID);
const day: Rule = stringRule(isIsoDate);
/** isoInstantSchema: at most 24 characters, and a real instant. */
const instant: Rule = stringRule((v) => v.length <= 24 && isIsoInstant(v));
const version = int(1, Number.MAX_SAFE_INTEGER);
const count = (max: number) => int(0, max);
const strictObject = (shape: Shape): Rule => {
  const known = new Set([...Object.keys(shape.required), ...Object.keys(shape.optional)]);
  const required = Object.entries(shape.required);
  const optional = Object.entries(shape.optional);
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const record = v as Record<string, unknown>;
    for (const [key, rule] of required) if (!rule(record[key])) return false;
    for (const [key, rule] of optional) {
      const value = record[key];
      if (value !== undefined && !rule(value)) return false;
    }
    // zod's strict objects refuse any other enumerable key, inherited ones too (`for...in`).
    for (const key in record) if (!known.has(key)) return false;
    return true;
  };
};
const array =
  (max: number, item: Rule): Rule =>
  (v) =>
    Array.isArray(v) && v.length <= max && v.every((x) => item(x));

const common = { id: recordId, version, updatedAt: instant };
const studentCore = {
  ...common,
  gender: oneOf(GENDERS),
  educationLevel: oneOf(EDUCATION_LEVELS),
  grade: int(1, 12),
  status: oneOf(STUDENT_STATUSES),
  leftOn: nullable(day),
};

/** Each record type's fields, as its zod schema declares them (exportable.test.ts compares the two). */
export const RECORD_SHAPES: Readonly<Record<RecordType | 'pseudonymousStudent', Shape>> = {
  riskFactor: {
    required: {
      ...common,
      group: oneOf(RISK_GROUPS),
      labelLv: label(300),
      labelEn: label(300),
      source: oneOf(['catalogue', 'custom']),
      catalogueVersion: label(40),
      retired: boolean,
    },
    optional: {},
  },
  measureKind: {
    required: {
      id: recordId,
      version,
      updatedAt: isNull,
      category: oneOf(MEASURE_CATEGORIES),
      unit: oneOf(['minutes', 'cents', 'participation']),
      labelLv: label(300),
      labelEn: label(300),
    },
    optional: {},
  },
  student: {
    required: {
      ...studentCore,
      firstName: label(100, 1),
      lastName: label(100, 1),
      personalCode: regex(PERSONAL_CODE),
      classLabel: label(20),
      programme: label(200),
    },
    optional: {},
  },
  pseudonymousStudent: { required: { ...studentCore, pseudonym: regex(PSEUDONYM) }, optional: {} },
  screening: {
    required: {
      ...common,
      studentId: recordId,
      semesterId: regex(SEMESTER_ID),
      screenedOn: day,
      answers: array(500, strictObject({ required: { riskFactorId: recordId, group: oneOf(RISK_GROUPS), answer: oneOf(ANSWERS) }, optional: {} })),
    },
    optional: {},
  },
  plan: {
    required: {
      ...common,
      code: label(60, 1),
      studentId: recordId,
      semesterId: regex(SEMESTER_ID),
      status: oneOf(PLAN_STATUSES),
      consentRecorded: boolean,
      consentOn: nullable(day),
      previousPlanId: nullable(recordId),
      createdAt: instant,
      closedAt: nullable(instant),
    },
    optional: {},
  },
  measure: {
    required: {
      ...common,
      planId: recordId,
      kindCode: recordId,
      plannedMinutes: nullable(count(1_000_000)),
      plannedCents: nullable(count(RECORD_MAX_CENTS)),
      startsOn: day,
      endsOn: day,
      riskFactorIds: array(200, recordId),
    },
    optional: { youthProjectId: nullable(recordId) },
  },
  delivery: {
    required: {
      ...common,
      measureId: recordId,
      deliveredOn: day,
      minutes: nullable(count(1_000_000)),
      cents: nullable(count(RECORD_MAX_CENTS)),
      receiptRef: nullable(label(100)),
      studentConfirmed: nullable(boolean),
    },
    optional: {},
  },
  outcome: {
    required: {
      ...common,
      planId: recordId,
      studentOutcome: nullable(oneOf(STUDENT_OUTCOMES)),
      measures: array(200, strictObject({ required: { measureId: recordId, delivered: oneOf(DELIVERED_LEVELS) }, optional: {} })),
      risks: array(500, strictObject({ required: { riskFactorId: recordId, change: oneOf(RISK_CHANGES) }, optional: {} })),
    },
    optional: {},
  },
};

const RULES: Readonly<Record<RecordType | 'pseudonymousStudent', Rule>> = Object.fromEntries(
  Object.entries(RECORD_SHAPES).map(([type, shape]) => [type, strictObject(shape)]),
) as Record<RecordType | 'pseudonymousStudent', Rule>;

/** Whether a record of this type passes the schema a recipient of this kind applies (recordSchemasFor). */
export function isExportable(type: RecordType, record: unknown, recipientKind: OrgMode): boolean {
  return RULES[type === 'student' && recipientKind === 'state' ? 'pseudonymousStudent' : type](record);
}

/** Throws recordNotExportable naming the first record (by type, then order) that would not pass. */
export function checkExportable(records: Readonly<Record<RecordType, ReadonlyArray<{ id: string }>>>, recipientKind: OrgMode): void {
  remembering = true;
  try {
    for (const type of RECORD_TYPES) {
      for (const record of records[type]) {
        if (!isExportable(type, record, recipientKind)) {
          throw new AppError('VALIDATION_FAILED', { messageKey: 'errors.exchange.recordNotExportable', details: { params: { type, id: record.id } } });
        }
      }
    }
  } finally {
    remembering = false;
    for (const cache of caches) cache.clear();
  }
}
