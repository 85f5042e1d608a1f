/**
 * E-journal early warning: what an imported export's columns can mean, the
 * indicators computed per student and period, and the thresholds that turn an
 * indicator into a *signal*. A signal points staff at a student; it decides
 * nothing (screening stays a person's judgement). Indicators stay at school:
 * they never travel in exchange packages.
 */
import { z } from 'zod';

/** What a column of an export holds. `subject` columns carry the subject's name. */
export const COLUMN_KINDS = [
  'personalCode',
  'fullName',
  'firstName',
  'lastName',
  'classLabel',
  'unexcused',
  'excused',
  'lessons',
  'notAssessed',
  'subject',
  'mark',
  'subjectMarks',
  'ignore',
] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/**
 * A column's meaning. `subject` names the column that holds the subject's name
 * (one row per student and subject); `mark` holds that row's mark(s);
 * `subjectMarks` is a column of marks for one named subject (one row per student).
 */
export const columnRoleSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(COLUMN_KINDS).exclude(['subjectMarks']),
  }),
  z.object({ kind: z.literal('subjectMarks'), subject: z.string().trim().min(1).max(100) }),
]);
export type ColumnRole = z.infer<typeof columnRoleSchema>;

/** A saved mapping: normalised header text → role. */
export const journalMappingSchema = z.record(z.string().min(1).max(200), columnRoleSchema).refine((m) => Object.keys(m).length <= 200, 'errors.field.tooMany');
export type JournalMapping = z.infer<typeof journalMappingSchema>;

export const presetNameSchema = z.string().trim().min(1).max(80);

/** Indicators of one student in one period (one import). */
export interface JournalIndicators {
  unexcusedLessons: number;
  excusedLessons: number;
  /** Lessons in the period, when the export says; null otherwise (then no shares). */
  lessons: number | null;
  /** Share of lessons missed without excuse, 0..1; null without `lessons`. */
  unexcusedShare: number | null;
  /** Share of lessons missed for any reason, 0..1; null without `lessons`. */
  absenceShare: number | null;
  /** Marks below 4 on the 10-point scale. */
  insufficientMarks: number;
  /** "nv" (nav vērtējuma: not assessed). */
  notAssessed: number;
  /** Mean of the numeric marks; null when there are none. */
  average: number | null;
  /** Previous period's average minus this one (positive = dropped); null without both. */
  averageDrop: number | null;
}

/** Thresholds (settings). A signal fires when the indicator reaches the threshold. */
export interface JournalThresholds {
  unexcusedLessons: number;
  unexcusedSharePercent: number;
  absenceSharePercent: number;
  insufficientMarks: number;
  averageDrop: number;
}

export const JOURNAL_THRESHOLD_DEFAULTS: JournalThresholds = {
  unexcusedLessons: 20,
  unexcusedSharePercent: 5,
  absenceSharePercent: 10,
  insufficientMarks: 2,
  averageDrop: 1,
};

export const journalThresholdsSchema = z.object({
  unexcusedLessons: z.number().int().min(1).max(1000),
  unexcusedSharePercent: z.number().min(0.1).max(100),
  absenceSharePercent: z.number().min(0.1).max(100),
  insufficientMarks: z.number().int().min(1).max(100),
  averageDrop: z.number().min(0.1).max(9),
});

