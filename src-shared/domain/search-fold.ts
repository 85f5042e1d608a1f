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

/** What the register matches typed words against; the fields of a StudentRow. */
export interface SearchableStudent {
  firstName: string;
  lastName: string;
  classLabel: string;
  personalCode: string;
}

/** A row with its fields folded once, so that filtering on every keystroke folds only the typed words. */
export interface FoldedStudent<T extends SearchableStudent> {
  row: T;
  first: string;
  last: string;
  klass: string;
  code: string;
}

export function foldStudent<T extends SearchableStudent>(row: T): FoldedStudent<T> {
  return {
    row,
    first: foldForSearch(row.firstName),
    last: foldForSearch(row.lastName),
    klass: foldForSearch(row.classLabel),
    code: row.personalCode.replaceAll('-', ''),
  };
}

/**
 * The JavaScript twin of the register's SQL search (student-list-query.ts),
 * so the page can filter rows it already holds without asking main: every
 * word must occur in the first name, the last name or the class label
 * (folded), or, for a word of digits and hyphens, in the personal code
 * without hyphens.
 */
export function matchesSearchWords(student: FoldedStudent<SearchableStudent>, words: readonly string[]): boolean {
  for (const word of words) {
    if (student.first.includes(word) || student.last.includes(word) || student.klass.includes(word)) continue;
    if (/^[\d-]+$/.test(word) && student.code.includes(word.replaceAll('-', ''))) continue;
    return false;
  }
  return true;
}
