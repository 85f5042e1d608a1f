/**
 * The municipality's work, and the decisions package that carries it back to
 * a school (docs/package-format.md, "The decisions package"): approval policy,
 * rates and caps, deadlines, decisions on plans, payments and youth NGO
 * projects. Records are strict: a field this version does not know refuses
 * the package (RECORD_INVALID).
 *
 * Money is integer cents; days YYYY-MM-DD; times ISO-8601 UTC.
 */
import { z } from 'zod';
import { isIsoDate } from './iso-date';

/** The package kind a municipality (or the state) sends to one school. */
export const DECISIONS_KIND = 'decisions';
/** Record schema version of the decisions package. */
export const DECISIONS_SCHEMA_VERSION = 1;

/** Data files of a decisions package, always all four (some may hold no records). */
export const DECISION_FILES = {
  settings: 'settings',
  decision: 'decisions',
  payment: 'payments',
  youthProject: 'youth-projects',
} as const;
export type DecisionRecordType = keyof typeof DECISION_FILES;
export const DECISION_RECORD_TYPES = Object.keys(DECISION_FILES) as DecisionRecordType[];

/** Which plans need the municipality's approval. */
export const APPROVAL_POLICIES = ['compensation', 'all', 'none'] as const;
export type ApprovalPolicy = (typeof APPROVAL_POLICIES)[number];
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = 'compensation';

/** What the municipality decided on a plan. */
export const DECISION_OUTCOMES = ['approved', 'returned', 'measureRefused'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** Where a plan stands with the municipality, at the school (null: it does not need it). */
export const AUTHORITY_STATES = ['waiting', 'approved', 'returned', 'measureRefused'] as const;
export type AuthorityState = (typeof AUTHORITY_STATES)[number];

export const PAYEES = ['guardian', 'student'] as const;
export type Payee = (typeof PAYEES)[number];

/** Default cap of a youth NGO initiative project's budget: 4,600 €. */
export const DEFAULT_YOUTH_PROJECT_CAP_CENTS = 460_000;

const MAX_CENTS = 1_000_000_000;
const recordId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/);
const day = z.string().refine(isIsoDate);
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/)
  .refine((s) => !Number.isNaN(Date.parse(s)));
const version = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const cents = z.number().int().min(0).max(MAX_CENTS);
/** One line of text without control or format characters (titles, references). */
const label = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u.test(s));
/** A comment: lines allowed, no other control or format characters. */
const comment = z
  .string()
  .max(2000)
  .refine((s) => !/[\p{Cf}\p{Cs}\u2028\u2029]/u.test(s) && !/\p{Cc}/u.test(s.replaceAll('\n', '')));

export const rateSchema = z.strictObject({ kindCode: recordId, rateCents: cents.nullable(), capCents: cents.nullable() });
export type Rate = z.infer<typeof rateSchema>;

/** The municipality's settings for its schools: one record, id `settings`. */
export const settingsRecordSchema = z.strictObject({
  id: z.literal('settings'),
  version,
  updatedAt: instant,
  approvalPolicy: z.enum(APPROVAL_POLICIES),
  rates: z.array(rateSchema).max(200),
  /** The semester's package deadlines, ascending. */
  deadlines: z.array(day).max(20),
  youthProjectCapCents: cents,
});

export const decisionMeasureSchema = z.strictObject({
  /** The school's measure id. */
  measureId: recordId,
  /** Approved amount (cents) for a compensation measure; null: as planned or not money. */
  approvedCents: cents.nullable(),
  refused: z.boolean(),
});

/** A decision on one plan, as made on the plan edition the municipality had (planUpdatedAt). */
export const decisionRecordSchema = z.strictObject({
  id: recordId,
  version,
  updatedAt: instant,
  planId: recordId,
  planCode: label(40),
  /** The plan's version and updatedAt in the package the decision was made on. */
  planVersion: version,
  planUpdatedAt: instant,
  outcome: z.enum(DECISION_OUTCOMES),
  measures: z.array(decisionMeasureSchema).max(200),
  comment,
  decidedAt: instant,
});

