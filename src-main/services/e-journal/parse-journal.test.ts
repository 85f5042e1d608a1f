/**
 * The e-journal parser on real files written to disk: each encoding and
 * separator, an XLSX with title rows and merged headers (made with exceljs),
 * a per-subject layout, a totals row, and an unknown header that must ask
 * for a mapping instead of guessing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_THRESHOLD_DEFAULTS, signalsOf } from '../../../src-shared/domain/e-journal';
import { makeTempDir, type TempDir } from '../../db/testing/temp-db';
import { normaliseHeader } from './headers';
import { computeIndicators } from './indicators';
import { parseJournal, type ParsedJournal } from './parse-journal';
import { decodeCsv, MAX_JOURNAL_BYTES, readGrid } from './read-grid';

let tmp: TempDir;
beforeEach(async () => {
  tmp = await makeTempDir();
});
afterEach(async () => {
  await tmp.remove();
});

/** Windows-1257 for the Latvian letters this test uses (the rest is ASCII). */
const CP1257: Record<string, number> = {
  ā: 0xe2,
  č: 0xe8,
  ē: 0xe7,
  ģ: 0xec,
  ī: 0xee,
  ķ: 0xed,
  ļ: 0xef,
  ņ: 0xf2,
  š: 0xf0,
  ū: 0xfb,
  ž: 0xfe,
  Ā: 0xc2,
  Š: 0xd0,
  Ž: 0xde,
  Ē: 0xc7,
};
function encode1257(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.charCodeAt(0);
      if (code < 0x80) return code;
      const b = CP1257[ch];
      if (b === undefined) throw new Error(`no cp1257 byte for ${ch}`);
      return b;
    }),
  );
}

async function parseFile(name: string, bytes: Uint8Array | string): Promise<ParsedJournal> {
  const file = join(tmp.dir, name);
  await writeFile(file, bytes);
  return parseJournal(await readGrid(new Uint8Array(await readFile(file))));
}

const LINES = [
  ['Personas kods', 'Vārds, uzvārds', 'Klase', 'Stundu skaits', 'Neattaisnotie kavējumi', 'Attaisnoti', 'Matemātika', 'Latviešu valoda'],
  ['150311-20000', 'Jānis Bērziņš', '8.a', '400', '24', '10', '3', 'nv'],
  ['100106-20000', 'Līga Kalniņa', '12.a', '380', '2', '0', '7,5', '8'],
];
const csv = (sep: string, lines: string[][]) => lines.map((l) => l.map((c) => (c.includes(sep) ? `"${c}"` : c)).join(sep)).join('\r\n') + '\r\n';

describe('reading CSV exports', () => {
  for (const encoding of ['utf-8', 'utf-8-bom', 'windows-1257'] as const) {
    for (const sep of [';', ','] as const) {
      it(`reads ${encoding} with "${sep}", quoted fields and decimal commas`, async () => {
        const text = csv(sep, LINES);
        const bytes =
          encoding === 'windows-1257'
            ? encode1257(text)
            : encoding === 'utf-8-bom'
              ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
              : Buffer.from(text);
        const parsed = await parseFile(`journal-${encoding}-${sep === ';' ? 'semi' : 'comma'}.csv`, bytes);
        expect(parsed.status).toBe('ok');
        expect(parsed.encoding).toBe(encoding);
        expect(parsed.separator).toBe(sep);
        expect(parsed.students.map((s) => [s.personalCode, s.name, s.classLabel])).toEqual([
          ['150311-20000', 'Jānis Bērziņš', '8.a'],
          ['100106-20000', 'Līga Kalniņa', '12.a'],
        ]);
        const [janis, liga] = parsed.students;
        expect(janis?.marks).toEqual([
          { subject: 'Matemātika', value: 3 },
          { subject: 'Latviešu valoda', value: 'nv' },
        ]);
        expect(liga?.marks[0]).toEqual({ subject: 'Matemātika', value: 7.5 });
      });
    }
  }

  it('computes the indicators and the signals under the default thresholds', async () => {
    const parsed = await parseFile('ind.csv', csv(';', LINES));
    const janis = computeIndicators(parsed.students[0]!, 6);
    expect(janis).toEqual({
      unexcusedLessons: 24,
      excusedLessons: 10,
      lessons: 400,
      unexcusedShare: 0.06,
      absenceShare: 0.085,
      insufficientMarks: 1,
      notAssessed: 1,
      average: 3,
      averageDrop: 3,
    });
    expect(signalsOf(janis, JOURNAL_THRESHOLD_DEFAULTS).map((s) => s.kind)).toEqual(['unexcusedLessons', 'unexcusedShare', 'insufficientMarks', 'averageDrop']);
    const liga = computeIndicators(parsed.students[1]!, null);
    expect(liga.average).toBe(7.75);
    expect(liga.averageDrop).toBeNull();
    expect(signalsOf(liga, JOURNAL_THRESHOLD_DEFAULTS)).toEqual([]);
  });

  it('tells UTF-8 from Windows-1257 by the bytes, and Windows-1257 decodes Latvian letters', () => {
    expect(decodeCsv(encode1257('Skolēns;Šķ')).text).toBe('Skolēns;Šķ');
    expect(decodeCsv(encode1257('Skolēns')).encoding).toBe('windows-1257');
    expect(decodeCsv(Buffer.from('Skolēns')).encoding).toBe('utf-8');
  });

  it('keeps separators and line breaks inside quotes', async () => {
    const parsed = await parseFile(
      'quoted.csv',
      'Skolēns,Klase,Neattaisnoti,Vidējā atzīme\n"Bērziņš, Jānis",8.a,"12","6,5"\n"Ozols ""Jr"" Pēteris",9.b,3,"7"\n',
    );
    expect(parsed.status).toBe('ok');
    expect(parsed.students.map((s) => s.name)).toEqual(['Bērziņš, Jānis', 'Ozols "Jr" Pēteris']);
    expect(parsed.students[0]?.marks).toEqual([{ subject: '', value: 6.5 }]);
  });
});

