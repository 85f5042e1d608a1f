/**
 * A grid (see read-grid.ts) → students with their absences and marks, and the
 * rows skipped with the reason for each. Messy exports are expected: title
 * rows above the header, a header over two rows (a merged group title such as
 * "Kavējumi" above "Attaisnoti" / "Neattaisnoti"), empty lines, repeated
 * headers, a totals row at the end, one row per student or one per student
 * and subject (then a student's name may stand only on their first row).
 *
 * When a header is unknown, two columns claim the same meaning, or the file
 * lacks an identity column or any value column, the result is `needsMapping`
 * with no students: the user maps the columns (and may save the mapping as a
 * preset); nothing is guessed.
 */
import { personalCodeDigits } from '../../../src-shared/domain/personal-code';
import { foldForSearch } from '../../../src-shared/domain/search-fold';
import type { ColumnRole, JournalMapping } from '../../../src-shared/domain/e-journal';
import type { Grid } from './read-grid';
import { normaliseHeader, recogniseHeader } from './headers';

export interface JournalColumn {
  /** 0-based column index. */
  index: number;
  /** The header as the file has it (a two-row header joined with a space). */
  header: string;
  /** normaliseHeader(header): the key a mapping uses. */
  key: string;
  role: ColumnRole | null;
}

export type SkipReason = 'title' | 'empty' | 'repeatedHeader' | 'totals' | 'noIdentity' | 'badNumber' | 'badMark';

export interface SkippedRow {
  /** 1-based row number in the file (as a spreadsheet shows it). */
  row: number;
  reason: SkipReason;
  /** The column concerned (for badNumber / badMark). */
  column?: string;
  /** The offending cell text, cut to 40 characters (never a whole row about a child). */
  value?: string;
}

export interface ParsedMark {
  subject: string;
  /** 1..10, or 'nv' (not assessed), or 'fail' (neieskaitīts). */
  value: number | 'nv' | 'fail';
}

export interface ParsedStudent {
  /** Normalised personal code (DDMMYY-NNNNN), when the file has a valid one. */
  personalCode: string | null;
  name: string;
  classLabel: string;
  /** 1-based file rows that made this student. */
  rows: number[];
  unexcused: number;
  excused: number;
  lessons: number | null;
  notAssessed: number;
  marks: ParsedMark[];
}

export type MappingProblem = 'unknownHeader' | 'duplicate' | 'noIdentity' | 'noValues' | 'noHeader';

export interface ParsedJournal {
  status: 'ok' | 'needsMapping';
  format: Grid['format'];
  encoding?: Grid['encoding'];
  separator?: Grid['separator'];
  /** 1-based row of the (last) header row; 0 when none was found. */
  headerRow: number;
  layout: 'perStudent' | 'perSubject';
  columns: JournalColumn[];
  problems: { problem: MappingProblem; header?: string }[];
  students: ParsedStudent[];
  skipped: SkippedRow[];
}

const HEADER_SCAN_ROWS = 30;
const TOTALS = /^(kopa|kopsumma|summa|pavisam|videji|vid|total|totals|sum|average|klase kopa)\b/;
const IDENTITY_KINDS = new Set(['personalCode', 'fullName', 'firstName', 'lastName']);
const VALUE_KINDS = new Set(['unexcused', 'excused', 'notAssessed', 'mark', 'subjectMarks']);

function columnsFor(grid: Grid, r: number, mapping: JournalMapping): JournalColumn[] {
  const row = grid.rows[r] ?? [];
  const above = r > 0 ? (grid.rows[r - 1] ?? []) : [];
  const columns: JournalColumn[] = [];
  for (let c = 0; c < row.length; c++) {
    const own = row[c] ?? '';
    if (own === '') continue;
    let header = own;
    let role = recogniseHeader(own, mapping);
    const group = above[c] ?? '';
    if (group !== '' && group !== own) {
      // A two-row header: the group title above ("Kavējumi") with this sub-title ("attaisnoti");
      // the joined title, when known, is the more specific one.
      const joined = `${group} ${own}`;
      const joinedRole = recogniseHeader(joined, mapping);
      if (joinedRole) {
        header = joined;
        role = joinedRole;
      }
    }
    columns.push({ index: c, header, key: normaliseHeader(header), role });
  }
  // A header merged across columns (or simply repeated) names several columns: the second and later
  // get their own key ("skolens 2"), so a mapping can give each its own meaning.
  const seen = new Map<string, number>();
  for (const column of columns) {
    const n = (seen.get(column.key) ?? 0) + 1;
    seen.set(column.key, n);
    if (n > 1) {
      column.key = `${column.key} ${n}`;
      column.header = `${column.header} (${n})`;
      column.role = mapping[column.key] ?? column.role;
    }
  }
  return columns;
}

