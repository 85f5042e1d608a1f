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
import { daysInMonth, digitsAt } from './iso-date';

/**
 * True for a real UTC instant in the form `YYYY-MM-DDTHH:MM:SS[.s{1,3}]Z`: a
 * calendar date from year 0001, hours 00–23, minutes and seconds 00–59.
 * Read character by character, without a regular expression or an
 * allocation: an import checks a few hundred thousand of them
 * (docs/performance.md, "Seventh pass"); iso-instant.test.ts holds it equal
 * to the regular expression it replaced.
 */
export function isIsoInstant(value: string): boolean {
  const length = value.length;
  if (length !== 20 && (length < 22 || length > 24)) return false;
  if (value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH || value.charCodeAt(10) !== LETTER_T) return false;
  if (value.charCodeAt(13) !== COLON || value.charCodeAt(16) !== COLON || value.charCodeAt(length - 1) !== LETTER_Z) return false;
  if (length > 20 && (value.charCodeAt(19) !== DOT || digitsAt(value, 20, length - 21) < 0)) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hours = digitsAt(value, 11, 2);
  const minutes = digitsAt(value, 14, 2);
  const seconds = digitsAt(value, 17, 2);
  return (
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hours >= 0 &&
    hours <= 23 &&
    minutes >= 0 &&
    minutes <= 59 &&
    seconds >= 0 &&
    seconds <= 59
  );
}

const DASH = 0x2d;
const COLON = 0x3a;
const DOT = 0x2e;
const LETTER_T = 0x54;
const LETTER_Z = 0x5a;

/** A zod schema for an instant in the form above (fraction optional). */
export const isoInstantSchema = z.string().max(24).refine(isIsoInstant, 'errors.field.date');

/** The exact form `Date.prototype.toISOString()` writes (milliseconds always), for canonical signed documents. */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const canonicalInstantSchema = z.string().regex(CANONICAL_INSTANT).refine(isIsoInstant, 'errors.field.date');