describe('messy layouts', () => {
  it('reads an XLSX with title rows and a merged two-row header, and reports skipped rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kavējumi');
    ws.addRow(['Madonas pilsētas vidusskola']);
    ws.addRow(['Kavējumu kopsavilkums 2025./26. m. g. 1. semestris']);
    ws.addRow([]);
    ws.addRow(['Nr.', 'Skolēns', 'Klase', 'Kavējumi', null, 'Matemātika']);
    ws.addRow(['Nr.', 'Skolēns', 'Klase', 'Attaisnoti', 'Neattaisnoti', 'Matemātika']);
    ws.mergeCells('A4:A5');
    ws.mergeCells('B4:B5');
    ws.mergeCells('C4:C5');
    ws.mergeCells('D4:E4');
    ws.mergeCells('F4:F5');
    ws.addRow([1, 'Jānis Bērziņš', '8.a', 4, 30, 3]);
    ws.addRow([]);
    ws.addRow([2, 'Līga Kalniņa', '12.a', 0, 'daudz', 8]);
    ws.addRow([3, 'Anna Ozola', '8.a', 2, 1, '6,5']);
    ws.addRow([null, 'Kopā', null, 6, 31, null]);
    const file = join(tmp.dir, 'messy.xlsx');
    await wb.xlsx.writeFile(file);
    const parsed = parseJournal(await readGrid(new Uint8Array(await readFile(file))));
    expect(parsed.status).toBe('ok');
    expect(parsed.format).toBe('xlsx');
    expect(parsed.headerRow).toBe(5);
    expect(parsed.columns.map((c) => [c.header, c.role?.kind])).toEqual([
      ['Nr.', 'ignore'],
      ['Skolēns', 'fullName'],
      ['Klase', 'classLabel'],
      ['Kavējumi Attaisnoti', 'excused'],
      ['Kavējumi Neattaisnoti', 'unexcused'],
      ['Matemātika', 'subjectMarks'],
    ]);
    expect(parsed.students.map((s) => [s.name, s.excused, s.unexcused, s.marks.map((m) => m.value)])).toEqual([
      ['Jānis Bērziņš', 4, 30, [3]],
      ['Anna Ozola', 2, 1, [6.5]],
    ]);
    expect(parsed.skipped).toEqual([
      { row: 1, reason: 'title' },
      { row: 2, reason: 'title' },
      { row: 4, reason: 'title' },
      { row: 7, reason: 'empty' },
      { row: 8, reason: 'badNumber', column: 'Kavējumi Neattaisnoti', value: 'daudz' },
      { row: 10, reason: 'totals' },
    ]);
  });

  it('adds up one row per student and subject, with the name only on the first row', async () => {
    const parsed = await parseFile(
      'per-subject.csv',
      [
        'Sekmju un kavējumu izraksts;;;;;',
        ';;;;;',
        'Klase;Skolēns;Mācību priekšmets;Stundas;Neattaisnotie kavējumi;Semestra vērtējums',
        '8.a;Bērziņš Jānis;Matemātika;120;10;3',
        ';;Latviešu valoda;100;6;nv',
        ';;Sports;60;0;ieskaitīts',
        '8.a;Ozola Anna;Matemātika;120;0;9',
        '8.a;Ozola Anna;Latviešu valoda;100;2;8',
        ';;Kopā;;18;',
      ].join('\n'),
    );
    expect(parsed.status).toBe('ok');
    expect(parsed.layout).toBe('perSubject');
    const [janis, anna] = parsed.students;
    expect(janis).toMatchObject({ name: 'Bērziņš Jānis', classLabel: '8.a', rows: [4, 5, 6], unexcused: 16, lessons: 280 });
    expect(computeIndicators(janis!, null)).toMatchObject({ insufficientMarks: 1, notAssessed: 1, average: 3, unexcusedShare: 0.0571 });
    expect(anna).toMatchObject({ rows: [7, 8], unexcused: 2, lessons: 220 });
    expect(computeIndicators(anna!, 9)).toMatchObject({ average: 8.5, averageDrop: 0.5 });
    expect(parsed.skipped).toEqual([
      { row: 1, reason: 'title' },
      { row: 9, reason: 'totals' },
    ]);
  });

  it('asks for a mapping when a header is unknown, and never guesses', async () => {
    const file = 'unknown.csv';
    const parsed = await parseFile(file, 'Personas kods;Skolēns;Klase;Kav. (n);Matemātika\n150311-20000;Jānis Bērziņš;8.a;12;5\n');
    expect(parsed.status).toBe('needsMapping');
    expect(parsed.students).toEqual([]);
    expect(parsed.problems).toEqual([{ problem: 'unknownHeader', header: 'Kav. (n)' }]);
    // The user's mapping (or a saved preset) resolves it.
    const mapped = parseJournal(await readGrid(new Uint8Array(await readFile(join(tmp.dir, file)))), { [normaliseHeader('Kav. (n)')]: { kind: 'unexcused' } });
    expect(mapped.status).toBe('ok');
    expect(mapped.students[0]).toMatchObject({ personalCode: '150311-20000', unexcused: 12 });
  });

  it('asks for a mapping when nothing identifies the student or no column holds values', async () => {
    expect((await parseFile('noid.csv', 'Klase;Neattaisnoti\n8.a;3\n')).problems).toContainEqual({ problem: 'noIdentity' });
    expect((await parseFile('novalues.csv', 'Skolēns;Klase\nJānis;8.a\n')).problems).toEqual([{ problem: 'noValues' }]);
  });

  it('reads headers in English, in any order, whatever the case and spacing', async () => {
    const parsed = await parseFile('en.csv', 'CLASS,  Unexcused   Absences ,Student Name,Excused,personal code\n8a,5,Jane Doe,1,150311 20000\n');
    expect(parsed.status).toBe('ok');
    expect(parsed.students[0]).toMatchObject({ personalCode: '150311-20000', name: 'Jane Doe', classLabel: '8a', unexcused: 5, excused: 1 });
  });

  it('refuses a file that is too big, empty, or binary, with a message saying so', async () => {
    await expect(readGrid(new Uint8Array(MAX_JOURNAL_BYTES + 1))).rejects.toMatchObject({ messageKey: 'errors.journal.tooBig' });
    await expect(readGrid(new Uint8Array(0))).rejects.toMatchObject({ messageKey: 'errors.journal.empty' });
    await expect(readGrid(new Uint8Array([1, 0, 2, 0]))).rejects.toMatchObject({ messageKey: 'errors.journal.unreadable' });
    await expect(readGrid(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]))).rejects.toMatchObject({ messageKey: 'errors.journal.unreadable' });
  });
});