function headerScore(columns: JournalColumn[]): number {
  const kinds = new Set(columns.filter((c) => c.role && c.role.kind !== 'ignore').map((c) => (c.role?.kind === 'subjectMarks' ? `s:${c.key}` : c.role?.kind)));
  const hasIdentity = columns.some((c) => c.role && IDENTITY_KINDS.has(c.role.kind));
  return kinds.size + (hasIdentity ? 10 : 0);
}

function findHeader(grid: Grid, mapping: JournalMapping): { row: number; columns: JournalColumn[] } | null {
  let best: { row: number; columns: JournalColumn[]; score: number } | null = null;
  const last = Math.min(grid.rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < last; r++) {
    const columns = columnsFor(grid, r, mapping);
    const score = headerScore(columns);
    if (score > 0 && (!best || score > best.score)) best = { row: r, columns, score };
  }
  if (best) return best;
  // Nothing recognised: offer the first row with two or more filled cells for mapping.
  for (let r = 0; r < last; r++) {
    const filled = (grid.rows[r] ?? []).filter((c) => c !== '').length;
    if (filled >= 2) return { row: r, columns: columnsFor(grid, r, mapping) };
  }
  return null;
}

/** "12", "6,5", "1 234" → number; '' → null; anything else → NaN. */
export function parseNumber(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f]/g, '');
  if (t === '' || t === '-' || t === '—') return null;
  if (!/^-?\d+([.,]\d+)?$/.test(t)) return Number.NaN;
  return Number(t.replace(',', '.'));
}

const PASS = new Set(['i', 'ieskaitits', 'passed', 'pass', 'atb', 'atbrivots', 'exempt']);
const FAIL = new Set(['ni', 'neieskaitits', 'failed', 'fail']);
const NOT_ASSESSED = new Set(['nv', 'n v', 'nav vertejuma', 'not assessed']);

/** A marks cell → marks; null when a token is not a mark. "7 4 nv", "6,5", "3; 5". */
export function parseMarks(text: string, subject: string): ParsedMark[] | null {
  const folded = normaliseHeader(text);
  if (folded === '') return [];
  if (NOT_ASSESSED.has(folded)) return [{ subject, value: 'nv' }];
  const marks: ParsedMark[] = [];
  for (const token of text.split(/[\s;|]+/).filter((t) => t !== '')) {
    const key = normaliseHeader(token);
    if (NOT_ASSESSED.has(key)) marks.push({ subject, value: 'nv' });
    else if (FAIL.has(key)) marks.push({ subject, value: 'fail' });
    else if (PASS.has(key)) continue;
    else {
      const n = parseNumber(token);
      if (n === null || Number.isNaN(n) || n < 1 || n > 10) return null;
      marks.push({ subject, value: n });
    }
  }
  return marks;
}

const cut = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

