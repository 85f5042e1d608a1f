import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDate } from './iso-date';
import { ageOn, CHECK_WEIGHTS, implausibleAgeForGrade, legacyCheckDigit, parsePersonalCode, personalCodeDigits } from './personal-code';

/** A legacy code with a correct check digit for a birth date and serial. */
function legacyCode(year: number, month: number, day: number, serial: number): string {
  const century = year >= 2000 ? 2 : year >= 1900 ? 1 : 0;
  const firstTen = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}${century}${String(serial).padStart(3, '0')}`;
  return `${firstTen.slice(0, 6)}-${firstTen.slice(6)}${legacyCheckDigit(firstTen)}`;
}

const birth = fc.record({
  year: fc.integer({ min: 1800, max: 2099 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  serial: fc.integer({ min: 0, max: 999 }),
});

describe('the legacy check digit', () => {
  it('matches a worked example: 010101-10006', () => {
    // Σ = 0·1 + 1·6 + 0·3 + 1·7 + 0·9 + 1·10 + 1·5 + 0·8 + 0·4 + 0·2 = 28; (1101 − 28) mod 11 = 6
    const sum = [0, 1, 0, 1, 0, 1, 1, 0, 0, 0].reduce((s, d, i) => s + d * (CHECK_WEIGHTS[i] ?? 0), 0);
    expect(sum).toBe(28);
    expect(legacyCheckDigit('0101011000')).toBe(6);
    expect(parsePersonalCode('010101-10006')).toMatchObject({ ok: true, checkDigitOk: true, warnings: [] });
  });

  it('accepts every code made with the right check digit (property)', () => {
    fc.assert(
      fc.property(birth, ({ year, month, day, serial }) => {
        const parsed = parsePersonalCode(legacyCode(year, month, day, serial));
        expect(parsed).toMatchObject({ ok: true, kind: 'legacy', checkDigitOk: true, warnings: [], birthDate: isoDate(year, month, day) });
      }),
    );
  });

  it('warns, but does not reject, when the check digit is wrong (property)', () => {
    fc.assert(
      fc.property(birth, fc.integer({ min: 1, max: 9 }), ({ year, month, day, serial }, delta) => {
        const good = legacyCode(year, month, day, serial);
        const wrong = `${good.slice(0, 11)}${(Number(good[11]) + delta) % 10}`;
        const parsed = parsePersonalCode(wrong);
        expect(parsed).toMatchObject({ ok: true, code: wrong, checkDigitOk: false });
        expect(parsed.ok && parsed.warnings).toEqual([{ path: 'personalCode', messageKey: 'warnings.personalCode.checkDigit' }]);
      }),
    );
  });

  it('catches any single mistyped digit, except where the check value 10 folds onto 0 (property)', () => {
    // The case that once slipped through: 12.xx.xx typed as 32.xx.xx reads as a new-form code.
    expect(parsePersonalCode('320300-01234')).toMatchObject({ ok: true, kind: 'new' });
    fc.assert(
      fc.property(birth, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), ({ year, month, day, serial }, position, delta) => {
        const digits = personalCodeDigits(legacyCode(year, month, day, serial)) ?? '';
        const typo = `${digits.slice(0, position)}${(Number(digits[position]) + delta) % 10}${digits.slice(position + 1)}`;
        const raw = (ten: string) => (1101 - [...ten.slice(0, 10)].reduce((s, d, i) => s + Number(d) * (CHECK_WEIGHTS[i] ?? 0), 0)) % 11;
        const folds = new Set([raw(digits), raw(typo)]).size === 2 && [raw(digits), raw(typo)].every((r) => r === 0 || r === 10);
        const parsed = parsePersonalCode(typo);
        // A typo that makes the code start with 32 turns it into a new-form code, which has no check digit.
        if (parsed.ok && parsed.kind === 'legacy' && !folds) expect(parsed.checkDigitOk).toBe(false);
      }),
    );
  });
});

describe('parsing personal codes', () => {
  it('normalises spaces and the hyphen', () => {
    for (const text of ['12030521234', '120305-21234', ' 120305 21234 ', '120305\u00a0-\u00a021234']) {
      expect(parsePersonalCode(text)).toMatchObject({ ok: true, code: '120305-21234' });
    }
  });

  it('derives the birth date with the century digit: 0 → 1800s, 1 → 1900s, 2 → 2000s', () => {
    expect(parsePersonalCode('120305-01234')).toMatchObject({ birthDate: '1805-03-12' });
    expect(parsePersonalCode('120305-11234')).toMatchObject({ birthDate: '1905-03-12' });
    expect(parsePersonalCode('120305-21234')).toMatchObject({ birthDate: '2005-03-12' });
  });

  it('knows the new form: no birth date, no check digit, no warning', () => {
    expect(parsePersonalCode('321234 56789')).toEqual({ ok: true, code: '321234-56789', kind: 'new', birthDate: null, checkDigitOk: true, warnings: [] });
  });

  it('rejects what is not a personal code: wrong length, letters, impossible dates, unknown century', () => {
    for (const text of ['', '1203052123', '120305212345', '12O305-21234', '310205-21234', '000105-21234', '121305-21234', '120305-31234', '120305-91234']) {
      expect(parsePersonalCode(text), text).toEqual({ ok: false, messageKey: 'errors.field.personalCode' });
    }
  });

  it('gives the same result for a code however it was typed (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), fc.constantFrom('', '-', ' ', ' - '), (digits, sep) => {
        const a = parsePersonalCode(digits);
        const b = parsePersonalCode(`${digits.slice(0, 6)}${sep}${digits.slice(6)}`);
        expect(b).toEqual(a);
        if (a.ok) expect(parsePersonalCode(a.code)).toEqual(a);
      }),
    );
  });
});

describe('a plausible age for the grade', () => {
  it('flags an 8th-grader born in 1911 and a 3-year-old in grade 5, not a normal or a repeating pupil', () => {
    expect(implausibleAgeForGrade('1911-03-15', 8, 'general', '2025-10-15')).toEqual({ age: 114 });
    expect(implausibleAgeForGrade('2022-01-01', 5, 'general', '2025-10-15')).toEqual({ age: 3 });
    expect(implausibleAgeForGrade('2011-03-15', 8, 'general', '2025-10-15')).toBeNull();
    expect(implausibleAgeForGrade('2008-03-15', 8, 'general', '2025-10-15')).toBeNull();
    expect(implausibleAgeForGrade('1990-03-15', 2, 'vocational', '2025-10-15')).toBeNull();
    expect(implausibleAgeForGrade(null, 8, 'general', '2025-10-15')).toBeNull();
  });

  it('counts whole years up to the day before the birthday', () => {
    expect(ageOn('2011-10-16', '2025-10-15')).toBe(13);
    expect(ageOn('2011-10-15', '2025-10-15')).toBe(14);
  });
});
