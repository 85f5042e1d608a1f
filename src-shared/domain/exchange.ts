/**
 * Exchange between schools, municipalities and the state: organisation ids,
 * the records a school report carries (schema version 1), and the shapes the
 * enrolment, export and import channels return. What travels, and what stays
 * at school, is specified in docs/package-format.md ("What travels").
 *
 * Record schemas are strict: a record with a field this version does not
 * know is refused (RECORD_INVALID), so free text can never slip into a
 * municipality's database under a new name.
 */
import { z } from 'zod';
import { isIsoDate } from './iso-date';
import { isoInstantSchema } from './iso-instant';
import { MEASURE_CATEGORIES } from './measure-kinds';
import { ORG_MODES, type OrgMode } from './organisation';
import { PLAN_STATUSES } from './plan-lifecycle';
import { RISK_GROUPS } from './risk-catalogue';
import { ANSWERS } from './screening';
import { DELIVERED_LEVELS, RISK_CHANGES, STUDENT_OUTCOMES } from './semester-end';
import { EDUCATION_LEVELS, GENDERS, STUDENT_STATUSES } from './student';

// ------------------------------------------------------------------ organisations

/** The state level's organisation id (IKVD, the State Education Quality Service). */
export const STATE_ORG_ID = 'ikvd';
export const STATE_ORG_NAME = 'Izglītības kvalitātes valsts dienests';

/**
 * A municipality's organisation id: its name from the shipped list, in lower
 * case, without diacritics, words joined by '-' ("Rīga" -> "riga",
 * "Ādažu novads" -> "adazu-novads"). Derived from the list, so schools and
 * their municipality agree without exchanging codes; a renamed municipality
 * gets a new id (and re-enrols its schools).
 */
export function municipalityCode(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

export const orgRefSchema = z.object({ kind: z.enum(ORG_MODES), id: z.string(), name: z.string() });
export type OrgRef = z.infer<typeof orgRefSchema>;

// ------------------------------------------------------------------ records, schema version 1

/** The record schema version this app writes and reads (manifest `schemaVersion`). */
export const EXCHANGE_SCHEMA_VERSION = 1;
/** The package kind a school sends up: a full snapshot of one semester. */
export const SCHOOL_REPORT_KIND = 'school-report';

/** Record types and the data file each travels in (one file per type, every file present). */
export const RECORD_FILES = {
  riskFactor: 'risk-factors',
  measureKind: 'measure-kinds',
  student: 'students',
  screening: 'screenings',
  plan: 'plans',
  measure: 'measures',
  delivery: 'deliveries',
  outcome: 'outcomes',
} as const;
export type RecordType = keyof typeof RECORD_FILES;
export const RECORD_TYPES = Object.keys(RECORD_FILES) as RecordType[];
/** Types whose (version, updatedAt) order editions; the catalogues' latest package simply wins. */
export const VERSIONED_TYPES: readonly RecordType[] = ['student', 'screening', 'plan', 'measure', 'delivery', 'outcome'];

/** A record id's grammar (also checked by hand in src-main/services/exchange/exportable.ts: keep the two on these constants). */
export const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
/** What a label may not hold: control and format characters, lone surrogates, line and paragraph separators. */
export const LABEL_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;
export const SEMESTER_ID = /^\d{4}\/\d{2}-[12]$/;
export const PSEUDONYM = /^[0-9a-f]{64}$/;
export const PERSONAL_CODE = /^\d{6}-\d{5}$/;
export const RECORD_MAX_CENTS = 1_000_000_000;
const recordId = z.string().regex(RECORD_ID);
const day = z.string().refine(isIsoDate);
const instant = isoInstantSchema;
const version = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const count = (max: number) => z.number().int().min(0).max(max);
/** A short structured text (labels, codes): one line, no control or format characters, no lone surrogates. */
const label = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !LABEL_FORBIDDEN.test(s));
const semesterIdSchema = z.string().regex(SEMESTER_ID);

/** A catalogue risk factor or one the school added; labels are the catalogue's, not about a child. */
export const riskFactorRecordSchema = z.strictObject({
  id: recordId,
  version,
  updatedAt: instant,
  group: z.enum(RISK_GROUPS),
  labelLv: label(300),
  labelEn: label(300),
  source: z.enum(['catalogue', 'custom']),
  catalogueVersion: label(40),
  retired: z.boolean(),
});

