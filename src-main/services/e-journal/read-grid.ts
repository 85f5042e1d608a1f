/**
 * An e-journal export's bytes → a grid of cell texts. CSV in UTF-8 (with or
 * without a BOM) or Windows-1257, `;` or `,` separated (detected), quoted
 * fields; XLSX through exceljs (first worksheet; a merged cell's text is
 * repeated in every cell it covers, so a merged header reads as a header over
 * each of its columns). Pure apart from exceljs: no files, no database.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../../../src-shared/ipc/result';

/** Exports bigger than this are refused: a school's semester export is a few MB at most. */
export const MAX_JOURNAL_BYTES = 20 * 1024 * 1024;
/** Rows read at most (a 1,500-student school, one row per student and subject, is ~30,000). */
export const MAX_JOURNAL_ROWS = 200_000;

export type JournalEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1257';

export interface Grid {
  format: 'csv' | 'xlsx';
  encoding?: JournalEncoding;
  separator?: ';' | ',';
  /** rows[i] is the file's row i + 1; cells are trimmed text ('' when empty). */
  rows: string[][];
}

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return XLSX_MAGIC.every((b, i) => bytes[i] === b);
}

/** Decodes CSV bytes: a UTF-8 BOM wins; else strict UTF-8; else Windows-1257 (Baltic). */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: JournalEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1257').decode(bytes), encoding: 'windows-1257' };
  }
}

/** Splits CSV text into records (RFC 4180 quoting: "" inside quotes is a quote; newlines inside quotes stay). */
export function splitCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (ch === separator) {
      row.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell.trim());
      rows.push(row);
      if (rows.length > MAX_JOURNAL_ROWS) throw tooManyRows();
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell.trim());
    rows.push(row);
  }
  return rows;
}

/**
 * `;` or `,`: the one whose split gives the most lines with the same number
 * (above one) of cells. Decimal commas make `,` split numbers, which breaks
 * that agreement, so a `;` file with "6,5" is still read as `;`.
 */
export function detectSeparator(text: string): ';' | ',' {
  const sample = text.slice(0, 64 * 1024);
  const score = (sep: string) => {
    const counts = new Map<number, number>();
    for (const r of splitCsv(sample, sep).slice(0, 200)) {
      if (r.length < 2 || r.every((c) => c === '')) continue;
      counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    }
    return Math.max(0, ...counts.values());
  };
  return score(';') >= score(',') ? ';' : ',';
}

function tooManyRows() {
  return new AppError('RULE_VIOLATION', { messageKey: 'errors.journal.tooManyRows', details: { params: { max: MAX_JOURNAL_ROWS } } });
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('error' in value) return '';
  }
  return '';
}

async function readXlsx(bytes: Uint8Array): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('RULE_VIOLATION', { messageKey: 'errors.journal.unreadable' });
  }
  const sheet = workbook.worksheets.find((ws) => ws.rowCount > 0);
  if (!sheet) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.journal.empty' });
  if (sheet.rowCount > MAX_JOURNAL_ROWS) throw tooManyRows();
  const width = Math.min(sheet.columnCount, 500);
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    // A merged cell's slaves return the master's value: a merged header covers each of its columns.
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    rows.push(cells);
  }
  return { format: 'xlsx', rows };
}

/** Reads an export. Refuses (VALIDATION, with a message saying what to do) what is too big, empty or unreadable. */
export async function readGrid(bytes: Uint8Array): Promise<Grid> {
  if (bytes.byteLength > MAX_JOURNAL_BYTES) {
    throw new AppError('RULE_VIOLATION', { messageKey: 'errors.journal.tooBig', details: { params: { maxMb: MAX_JOURNAL_BYTES / 1024 / 1024 } } });
  }
  if (bytes.byteLength === 0) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.journal.empty' });
  if (looksLikeXlsx(bytes)) return readXlsx(bytes);
  if (bytes.subarray(0, 4096).includes(0)) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.journal.unreadable' });
  const { text, encoding } = decodeCsv(bytes);
  const separator = detectSeparator(text);
  return { format: 'csv', encoding, separator, rows: splitCsv(text, separator) };
}
