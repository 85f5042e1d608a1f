/**
 * Field schemas shared by screening, plans, deliveries and semester end:
 * calendar days as YYYY-MM-DD, ids, short texts. Messages are i18n keys.
 */
import { z } from 'zod';
import { isoDateSchema, localIsoDate } from './iso-date';

/** Days use the shared YYYY-MM-DD schema (src-shared/domain/iso-date.ts). */
export const isoDaySchema = isoDateSchema;
export const idSchema = z.string().trim().min(1, 'errors.field.required').max(100, 'errors.field.tooLong');
export const versionSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** A comment on a status change: kept short, it is free text about a child. */
export const commentSchema = z.string().trim().max(1000, 'errors.field.tooLong');

/** Age in whole years on a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Adult (18 or older) on that day; null when the birth date is unknown. */
export function isAdultOn(birthDate: string | null, day: string): boolean | null {
  return birthDate === null ? null : ageOn(birthDate, day) >= 18;
}

/** Today where the school is (Europe/Riga), as YYYY-MM-DD. */
export function localDay(at: Date): string {
  return localIsoDate(at);
}
