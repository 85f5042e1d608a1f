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
  z.object({ kind: z.enum(['personalCode', 'fullName', 'firstName', 'lastName', 'classLabel', 'unexcused', 'excused', 'lessons', 'notAssessed', 'subject', 'mark', 'ignore']) }),
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
  const add = (kind: SignalKind, value: number, threshold: number) => out.push({ kind, riskFactorId: SIGNAL_RISK_FACTOR[kind], value: round1(value), threshold });
  if (ind.unexcusedLessons >= t.unexcusedLessons) add('unexcusedLessons', ind.unexcusedLessons, t.unexcusedLessons);
  if (ind.unexcusedShare !== null && ind.unexcusedShare * 100 >= t.unexcusedSharePercent) add('unexcusedShare', ind.unexcusedShare * 100, t.unexcusedSharePercent);
  if (ind.absenceShare !== null && ind.absenceShare * 100 >= t.absenceSharePercent) add('absenceShare', ind.absenceShare * 100, t.absenceSharePercent);
  const insufficient = ind.insufficientMarks + ind.notAssessed;
  if (insufficient >= t.insufficientMarks) add('insufficientMarks', insufficient, t.insufficientMarks);
  if (ind.averageDrop !== null && ind.averageDrop >= t.averageDrop) add('averageDrop', ind.averageDrop, t.averageDrop);
  return out;
}