export const measureKindRecordSchema = z.strictObject({
  id: recordId,
  version,
  /** measure_kind has no timestamps: always null. */
  updatedAt: z.null(),
  category: z.enum(MEASURE_CATEGORIES),
  unit: z.enum(['minutes', 'cents', 'participation']),
  labelLv: label(300),
  labelEn: label(300),
});

/** Identity for the municipality (the controller): no birth date, no guardians, no contacts. */
export const studentRecordSchema = z.strictObject({
  id: recordId,
  version,
  updatedAt: instant,
  firstName: label(100).pipe(z.string().min(1)),
  lastName: label(100).pipe(z.string().min(1)),
  personalCode: z.string().regex(PERSONAL_CODE),
  gender: z.enum(GENDERS),
  educationLevel: z.enum(EDUCATION_LEVELS),
  grade: z.number().int().min(1).max(12),
  classLabel: label(20),
  programme: label(200),
  status: z.enum(STUDENT_STATUSES),
  leftOn: day.nullable(),
});

/** The state's view of a student: a pseudonym (keyed hash of the personal code, key held by the sender) instead of identity. */
export const pseudonymousStudentRecordSchema = z.strictObject({
  id: recordId,
  version,
  updatedAt: instant,
  pseudonym: z.string().regex(PSEUDONYM),
  gender: z.enum(GENDERS),
  educationLevel: z.enum(EDUCATION_LEVELS),
  grade: z.number().int().min(1).max(12),
  status: z.enum(STUDENT_STATUSES),
  leftOn: day.nullable(),
});

/** Answers by factor (the factor record gives its group); no justification, no note, no screener. */
export const screeningRecordSchema = z.strictObject({
  id: recordId,
  version,
  updatedAt: instant,
  studentId: recordId,
  semesterId: semesterIdSchema,
  screenedOn: day,
  answers: z.array(z.strictObject({ riskFactorId: recordId, group: z.enum(RISK_GROUPS), answer: z.enum(ANSWERS) })).max(500),
});

/** Status, code and consent as yes/no + date; no goals, no names, no author. */
export const planRecordSchema = z.strictObject({
  id: recordId,
  version,
  updatedAt: instant,
  code: label(60).pipe(z.string().min(1)),
  studentId: recordId,
  semesterId: semesterIdSchema,
  status: z.enum(PLAN_STATUSES),
  consentRecorded: z.boolean(),
  consentOn: day.nullable(),
  previousPlanId: recordId.nullable(),
  createdAt: instant,
  closedAt: instant.nullable(),
});

/** Kind, planned amounts, dates, the risks it addresses and the youth project it joins; no justification, no responsible person. */
export const measureRecordSchema = z.strictObject({
  id: recordId,
  version,
  updatedAt: instant,
  planId: recordId,
  kindCode: recordId,
  plannedMinutes: count(1_000_000).nullable(),
  plannedCents: count(RECORD_MAX_CENTS).nullable(),
  startsOn: day,
  endsOn: day,
  riskFactorIds: z.array(recordId).max(200),
  /**
   * The municipality's youth NGO project an NGO-participation measure takes
   * part in (its id from the decisions package), or null. Optional: packages
   * written before the field existed leave it out and still import.
   */
  youthProjectId: recordId.nullable().optional(),
});

/** Date, amount, receipt reference and confirmation; no note, no over-plan reason, no specialist. */
export const deliveryRecordSchema = z.strictObject({
  id: recordId,
  version,
  updatedAt: instant,
  measureId: recordId,
  deliveredOn: day,
  minutes: count(1_000_000).nullable(),
  cents: count(RECORD_MAX_CENTS).nullable(),
  receiptRef: label(100).nullable(),
  studentConfirmed: z.boolean().nullable(),
});

/** Semester-end evaluation of one plan (id = the plan's id); no note, no evaluator. */
export const outcomeRecordSchema = z.strictObject({
  id: recordId,
  version,
  updatedAt: instant,
  planId: recordId,
  studentOutcome: z.enum(STUDENT_OUTCOMES).nullable(),
  measures: z.array(z.strictObject({ measureId: recordId, delivered: z.enum(DELIVERED_LEVELS) })).max(200),
  risks: z.array(z.strictObject({ riskFactorId: recordId, change: z.enum(RISK_CHANGES) })).max(500),
});

export type RiskFactorRecord = z.infer<typeof riskFactorRecordSchema>;
export type MeasureKindRecord = z.infer<typeof measureKindRecordSchema>;
export type StudentRecord = z.infer<typeof studentRecordSchema>;
export type PseudonymousStudentRecord = z.infer<typeof pseudonymousStudentRecordSchema>;
export type ScreeningRecord = z.infer<typeof screeningRecordSchema>;
export type PlanRecord = z.infer<typeof planRecordSchema>;
export type MeasureRecord = z.infer<typeof measureRecordSchema>;
export type DeliveryRecord = z.infer<typeof deliveryRecordSchema>;
export type OutcomeRecord = z.infer<typeof outcomeRecordSchema>;

