/**
 * Field schemas shared by screening, plans, deliveries and semester end:
 * calendar days as YYYY-MM-DD, ids, short texts. Messages are i18n keys.
 */
import { z } from 'zod';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDay(text: string): boolean {
  const m = ISO_DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const isoDaySchema = z.string().refine(isIsoDay, 'errors.field.date');
export const idSchema = z.string().trim().min(1, 'errors.field.required').max(100, 'errors.field.tooLong');
export const versionSchema = z.number().int().positive();
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

/** The local calendar day of a moment, as YYYY-MM-DD (Latvian offices run on local time). */
export function localDay(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`;
}

/** The month (YYYY-MM) of a day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}