export const SIGNAL_KINDS = ['unexcusedLessons', 'unexcusedShare', 'absenceShare', 'insufficientMarks', 'averageDrop'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** The risk factor a signal is evidence for (in the default catalogue). */
export const SIGNAL_RISK_FACTOR: Record<SignalKind, string> = {
  unexcusedLessons: 'school.absences',
  unexcusedShare: 'school.absences',
  absenceShare: 'school.absences',
  insufficientMarks: 'school.lowAchievement',
  averageDrop: 'school.lowAchievement',
};

export interface JournalSignal {
  kind: SignalKind;
  riskFactorId: string;
  /** The indicator's value (a share as a percentage, rounded to 0.1). */
  value: number;
  threshold: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The signals an indicator set raises under the thresholds: pure, so the UI and the CLI agree. */
export function signalsOf(ind: JournalIndicators, t: JournalThresholds): JournalSignal[] {
  const out: JournalSignal[] = [];
  const add = (kind: SignalKind, value: number, threshold: number) =>
    out.push({ kind, riskFactorId: SIGNAL_RISK_FACTOR[kind], value: round1(value), threshold });
  if (ind.unexcusedLessons >= t.unexcusedLessons) add('unexcusedLessons', ind.unexcusedLessons, t.unexcusedLessons);
  if (ind.unexcusedShare !== null && ind.unexcusedShare * 100 >= t.unexcusedSharePercent)
    add('unexcusedShare', ind.unexcusedShare * 100, t.unexcusedSharePercent);
  if (ind.absenceShare !== null && ind.absenceShare * 100 >= t.absenceSharePercent) add('absenceShare', ind.absenceShare * 100, t.absenceSharePercent);
  const insufficient = ind.insufficientMarks + ind.notAssessed;
  if (insufficient >= t.insufficientMarks) add('insufficientMarks', insufficient, t.insufficientMarks);
  if (ind.averageDrop !== null && ind.averageDrop >= t.averageDrop) add('averageDrop', ind.averageDrop, t.averageDrop);
  return out;
}

// ---- What the import and the views return (also the IPC outputs) ----

export const journalColumnSchema = z.object({ index: z.number().int(), header: z.string(), key: z.string(), role: columnRoleSchema.nullable() });
export type JournalColumnView = z.infer<typeof journalColumnSchema>;

export const SKIP_REASONS = ['title', 'empty', 'repeatedHeader', 'totals', 'noIdentity', 'badNumber', 'badMark'] as const;
export const MAPPING_PROBLEMS = ['unknownHeader', 'duplicate', 'noIdentity', 'noValues', 'noHeader'] as const;
export const UNMATCHED_REASONS = ['codeNotInRegister', 'noClass', 'nameNotInClass', 'severalInClass', 'sameStudentTwice'] as const;

export const journalSignalSchema = z.object({ kind: z.enum(SIGNAL_KINDS), riskFactorId: z.string(), value: z.number(), threshold: z.number() });

export const journalReportSchema = z.object({
  status: z.enum(['ok', 'needsMapping']),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['utf-8', 'utf-8-bom', 'windows-1257']).nullable(),
  separator: z.enum([';', ',']).nullable(),
  headerRow: z.number().int(),
  layout: z.enum(['perStudent', 'perSubject']),
  columns: z.array(journalColumnSchema),
  problems: z.array(z.object({ problem: z.enum(MAPPING_PROBLEMS), header: z.string().optional() })),
  semesterId: z.string(),
  presetName: z.string().nullable(),
  studentsRead: z.number().int(),
  matched: z.number().int(),
  /** Rows not tied to a student: shown to the user, never stored. */
  unmatched: z.array(
    z.object({
      rows: z.array(z.number().int()),
      name: z.string(),
      classLabel: z.string(),
      hasCode: z.boolean(),
      reason: z.enum(UNMATCHED_REASONS),
      candidates: z.number().int(),
    }),
  ),
  skipped: z.array(z.object({ row: z.number().int(), reason: z.enum(SKIP_REASONS), column: z.string().optional(), value: z.string().optional() })),
  /** Matched students with at least one signal. */
  signalled: z.number().int(),
  /** Null for a preview or a dry run. */
  importId: z.string().nullable(),
});
export type JournalReport = z.infer<typeof journalReportSchema>;

export const journalIndicatorsSchema = z.object({
  unexcusedLessons: z.number(),
  excusedLessons: z.number(),
  lessons: z.number().nullable(),
  unexcusedShare: z.number().nullable(),
  absenceShare: z.number().nullable(),
  insufficientMarks: z.number().int(),
  notAssessed: z.number().int(),
  average: z.number().nullable(),
  averageDrop: z.number().nullable(),
});

export const journalTrendSchema = z.object({
  periods: z.array(z.object({ semesterId: z.string(), importedAt: z.string(), indicators: journalIndicatorsSchema, signals: z.array(journalSignalSchema) })),
});
export type JournalTrend = z.infer<typeof journalTrendSchema>;

export const journalSignalMapSchema = z.object({
  semesterId: z.string().nullable(),
  importedAt: z.string().nullable(),
  students: z.array(z.object({ studentId: z.string(), kinds: z.array(z.enum(SIGNAL_KINDS)) })),
});
export type JournalSignalMap = z.infer<typeof journalSignalMapSchema>;

export const journalSuggestionsSchema = z.object({
  semesterId: z.string().nullable(),
  importedAt: z.string().nullable(),
  students: z.array(
    z.object({
      studentId: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      grade: z.number().int(),
      classLabel: z.string(),
      signals: z.array(journalSignalSchema),
    }),
  ),
});
export type JournalSuggestions = z.infer<typeof journalSuggestionsSchema>;

export const journalPresetSchema = z.object({ name: z.string(), mapping: journalMappingSchema, updatedAt: z.string() });
export type JournalPreset = z.infer<typeof journalPresetSchema>;

export const journalThresholdsViewSchema = z.object({ thresholds: journalThresholdsSchema, isDefault: z.boolean() });

/** The setting row that holds the thresholds (JSON). */
export const JOURNAL_THRESHOLDS_SETTING = 'journal.thresholds';