/** The schema of each record type, for a recipient of the given kind (the state gets pseudonyms). */
export function recordSchemasFor(recipientKind: OrgMode): Record<RecordType, z.ZodType<{ id: string; version: number; updatedAt: string | null }>> {
  return {
    riskFactor: riskFactorRecordSchema,
    measureKind: measureKindRecordSchema,
    student: recipientKind === 'state' ? pseudonymousStudentRecordSchema : studentRecordSchema,
    screening: screeningRecordSchema,
    plan: planRecordSchema,
    measure: measureRecordSchema,
    delivery: deliveryRecordSchema,
    outcome: outcomeRecordSchema,
  };
}

// ------------------------------------------------------------------ what the channels return

export const fingerprintSchema = z.object({ digits: z.string(), hex: z.string() });

/** What confirming a key file does: pin a new organisation, nothing, rotate, revoke, or replace a lost key. */
export const KEY_FILE_ACTIONS = ['enrol', 'unchanged', 'rotate', 'revoke', 'replace'] as const;

export const installationKeysViewSchema = z.object({
  org: orgRefSchema,
  signingKeyId: z.string(),
  ageKeyId: z.string(),
  fingerprint: fingerprintSchema,
});
export type InstallationKeysView = z.infer<typeof installationKeysViewSchema>;

/** A key file read for enrolment or trust: what to compare before confirming. */
export const keyFilePreviewSchema = z.object({
  statement: z.enum(['card', 'rotation', 'revocation']),
  org: orgRefSchema,
  signingKeyId: z.string(),
  fingerprint: fingerprintSchema,
  /** What confirming would do. */
  action: z.enum(KEY_FILE_ACTIONS),
  /** The key enrolled now, when there is one. */
  pinnedFingerprint: fingerprintSchema.nullable(),
  seqAfter: z.number().int().nullable(),
});
export type KeyFilePreview = z.infer<typeof keyFilePreviewSchema>;

export const enrolledOrgSchema = z.object({
  org: orgRefSchema,
  role: z.enum(['sender', 'recipient']),
  action: z.enum(KEY_FILE_ACTIONS),
  fingerprint: fingerprintSchema,
  revokedAfterSeq: z.number().int().nullable(),
});
export type EnrolledOrg = z.infer<typeof enrolledOrgSchema>;

export const OUTCOME_KINDS = ['created', 'updated', 'unchanged', 'withdrawn', 'conflicts'] as const;
export const typeCountsSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  withdrawn: z.number().int(),
  conflicts: z.number().int(),
});
export type TypeCounts = z.infer<typeof typeCountsSchema>;

