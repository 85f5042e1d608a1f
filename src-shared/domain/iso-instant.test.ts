import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalInstantSchema, isIsoInstant, isoInstantSchema } from './iso-instant';

describe('isIsoInstant', () => {
  it('accepts real UTC instants, with or without a fraction', () => {
    for (const ok of ['2026-02-10T09:00:00.000Z', '2026-02-10T09:00:00Z', '2024-02-29T23:59:59.9Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z']) {
      expect(isIsoInstant(ok), ok).toBe(true);
    }
  });

  it('refuses impossible instants that Date.parse accepts', () => {
    for (const bad of ['2026-02-30T10:00:00.000Z', '2025-02-29T10:00:00Z', '2026-04-31T00:00:00Z', '2026-02-10T24:00:00.000Z', '0000-01-01T00:00:00.000Z']) {
      expect(Number.isNaN(Date.parse(bad)), `Date.parse accepts ${bad}`).toBe(false);
      expect(isIsoInstant(bad), bad).toBe(false);
    }
  });

  it('refuses other forms: offsets, no Z, leap seconds, minutes 60, dates alone, spaces', () => {
    for (const bad of [
      '2026-02-10T09:00:00+02:00',
      '2026-02-10T09:00:00',
      '2026-02-10T23:59:60Z',
      '2026-02-10T09:60:00Z',
      '2026-02-10',
      '2026-02-10 09:00:00Z',
      '2026-02-10T09:00:00.0000Z',
      '+002026-02-10T09:00:00Z',
      '',
    ]) {
      expect(isIsoInstant(bad), bad).toBe(false);
    }
  });

  it('agrees with toISOString for every instant a clock can write (years 1-9999)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), (d) => {
        expect(isIsoInstant(d.toISOString())).toBe(true);
        expect(canonicalInstantSchema.safeParse(d.toISOString()).success).toBe(true);
      }),
    );
  });

  it('the canonical schema insists on milliseconds; the general one does not', () => {
    expect(canonicalInstantSchema.safeParse('2026-02-10T09:00:00Z').success).toBe(false);
    expect(isoInstantSchema.safeParse('2026-02-10T09:00:00Z').success).toBe(true);
    expect(canonicalInstantSchema.safeParse('0000-01-01T00:00:00.000Z').success).toBe(false);
  });
});

/** The check as it was, a regular expression (before the seventh performance pass): the character-by-character one must agree. */
const REFERENCE_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z$/;
function referenceIsIsoInstant(value: string): boolean {
  const m = REFERENCE_INSTANT.exec(value);
  if (!m) return false;
  const [year, month, day, hours, minutes, seconds] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const days = month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days && hours <= 23 && minutes <= 59 && seconds <= 59;
}

/** Strings near the form: a real instant (its fraction cut to 0-3 digits), then up to three characters set, removed or inserted. */
const nearInstants = fc
  .tuple(
    fc.date({ min: new Date('0001-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }),
    fc.integer({ min: 0, max: 3 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...'0123456789-T:.Z+ x\u0660'.split('')), fc.constantFrom('set', 'remove', 'insert')), { maxLength: 3 }),
  )
  .map(([date, fraction, edits]) => {
    const iso = date.toISOString();
    let s = fraction === 0 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 20 + fraction)}Z`;
    for (const [at, c, how] of edits) {
      const i = at % (s.length + 1);
      s = how === 'set' ? s.slice(0, i) + c + s.slice(i + 1) : how === 'remove' ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + c + s.slice(i);
    }
    return s;
  });

describe('isIsoInstant, read character by character', () => {
  it('agrees with the regular expression it replaced, on strings near the form', () => {
    fc.assert(
      fc.property(nearInstants, (s) => {
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
