import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIsoDate } from './iso-date';

/** The check as it was (before the seventh performance pass): a regular expression and Date.UTC. */
function referenceIsIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Strings near the form: a date of years 0000-9999, then up to three characters set, removed or inserted. */
const nearDates = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...'0123456789-/ x\u0660'.split('')), fc.constantFrom('set', 'remove', 'insert')), { maxLength: 3 }),
  )
  .map(([y, m, d, edits]) => {
    let s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    for (const [at, c, how] of edits) {
      const i = at % (s.length + 1);
      s = how === 'set' ? s.slice(0, i) + c + s.slice(i + 1) : how === 'remove' ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + c + s.slice(i);
    }
    return s;
  });

describe('isIsoDate, read character by character', () => {
  it('agrees with the Date.UTC check it replaced, on strings near the form', () => {
    fc.assert(
      fc.property(nearDates, (s) => {
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