describe('two-row headers', () => {
  it('prefers the joined title of a two-row header ("Neattaisnotās" over "stundas" is not "lessons")', async () => {
    const parsed = parseJournal({
      format: 'csv',
      rows: [
        ['Skolēns', 'Klase', 'Neattaisnotās', 'Vērtējums'],
        ['Skolēns', 'Klase', 'stundas', 'Vērtējums'],
        ['Jānis Bērziņš', '8.a', '7', '5'],
      ],
    });
    expect(parsed.status).toBe('ok');
    expect(parsed.columns.map((c) => c.header)).toEqual(['Skolēns', 'Klase', 'Neattaisnotās stundas', 'Vērtējums']);
    expect(parsed.students[0]?.unexcused).toBe(7);
  });
});

describe('a header merged across two columns', () => {
  it('asks which column is which, and takes a mapping that tells them apart', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['Skolēns', null, 'Klase', 'Neattaisnoti']);
    ws.mergeCells('A1:B1');
    ws.addRow(['Bērziņš', 'Jānis', '8.a', 5]);
    const file = join(tmp.dir, 'merged-name.xlsx');
    await wb.xlsx.writeFile(file);
    const grid = await readGrid(new Uint8Array(await readFile(file)));
    const parsed = parseJournal(grid);
    expect(parsed.status).toBe('needsMapping');
    expect(parsed.columns.map((c) => [c.header, c.key])).toEqual([
      ['Skolēns', 'skolens'],
      ['Skolēns (2)', 'skolens 2'],
      ['Klase', 'klase'],
      ['Neattaisnoti', 'neattaisnoti'],
    ]);
    expect(parsed.problems).toEqual([{ problem: 'duplicate', header: 'Skolēns (2)' }]);
    const mapped = parseJournal(grid, { skolens: { kind: 'lastName' }, 'skolens 2': { kind: 'firstName' } });
    expect(mapped.status).toBe('ok');
    expect(mapped.students[0]).toMatchObject({ name: 'Jānis Bērziņš', classLabel: '8.a', unexcused: 5 });
  });
});
