/**
 * Instants as ISO 8601 UTC strings, `YYYY-MM-DDTHH:MM:SS[.s{1,3}]Z`: the
 * form every timestamp has in the database, in packages and on the wire.
 *
 * The one strict check for them. `Date.parse` is not one: it accepts
 * `2026-02-30T…` (rolled over into March), `T24:00:00` (the next midnight)
 * and year 0000, none of which a clock ever wrote, so a hostile package could
 * carry them into `updatedAt` and the ordering that depends on it.
 */
import { z } from 'zod';

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z$/;

/** Proleptic Gregorian, by arithmetic (Date.UTC maps years 0-99 to 1900-1999). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real UTC instant: a calendar date from year 0001, hours 00–23, minutes and seconds 00–59. */
export function isIsoInstant(value: string): boolean {
  const m = ISO_INSTANT.exec(value);
  if (!m) return false;
  const [year, month, day, hours, minutes, seconds] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hours <= 23 && minutes <= 59 && seconds <= 59;
}

/** A zod schema for an instant in the form above (fraction optional). */
export const isoInstantSchema = z.string().max(24).refine(isIsoInstant, 'errors.field.date');

/** The exact form `Date.prototype.toISOString()` writes (milliseconds always), for canonical signed documents. */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const canonicalInstantSchema = z.string().regex(CANONICAL_INSTANT).refine(isIsoInstant, 'errors.field.date');
