/**
 * How the student register matches typed text: case-insensitive and
 * ignoring Latvian diacritics ("eriks" finds "Ēriks", "SIMKUS" finds
 * "Šimkus"). The same folding runs in SQL (student-list-query.ts builds it
 * from LATVIAN_FOLDS), so both sides must use this table.
 */
export const LATVIAN_FOLDS: readonly (readonly [string, string])[] = [
  ['ā', 'a'],
  ['č', 'c'],
  ['ē', 'e'],
  ['ģ', 'g'],
  ['ī', 'i'],
  ['ķ', 'k'],
  ['ļ', 'l'],
  ['ņ', 'n'],
  ['š', 's'],
  ['ū', 'u'],
  ['ž', 'z'],
];

/** Lower case, Latvian letters without their marks. */
export function foldForSearch(text: string): string {
  let out = text.toLowerCase();
  for (const [from, to] of LATVIAN_FOLDS) out = out.replaceAll(from, to);
  return out;
}

/** Typed text → search words (folded, at most 5 of them). */
export function searchWords(query: string): string[] {
  return foldForSearch(query)
    .split(/[\s,]+/)
    .filter((w) => w.length > 0)
    .slice(0, 5);
}