export const paymentRecordSchema = z.strictObject({
  id: recordId,
  version,
  updatedAt: instant,
  planId: recordId,
  measureId: recordId,
  paidOn: day,
  cents: cents.pipe(z.number().min(1)),
  payee: z.enum(PAYEES),
  reference: label(100),
});

export const youthProjectRecordSchema = z.strictObject({
  id: recordId,
  version,
  updatedAt: instant,
  title: label(200).pipe(z.string().min(1)),
  ngo: label(200).pipe(z.string().min(1)),
  startsOn: day,
  endsOn: day,
  budgetCents: cents,
});

export type SettingsRecord = z.infer<typeof settingsRecordSchema>;
export type DecisionRecord = z.infer<typeof decisionRecordSchema>;
export type PaymentRecord = z.infer<typeof paymentRecordSchema>;
export type YouthProjectRecord = z.infer<typeof youthProjectRecordSchema>;

export const DECISION_RECORD_SCHEMAS: Record<DecisionRecordType, z.ZodType<{ id: string; version: number; updatedAt: string }>> = {
  settings: settingsRecordSchema,
  decision: decisionRecordSchema,
  payment: paymentRecordSchema,
  youthProject: youthProjectRecordSchema,
};

/** Does a plan need the municipality, by its policy and the plan's measure categories? */
export function needsAuthority(policy: ApprovalPolicy, categories: readonly string[]): boolean {
  if (policy === 'none') return false;
  if (policy === 'all') return true;
  return categories.includes('compensation');
}

// ------------------------------------------------------------------ channel shapes

export const queueRowSchema = z.object({
  schoolId: z.string(),
  schoolName: z.string(),
  semesterId: z.string(),
  planId: z.string(),
  planCode: z.string(),
  classLabel: z.string(),
  status: z.string(),
  /** Measure kind codes of the plan. */
  kinds: z.array(z.string()),
  plannedCents: z.number(),
  /** The plan's updatedAt as imported: when it started waiting, at the latest. */
  waitingSince: z.string(),
  /** The latest decision's outcome, if the plan came back after one. */
  lastOutcome: z.enum(DECISION_OUTCOMES).nullable(),
});
export type QueueRow = z.infer<typeof queueRowSchema>;

export const planDecisionViewSchema = z.object({
  planId: z.string(),
  planCode: z.string(),
  outcome: z.enum(DECISION_OUTCOMES),
  comment: z.string(),
  decidedAt: z.string(),
  measures: z.array(z.object({ measureId: z.string(), approvedCents: z.number().nullable(), refused: z.boolean() })),
  /** The school changed the plan after the edition decided on: kept, not applied. */
  stale: z.boolean(),
});
export type PlanDecisionView = z.infer<typeof planDecisionViewSchema>;

/** Record types in a decisions import's summary (`byType`), named by `exchange.recordType.<type>`. */
export const DECISION_SUMMARY_TYPES = ['settings', 'decision', 'staleDecision', 'payment', 'youthProject'] as const;

export interface QueueFilter {
  /** Matches plan code, school name or id, or class (case-insensitive, substring). */
  query?: string;
  schoolId?: string;
  status?: string;
  kindCode?: string;
  /** Only plans waiting since this day or earlier (YYYY-MM-DD). */
  waitingSinceBefore?: string;
}

/** The decision queue's search and filters (one function for the screen and the bench). */
export function filterQueue(rows: readonly QueueRow[], filter: QueueFilter): QueueRow[] {
  const q = filter.query?.trim().toLocaleLowerCase('lv') ?? '';
  return rows.filter(
    (r) =>
      (q === '' ||
        r.planCode.toLocaleLowerCase('lv').includes(q) ||
        r.schoolName.toLocaleLowerCase('lv').includes(q) ||
        r.schoolId.includes(q) ||
        r.classLabel.toLocaleLowerCase('lv').includes(q)) &&
      (filter.schoolId === undefined || r.schoolId === filter.schoolId) &&
      (filter.status === undefined || r.status === filter.status) &&
      (filter.kindCode === undefined || r.kinds.includes(filter.kindCode)) &&
      (filter.waitingSinceBefore === undefined || r.waitingSince.slice(0, 10) <= filter.waitingSinceBefore),
  );
}
