/**
 * The report a municipality (or a state vocational school) sends the state
 * for one semester: package kind 'state-report' (docs/package-format.md,
 * "The state report"; docs/privacy.md for why each field is there).
 *
 * Pseudonymised and minimised at the sender: a student is a pseudonym
 * (HMAC-SHA-256 of the normalised personal code under the sender's own
 * secret, which never leaves it); record ids are opaque (keyed hashes of the
 * source ids, so they link nothing outside the sender); dates are months;
 * no names, personal codes, guardians, staff or free text of any kind. A
 * school's own risk factors travel as their group only, a school's own
 * measure kinds as their category only.
 *
 * Every schema is strict and every string has a closed grammar: there is no
 * field in which text typed by a person could reach the state.
 */
import { z } from 'zod';
import { MEASURE_CATEGORIES } from './measure-kinds';
import { PLAN_STATUSES } from './plan-lifecycle';
import { RISK_GROUPS } from './risk-catalogue';
import { DELIVERED_LEVELS, RISK_CHANGES, STUDENT_OUTCOMES } from './semester-end';
import { EDUCATION_LEVELS, GENDERS, STUDENT_STATUSES } from './student';

/** The package kind; the record schema version is EXCHANGE_SCHEMA_VERSION (1). */
export const STATE_REPORT_KIND = 'state-report';

/** Record types and their data files (every file present, possibly empty). */
export const STATE_RECORD_FILES = {
  school: 'schools',
  student: 'students',
  screening: 'screenings',
  plan: 'plans',
  measure: 'measures',
  outcome: 'outcomes',
} as const;
export type StateRecordType = keyof typeof STATE_RECORD_FILES;
export const STATE_RECORD_TYPES = Object.keys(STATE_RECORD_FILES) as StateRecordType[];

/**
 * The measure kinds every installation ships (migration 0003). Only these
 * codes travel to the state; a kind a school added itself travels as its
 * category (its code and label are text the school typed).
 */
export const DEFAULT_MEASURE_KIND_CODES: readonly string[] = [
  'consultation.teacher',
  'consultation.psychologist',
  'consultation.socialPedagogue',
  'consultation.teacherAssistant',
  'consultation.specialEducationTeacher',
  'consultation.signLanguageInterpreter',
  'consultation.assistant',
  'consultation.occupationalTherapist',
  'compensation.publicTransport',
  'compensation.specialTransport',
  'compensation.accommodation',
  'compensation.meals',
  'compensation.learningMaterials',
  'compensation.personalItems',
  'ngo.project',
];

/** Opaque record id: 32 lower-case hex digits (a keyed hash of the sender's own id). */
const opaqueId = z.string().regex(/^[0-9a-f]{32}$/);
/** A school registration number (or other organisation id). */
const orgId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
/** Month precision: YYYY-MM. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = z.string().regex(MONTH);
const count = (max: number) => z.number().int().min(0).max(max);
const MAX_CENTS = 1_000_000_000;
const MAX_MINUTES = 1_000_000;
/** A catalogue risk factor id (`<group>.<name>`, resources/catalogues/risk-factors.json); null for a school's own factor. */
const catalogueFactorId = z
  .string()
  .regex(/^(school|personal|family|economic)\.(?!custom[0-9a-f]{8}$)[A-Za-z][A-Za-z0-9]{0,63}$/)
  .nullable();
const factorRef = z.strictObject({ riskFactorId: catalogueFactorId, group: z.enum(RISK_GROUPS) });
/** A school's name as enrolled (an organisation's registered name, never a person's). */
const orgName = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => !/[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u.test(s));

export const stateSchoolRecordSchema = z.strictObject({ id: orgId, name: orgName });

export const stateStudentRecordSchema = z.strictObject({
  id: opaqueId,
  schoolId: orgId,
  /** HMAC-SHA-256 (hex) of the normalised personal code under the sender's pseudonymisation secret. */
  pseudonym: z.string().regex(/^[0-9a-f]{64}$/),
  /** From the birth date, or a legacy personal code; null when neither tells it. */
  birthYear: z.number().int().min(1900).max(2100).nullable(),
  gender: z.enum(GENDERS),
  educationLevel: z.enum(EDUCATION_LEVELS),
  grade: z.number().int().min(1).max(12),
  status: z.enum(STUDENT_STATUSES),
  leftMonth: month.nullable(),
});

/** The risk factors found present at a screening (absent and unknown answers stay at school). */
export const stateScreeningRecordSchema = z.strictObject({
  id: opaqueId,
  studentId: opaqueId,
  screenedMonth: month,
  present: z.array(factorRef).max(500),
});

export const statePlanRecordSchema = z.strictObject({
  id: opaqueId,
  studentId: opaqueId,
  status: z.enum(PLAN_STATUSES),
  consentRecorded: z.boolean(),
  createdMonth: month,
  closedMonth: month.nullable(),
  previousPlanId: opaqueId.nullable(),
});

