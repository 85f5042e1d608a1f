/**
 * isIsoInstant and isIsoDate read their strings character by character
 * (seventh performance pass); here each is held equal to the check it
 * replaced, on strings near the form and on the edge cases one by one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIsoDate } from './iso-date';
import { isIsoInstant } from './iso-instant';

/** The instant check as it was: a regular expression. */
function referenceIsIsoInstant(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z$/.exec(value);
  if (!m) return false;
  const [year, month, day, hours, minutes, seconds] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const days = month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days && hours <= 23 && minutes <= 59 && seconds <= 59;
}

/** The date check as it was: a regular expression and Date.UTC. */
function referenceIsIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Strings near `base`: up to three characters of `alphabet` set, removed or inserted anywhere. */
function near(base: fc.Arbitrary<string>, alphabet: string): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.constantFrom(...alphabet.split('')), fc.constantFrom('set', 'remove', 'insert'));
  return fc.tuple(base, fc.array(edit, { maxLength: 3 })).map(([start, edits]) => {
    let s = start;
    for (const [at, c, how] of edits) {
      const i = at % (s.length + 1);
      s = how === 'set' ? s.slice(0, i) + c + s.slice(i + 1) : how === 'remove' ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + c + s.slice(i);
    }
    return s;
  });
}

/** A real instant with its fraction cut to 0-3 digits. */
const instants = fc
  .tuple(fc.date({ min: new Date('0001-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 3 }))
  .map(([date, fraction]) => {
    const iso = date.toISOString();
    return fraction === 0 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 20 + fraction)}Z`;
  });

/** A YYYY-MM-DD string of years 0000-9999, months 00-13 and days 00-32. */
const dates = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

describe('isIsoInstant, read character by character', () => {
  it('agrees with the regular expression it replaced, on strings near the form', () => {
    fc.assert(
      fc.property(near(instants, '0123456789-T:.Z+ x\u0660'), (s) => {
        expect(isIsoInstant(s), s).toBe(referenceIsIsoInstant(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees on the edge cases one by one', () => {
    for (const s of [
      '2026-02-10T09:00:00.Z',
      '2026-02-10T09:00:00.1234Z',
      '2026-02-10T09:00:0aZ',
      '2026-13-01T00:00:00Z',
      '2026-00-01T00:00:00Z',
      '2026-01-00T00:00:00Z',
      '2000-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2026-02-10T09:00:00z',
      '2026-02-10t09:00:00Z',
    ]) {
      expect(isIsoInstant(s), s).toBe(referenceIsIsoInstant(s));
    }
  });
});

describe('isIsoDate, read character by character', () => {
  it('agrees with the Date.UTC check it replaced, on strings near the form', () => {
    fc.assert(
      fc.property(near(dates, '0123456789-/ x\u0660'), (s) => {
        expect(isIsoDate(s), s).toBe(referenceIsIsoDate(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees on the edge cases one by one', () => {
    for (const s of [
      '0099-12-31',
      '0100-01-01',
      '2024-02-29',
      '2100-02-29',
      '2000-02-29',
      '2025-04-31',
      '2025-00-10',
      '2025-12-00',
      '2025-1-01',
      ' 2025-01-01',
      '2025-01-01 ',
      '',
    ]) {
      expect(isIsoDate(s), s).toBe(referenceIsIsoDate(s));
    }
  });
});
