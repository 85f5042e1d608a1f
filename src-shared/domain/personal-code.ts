/**
 * Latvian personal codes (personas kods), in two forms:
 * - legacy `DDMMYY-CNNNN`: birth date, century digit C (0 → 1800s, 1 → 1900s,
 *   2 → 2000s), and a check digit as the last digit;
 * - new (since 2017) `32xxxx-xxxxx`: no birth date and no check digit.
 * A failed check digit is a warning, not a rejection: real registers hold
 * codes that fail it, and a school must still be able to record the child.
 */
import type { FieldError } from '../ipc/result';
import { isIsoDate, isoDate } from './iso-date';

export const CHECK_WEIGHTS = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;

export type ParsedPersonalCode =
  | { ok: false; messageKey: 'errors.field.personalCode' }
  | {
      ok: true;
      /** Normalised: 11 digits with a hyphen after the sixth. */
      code: string;
      kind: 'legacy' | 'new';
      /** From a legacy code; null for the new form. */
      birthDate: string | null;
      /** Legacy codes only: the check digit is right. Always true for the new form. */
      checkDigitOk: boolean;
      warnings: FieldError[];
    };

/** "120305 21234", "12030521234", "120305-21234" → "12030521234"; null if not 11 digits. */
export function personalCodeDigits(input: string): string | null {
  const digits = input.replace(/[\s\u00a0\u202f-]/g, '');
  return /^\d{11}$/.test(digits) ? digits : null;
}

/** The legacy check digit for the first ten digits: (1101 − Σ dᵢ·wᵢ) mod 11 mod 10. */
export function legacyCheckDigit(firstTen: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(firstTen[i]) * (CHECK_WEIGHTS[i] ?? 0);
  return ((1101 - sum) % 11) % 10;
}

const CENTURY: Record<string, number> = { '0': 1800, '1': 1900, '2': 2000 };

/** The birth date in a legacy code, or null if the digits are not a real date. */
export function legacyBirthDate(digits: string): string | null {
  const century = CENTURY[digits[6] ?? ''];
  if (century === undefined) return null;
  const date = isoDate(century + Number(digits.slice(4, 6)), Number(digits.slice(2, 4)), Number(digits.slice(0, 2)));
  return isIsoDate(date) ? date : null;
}

export function parsePersonalCode(input: string): ParsedPersonalCode {
  const digits = personalCodeDigits(input);
  if (!digits) return { ok: false, messageKey: 'errors.field.personalCode' };
  const code = `${digits.slice(0, 6)}-${digits.slice(6)}`;
  if (digits.startsWith('32')) return { ok: true, code, kind: 'new', birthDate: null, checkDigitOk: true, warnings: [] };
  const birthDate = legacyBirthDate(digits);
  if (!birthDate) return { ok: false, messageKey: 'errors.field.personalCode' };
  const checkDigitOk = legacyCheckDigit(digits) === Number(digits[10]);
  const warnings: FieldError[] = checkDigitOk ? [] : [{ path: 'personalCode', messageKey: 'warnings.personalCode.checkDigit' }];
  return { ok: true, code, kind: 'legacy', birthDate, checkDigitOk, warnings };
}

/** Whole years from a birth date (YYYY-MM-DD) to a day (YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * The ages a general-education student of a grade plausibly has: a child
 * starts grade 1 at 6 or 7, so a grade-g student is normally g+5 to g+7;
 * repeating or starting late leaves room up to g+10, an early start down to
 * g+4. Outside that, the birth date (or the code it came from) is more likely
 * wrong than the child (an 8th-grader born in 1911). Vocational courses take
 * adults too, so only general education is checked.
 */
export function implausibleAgeForGrade(
  birthDate: string | null,
  grade: number,
  educationLevel: 'general' | 'vocational',
  today: string,
): { age: number } | null {
  if (!birthDate || educationLevel !== 'general' || !Number.isInteger(grade) || grade < 1 || grade > 12) return null;
  const age = ageOn(birthDate, today);
  return age < grade + 4 || age > grade + 10 ? { age } : null;
}