/** Parses a grid with an optional mapping (a preset, or the user's fixes): see the file comment. */
export function parseJournal(grid: Grid, mapping: JournalMapping = {}): ParsedJournal {
  const base = { format: grid.format, ...(grid.encoding ? { encoding: grid.encoding } : {}), ...(grid.separator ? { separator: grid.separator } : {}) };
  const header = findHeader(grid, mapping);
  if (!header) {
    return { ...base, status: 'needsMapping', headerRow: 0, layout: 'perStudent', columns: [], problems: [{ problem: 'noHeader' }], students: [], skipped: [] };
  }
  const { columns } = header;
  const problems: ParsedJournal['problems'] = [];
  for (const c of columns) if (!c.role) problems.push({ problem: 'unknownHeader', header: c.header });
  const seen = new Map<string, JournalColumn>();
  for (const c of columns) {
    if (!c.role || c.role.kind === 'ignore') continue;
    const k = c.role.kind === 'subjectMarks' ? `subjectMarks:${normaliseHeader(c.role.subject)}` : c.role.kind;
    const first = seen.get(k);
    // A header merged across columns repeats itself: two columns with the same title and meaning.
    if (first) problems.push({ problem: 'duplicate', header: c.header });
    else seen.set(k, c);
  }
  const has = (kind: string) => columns.some((c) => c.role?.kind === kind);
  if (!has('personalCode') && !has('fullName') && !(has('firstName') && has('lastName'))) problems.push({ problem: 'noIdentity' });
  if (!columns.some((c) => c.role && VALUE_KINDS.has(c.role.kind))) problems.push({ problem: 'noValues' });
  const layout = has('subject') ? 'perSubject' : 'perStudent';
  if (problems.length > 0) {
    return { ...base, status: 'needsMapping', headerRow: header.row + 1, layout, columns, problems, students: [], skipped: [] };
  }

  const col = (kind: string) => columns.find((c) => c.role?.kind === kind);
  const codeCol = col('personalCode');
  const fullCol = col('fullName');
  const firstCol = col('firstName');
  const lastCol = col('lastName');
  const classCol = col('classLabel');
  const subjectCol = col('subject');
  const markCol = col('mark');
  const numberCols = (['unexcused', 'excused', 'lessons', 'notAssessed'] as const).map((k) => [k, col(k)] as const);
  const subjectMarkCols = columns.filter((c) => c.role?.kind === 'subjectMarks');
  const headerKeys = columns.map((c) => normaliseHeader(grid.rows[header.row]?.[c.index] ?? ''));

  const skipped: SkippedRow[] = [];
  const students = new Map<string, ParsedStudent>();
  const order: string[] = [];
  for (let r = 0; r < header.row; r++) {
    if ((grid.rows[r] ?? []).some((c) => c !== '')) skipped.push({ row: r + 1, reason: 'title' });
  }
  let carried: { code: string | null; name: string; classLabel: string } | null = null;

  for (let r = header.row + 1; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    const at = (c: JournalColumn | undefined) => (c ? (cells[c.index] ?? '').trim() : '');
    const rowNo = r + 1;
    if (cells.every((c) => c === '')) {
      skipped.push({ row: rowNo, reason: 'empty' });
      carried = null;
      continue;
    }
    if (columns.every((c, i) => normaliseHeader(cells[c.index] ?? '') === headerKeys[i])) {
      skipped.push({ row: rowNo, reason: 'repeatedHeader' });
      continue;
    }
    const firstFilled = normaliseHeader(cells.find((c) => c !== '') ?? '');
    const nameText = fullCol ? at(fullCol) : [at(firstCol), at(lastCol)].filter((s) => s !== '').join(' ');
    if (TOTALS.test(firstFilled) || TOTALS.test(normaliseHeader(nameText))) {
      skipped.push({ row: rowNo, reason: 'totals' });
      carried = null;
      continue;
    }
    const code = codeCol ? personalCodeDigits(at(codeCol)) : null;
    let identity = { code: code ? `${code.slice(0, 6)}-${code.slice(6)}` : null, name: nameText.replace(/\s+/g, ' '), classLabel: at(classCol) };
    if (!identity.code && identity.name === '') {
      if (layout === 'perSubject' && carried && at(codeCol) === '') identity = carried;
      else {
        skipped.push({ row: rowNo, reason: 'noIdentity' });
        continue;
      }
    }
    carried = identity;

    const values: Partial<Record<(typeof numberCols)[number][0], number>> = {};
    let bad: SkippedRow | null = null;
    for (const [kind, c] of numberCols) {
      if (!c) continue;
      const raw = at(c);
      if (kind === 'notAssessed' && NOT_ASSESSED.has(normaliseHeader(raw))) {
        values.notAssessed = 1;
        continue;
      }
      const n = parseNumber(raw);
      if (n !== null && (Number.isNaN(n) || n < 0 || n > 100_000)) {
        bad = { row: rowNo, reason: 'badNumber', column: c.header, value: cut(raw) };
        break;
      }
      if (n !== null) values[kind] = n;
    }
    const marks: ParsedMark[] = [];
    if (!bad) {
      const subject = subjectCol ? at(subjectCol) : '';
      const markSources: [JournalColumn, string][] = [
        ...(markCol ? [[markCol, subject] as [JournalColumn, string]] : []),
        ...subjectMarkCols.map((c) => [c, c.role?.kind === 'subjectMarks' ? c.role.subject : c.header] as [JournalColumn, string]),
      ];
      for (const [c, subj] of markSources) {
        const parsed = parseMarks(at(c), subj);
        if (!parsed) {
          bad = { row: rowNo, reason: 'badMark', column: c.header, value: cut(at(c)) };
          break;
        }
        marks.push(...parsed);
      }
    }
    if (bad) {
      skipped.push(bad);
      continue;
    }

    const key =
      identity.code ?? `${foldForSearch(identity.name).split(' ').sort().join(' ')}|${foldForSearch(identity.classLabel).replace(/[^\p{L}\p{N}]/gu, '')}`;
    let s = students.get(key);
    if (!s) {
      s = {
        personalCode: identity.code,
        name: identity.name,
        classLabel: identity.classLabel,
        rows: [],
        unexcused: 0,
        excused: 0,
        lessons: null,
        notAssessed: 0,
        marks: [],
      };
      students.set(key, s);
      order.push(key);
    }
    if (s.name === '' && identity.name !== '') s.name = identity.name;
    if (s.classLabel === '' && identity.classLabel !== '') s.classLabel = identity.classLabel;
    s.rows.push(rowNo);
    s.unexcused += values.unexcused ?? 0;
    s.excused += values.excused ?? 0;
    if (values.lessons !== undefined) s.lessons = (s.lessons ?? 0) + values.lessons;
    s.notAssessed += values.notAssessed ?? 0;
    s.marks.push(...marks);
  }
  return {
    ...base,
    status: 'ok',
    headerRow: header.row + 1,
    layout,
    columns,
    problems: [],
    students: order.map((k) => students.get(k) as ParsedStudent),
    skipped,
  };
}
