import { describe, expect, it } from 'vitest';
import { formatDate, formatDateRange, formatHours, parseDate } from './format';

describe('dates as people type them', () => {
  it('reads dd.mm.yyyy, short years, the trailing dot, slashes and ISO', () => {
    expect(parseDate('01.12.2026')).toBe('2026-12-01');
    expect(parseDate('1.12.2026')).toBe('2026-12-01');
    expect(parseDate(' 01.12.2026. ')).toBe('2026-12-01');
    expect(parseDate('01.12.26')).toBe('2026-12-01');
    expect(parseDate('15.03.95')).toBe('1995-03-15');
    expect(parseDate('2026-12-01')).toBe('2026-12-01');
    expect(parseDate('01/12/2026')).toBe('2026-12-01');
    expect(parseDate('01-12-2026')).toBe('2026-12-01');
  });

  it('refuses what is not a real calendar date or mixes separators', () => {
    for (const text of ['31.02.2026', '2026-02-30', '01.13.26', '01.12/2026', '1.12.202', '', 'rīt', '0026-12-01']) expect(parseDate(text)).toBeNull();
  });

  it('shows every accepted form back as dd.mm.yyyy', () => {
    expect(formatDate(parseDate('01.12.26'))).toBe('01.12.2026');
    expect(formatDate(parseDate('2026-12-01'))).toBe('01.12.2026');
  });
});

describe('formatDateRange (issue 16 item 18: one look for periods)', () => {
  it('shows "dd.mm.yyyy – dd.mm.yyyy" with a spaced en dash, from days or timestamps', () => {
    expect(formatDateRange('2026-09-05', '2026-12-18')).toBe('05.09.2026 – 18.12.2026');
    expect(formatDateRange('2026-12-01T08:00:00.000Z', '2026-12-18')).toBe('01.12.2026 – 18.12.2026');
  });
});

describe('formatHours (issue 16 item 18: sums of minutes as hours)', () => {
  it('shows one decimal with a comma and groups thousands like money', () => {
    expect(formatHours(65505)).toBe('1\u00a0091,8');
    expect(formatHours(45)).toBe('0,8');
    expect(formatHours(60)).toBe('1,0');
    expect(formatHours(0)).toBe('0,0');
    expect(formatHours(60_000_000)).toBe('1\u00a0000\u00a0000,0');
  });
});
