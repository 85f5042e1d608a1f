/**
 * How dates and money look to users, in both languages: dates dd.mm.yyyy,
 * money from integer cents as "12,50 €".
 */

/** "2025-09-01" or a full ISO timestamp -> "01.09.2025". Bad input -> "". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : '';
}

/** One look for every period in the app: "05.09.2026 – 18.12.2026" (spaced en dash). */
export const DATE_RANGE_DASH = ' – ';
export function formatDateRange(from: string | null | undefined, to: string | null | undefined): string {
  return `${formatDate(from)}${DATE_RANGE_DASH}${formatDate(to)}`;
}

/**
 * A date as people type it -> "YYYY-MM-DD", or null if it is not a real
 * calendar date: "01.09.2025", "1.9.2025", "01.09.2025." (with the Latvian
 * trailing dot), "01.09.25" (two-digit years: 00–69 are 20xx, 70–99 19xx),
 * "01/09/2025", "01-09-2025", and ISO "2025-09-01" (what a date picker or a
 * spreadsheet gives).
 */
export function parseDate(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const dmy = iso ? null : /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\.?$/.exec(trimmed);
  if (!iso && !dmy) return null;
  const [y, mo, d] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [expandYear(dmy![4] as string), Number(dmy![3]), Number(dmy![1])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1000 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function expandYear(text: string): number {
  const n = Number(text);
  if (text.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

/** 1250 -> "12,50 €"; 123456 -> "1 234,56 €" (narrow no-break space groups thousands). */
export function formatMoney(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`money must be integer cents, got ${cents}`);
  const sign = cents < 0 ? '−' : '';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')}\u00a0€`;
}

/**
 * Minutes as hours for sums (overviews, home, statistics): one decimal with a
 * comma, thousands grouped like money: 65505 -> "1 091,8". A single measure
 * keeps its minutes ("45 min").
 */
export function formatHours(minutes: number): string {
  if (!Number.isSafeInteger(minutes)) throw new RangeError(`minutes must be an integer, got ${minutes}`);
  const sign = minutes < 0 ? '−' : '';
  const tenths = Math.round(Math.abs(minutes) / 6);
  const whole = Math.floor(tenths / 10)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${sign}${whole},${tenths % 10}`;
}

/** "12,50", "12.5", "12" -> 1250; anything else -> null. */
export function parseMoney(text: string): number | null {
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?€?$/.exec(text.replace(/[\s\u00a0\u202f]/g, ''));
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}
