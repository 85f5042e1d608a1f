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