export const importSummarySchema = z.object({
  byType: z.record(z.string(), typeCountsSchema),
  total: typeCountsSchema,
  /** The first conflicting records (type and source id), for the coordinator to name to the sender. */
  conflicts: z.array(z.object({ type: z.string(), id: z.string() })),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const packageWarningSchema = z.object({ code: z.string(), detail: z.string() });

/** One file's outcome in a preview, verification or import. */
export const IMPORT_FILE_STATUSES = ['ready', 'imported', 'alreadyImported', 'refused'] as const;
export const importFileResultSchema = z.object({
  path: z.string(),
  file: z.string(),
  status: z.enum(IMPORT_FILE_STATUSES),
  /** Set when refused, or ALREADY_IMPORTED. */
  code: z.string().nullable(),
  detail: z.string().nullable(),
  messageKey: z.string().nullable(),
  sender: orgRefSchema.nullable(),
  packageId: z.string().nullable(),
  seq: z.number().int().nullable(),
  semesterId: z.string().nullable(),
  createdAt: z.string().nullable(),
  warnings: z.array(packageWarningSchema),
  summary: importSummarySchema.nullable(),
});
export type ImportFileResult = z.infer<typeof importFileResultSchema>;

export const importBatchResultSchema = z.object({
  files: z.array(importFileResultSchema),
  /** Whether anything was written (false for a dry run). */
  committed: z.boolean(),
});
export type ImportBatchResult = z.infer<typeof importBatchResultSchema>;

export const exportResultSchema = z.object({
  path: z.string(),
  packageId: z.string(),
  seq: z.number().int(),
  semesterId: z.string(),
  recipient: orgRefSchema,
  counts: z.record(z.string(), z.number().int()),
  sumsHash: z.string(),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

/** One package this installation made (its export ledger, newest first): what was sent, to whom, when and by whom. */
export const exportLedgerRowSchema = z.object({
  packageId: z.string(),
  seq: z.number().int(),
  kind: z.string(),
  period: z.string(),
  recipient: orgRefSchema,
  counts: z.record(z.string(), z.number().int()),
  createdAt: z.string(),
  /** The person who made it (null when the account is no longer known). */
  createdBy: z.string().nullable(),
});
export type ExportLedgerRow = z.infer<typeof exportLedgerRowSchema>;

export const schoolStatusSchema = z.object({
  org: orgRefSchema,
  fingerprint: fingerprintSchema,
  revokedAfterSeq: z.number().int().nullable(),
  /** The newest package imported for the semester, or null when the school has sent nothing for it. */
  lastPackage: z
    .object({ packageId: z.string(), seq: z.number().int(), createdAt: z.string(), importedAt: z.string(), warnings: z.array(packageWarningSchema) })
    .nullable(),
  alerts: z.number().int(),
});
export const muniSchoolsSchema = z.object({ semesterId: z.string().nullable(), schools: z.array(schoolStatusSchema) });
export type MuniSchools = z.infer<typeof muniSchoolsSchema>;

/**
 * A measure kind's labels as the school sent them (its measure-kinds
 * record), so a kind the school added itself reads as a name, not a code;
 * null when the package held no record for the code.
 */
export const importedKindLabelSchema = z.object({ labelLv: z.string(), labelEn: z.string() }).nullable();

export const importedPlanViewSchema = z.object({
  plan: planRecordSchema,
  withdrawn: z.boolean(),
  student: z.object({
    id: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    personalCode: z.string().nullable(),
    grade: z.number().int().nullable(),
    classLabel: z.string().nullable(),
  }),
  measures: z.array(
    z.object({ measure: measureRecordSchema, kind: importedKindLabelSchema, deliveries: z.number().int(), minutes: z.number().int(), cents: z.number().int() }),
  ),
  outcome: outcomeRecordSchema.nullable(),
  packageId: z.string(),
});
export const muniPlansSchema = z.object({ school: orgRefSchema, semesterId: z.string().nullable(), plans: z.array(importedPlanViewSchema) });
export type MuniPlans = z.infer<typeof muniPlansSchema>;

export const muniCountRowSchema = z.object({
  schoolId: z.string(),
  schoolName: z.string(),
  kindCode: z.string(),
  kind: importedKindLabelSchema,
  category: z.string().nullable(),
  plans: z.number().int(),
  measures: z.number().int(),
  deliveries: z.number().int(),
  minutes: z.number().int(),
  cents: z.number().int(),
});
export const muniCountsSchema = z.object({ semesterId: z.string().nullable(), rows: z.array(muniCountRowSchema) });
export type MuniCounts = z.infer<typeof muniCountsSchema>;

export const semesterIdInputSchema = z.string().regex(/^\d{4}\/\d{2}-[12]$/, 'errors.field.semester');

// ------------------------------------------------------------------ setting up a municipality or the state

export const AUTHORITY_MODES = ['municipality', 'state'] as const;
/** A municipality is named from the shipped list (its id is `municipalityCode(name)`); the state needs no name. */
export const authorityProfileInputSchema = z.object({
  mode: z.enum(AUTHORITY_MODES, 'errors.field.required'),
  municipality: z.string().trim().max(200, 'errors.field.tooLong').optional(),
});
export type AuthorityProfileInput = z.input<typeof authorityProfileInputSchema>;

/** A new stream of a sender's packages, accepted by a coordinator (docs/package-format.md "Streams that start again"). */
export const streamAcceptedSchema = z.object({
  sender: orgRefSchema,
  /** The new stream's number (1 for the first reset of this sender). */
  stream: z.number().int(),
  /** Its first package: seq and when it was made. */
  fromSeq: z.number().int(),
  fromCreatedAt: z.string(),
  /** What the ledger held of the old stream(s), all kept. */
  heldNewestSeq: z.number().int(),
  heldPackages: z.number().int(),
});
export type StreamAccepted = z.infer<typeof streamAcceptedSchema>;
/** Why the coordinator accepts a new stream (kept in the reset row and the audit log). */
export const streamResetReasonSchema = z.string().trim().min(1, 'errors.field.required').max(500, 'errors.field.tooLong');