export const stateMeasureRecordSchema = z.strictObject({
  id: opaqueId,
  planId: opaqueId,
  /** A default kind's code; null for a kind the school added. */
  kindCode: z.enum(DEFAULT_MEASURE_KIND_CODES as [string, ...string[]]).nullable(),
  category: z.enum(MEASURE_CATEGORIES),
  unit: z.enum(['minutes', 'cents', 'participation']),
  plannedMinutes: count(MAX_MINUTES).nullable(),
  plannedCents: count(MAX_CENTS).nullable(),
  /** Sums over the measure's deliveries in the semester. */
  deliveries: count(100_000),
  deliveredMinutes: count(MAX_MINUTES * 100),
  deliveredCents: count(MAX_CENTS),
  startsMonth: month,
  endsMonth: month,
  risks: z.array(factorRef).max(200),
  /**
   * Compensations: what the municipality approved and paid, in cents; null
   * while the sender keeps no such decision (see CompensationDecisions in
   * src-main/services/exchange/state-report.ts).
   */
  approvedCents: count(MAX_CENTS).nullable(),
  paidCents: count(MAX_CENTS).nullable(),
});

export const stateOutcomeRecordSchema = z.strictObject({
  id: opaqueId,
  planId: opaqueId,
  studentOutcome: z.enum(STUDENT_OUTCOMES).nullable(),
  measures: z.array(z.strictObject({ measureId: opaqueId, delivered: z.enum(DELIVERED_LEVELS) })).max(200),
  risks: z.array(z.strictObject({ riskFactorId: catalogueFactorId, group: z.enum(RISK_GROUPS), change: z.enum(RISK_CHANGES) })).max(500),
});

export type StateSchoolRecord = z.infer<typeof stateSchoolRecordSchema>;
export type StateStudentRecord = z.infer<typeof stateStudentRecordSchema>;
export type StateScreeningRecord = z.infer<typeof stateScreeningRecordSchema>;
export type StatePlanRecord = z.infer<typeof statePlanRecordSchema>;
export type StateMeasureRecord = z.infer<typeof stateMeasureRecordSchema>;
export type StateOutcomeRecord = z.infer<typeof stateOutcomeRecordSchema>;

export interface StateRecords {
  school: StateSchoolRecord[];
  student: StateStudentRecord[];
  screening: StateScreeningRecord[];
  plan: StatePlanRecord[];
  measure: StateMeasureRecord[];
  outcome: StateOutcomeRecord[];
}

export const STATE_RECORD_SCHEMAS: Record<StateRecordType, z.ZodType<{ id: string }>> = {
  school: stateSchoolRecordSchema,
  student: stateStudentRecordSchema,
  screening: stateScreeningRecordSchema,
  plan: statePlanRecordSchema,
  measure: stateMeasureRecordSchema,
  outcome: stateOutcomeRecordSchema,
};

/** Every field that may reach the state, by record type: what the preview lists. */
export const STATE_FIELD_LIST: Record<StateRecordType, readonly string[]> = Object.fromEntries(
  STATE_RECORD_TYPES.map((t) => [t, Object.keys((STATE_RECORD_SCHEMAS[t] as unknown as z.ZodObject).shape)]),
) as unknown as Record<StateRecordType, readonly string[]>;

// ------------------------------------------------------------------ what the channels return

const typeCounts = z.object({
  school: z.number().int(),
  student: z.number().int(),
  screening: z.number().int(),
  plan: z.number().int(),
  measure: z.number().int(),
  outcome: z.number().int(),
});

/** The municipality's look before sending: counts per school and record type, and the field list. */
export const stateReportPreviewSchema = z.object({
  semesterId: z.string(),
  recipient: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
  schools: z.array(z.object({ id: z.string(), name: z.string(), counts: typeCounts })),
  total: typeCounts,
  fields: z.record(z.string(), z.array(z.string())),
});
export type StateReportPreview = z.infer<typeof stateReportPreviewSchema>;

/** The state's list of who reported for a semester. */
export const stateReporterSchema = z.object({
  org: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
  /** False for a municipality of the shipped list the state has not enrolled yet (it cannot report). */
  enrolled: z.boolean(),
  lastPackage: z.object({ seq: z.number().int(), createdAt: z.string(), importedAt: z.string(), late: z.boolean() }).nullable(),
  schools: z.number().int(),
});
export const stateReportersSchema = z.object({
  semesterId: z.string().nullable(),
  /** The last day (YYYY-MM-DD) a semester's report is due: 30 days after the semester ends. */
  deadline: z.string().nullable(),
  reporters: z.array(stateReporterSchema),
});
export type StateReporters = z.infer<typeof stateReportersSchema>;

/** National data by municipality and school: counts only, never a person. */
export const nationalRowSchema = z.object({
  senderId: z.string(),
  senderName: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  students: z.number().int(),
  screenedAtRisk: z.number().int(),
  plans: z.number().int(),
  measures: z.number().int(),
  plannedMinutes: z.number().int(),
  deliveredMinutes: z.number().int(),
  plannedCents: z.number().int(),
  deliveredCents: z.number().int(),
  /** Compensations approved and paid by the municipality (sums over the measures it decided on). */
  approvedCents: z.number().int(),
  paidCents: z.number().int(),
  evaluated: z.number().int(),
  stayed: z.number().int(),
  left: z.number().int(),
});
export const nationalCountsSchema = z.object({ semesterId: z.string().nullable(), rows: z.array(nationalRowSchema) });
export type NationalCounts = z.infer<typeof nationalCountsSchema>;
