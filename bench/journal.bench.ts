/**
 * Importing a 1,500-student school's semester export from the e-journal, one
 * row per student and subject (12 subjects: 18,000 rows, CSV in
 * Windows-1257 with `;` and decimal commas, the name on each student's first
 * row only): reading, matching to the register, computing the indicators and
 * writing them in one transaction. Baseline: parsing the same file alone.
 */
import { join } from 'node:path';
import { fixedClock } from '../src-main/ports/clock';
import { cliActor } from '../src-main/services/accounts/access';
import { CalendarService } from '../src-main/services/school/calendar-service';
import { generateDemoData } from '../src-main/services/demo-data/demo-data';
import { EJournalService } from '../src-main/services/e-journal/e-journal-service';
import { parseJournal } from '../src-main/services/e-journal/parse-journal';
import { readGrid } from '../src-main/services/e-journal/read-grid';
import { loadRiskCatalogue } from '../src-main/services/school/risk-catalogue-service';
import { makeTempDir, openTempDatabase } from '../src-main/db/testing/temp-db';
import { mib, ms, ratio, time, type BenchResult } from './measure';

const STUDENTS = 1_500;
const TODAY = '2025-11-28';
const SUBJECTS = [
  'Latviešu valoda',
  'Matemātika',
  'Angļu valoda',
  'Vēsture',
  'Bioloģija',
  'Ķīmija',
  'Fizika',
  'Ģeogrāfija',
  'Sports',
  'Mūzika',
  'Informātika',
  'Vizuālā māksla',
];

/** Windows-1257 bytes for text made of ASCII and Latvian letters. */
function encode1257(text: string): Uint8Array {
  const table: Record<string, number> = {
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
    Č: 0xc8,
    Ē: 0xc7,
    Ģ: 0xcc,
    Ī: 0xce,
    Ķ: 0xcd,
    Ļ: 0xcf,
    Ņ: 0xd2,
    Š: 0xd0,
    Ū: 0xdb,
    Ž: 0xde,
  };
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const code = ch.charCodeAt(0);
    out[i] = code < 0x80 ? code : (table[ch] ?? 0x3f);
  }
  return out;
}

export async function benchJournal(): Promise<BenchResult> {
  const riskCatalogue = await loadRiskCatalogue(join(import.meta.dirname, '..', 'resources'));
  const dir = await makeTempDir('pumpurs-bench-journal-');
  const db = await openTempDatabase(dir.dir);
  try {
    await generateDemoData(db.db, { students: STUDENTS, seed: 2025, today: TODAY, riskCatalogue });
    const students = await db.db
      .selectFrom('student')
      .select(['personal_code', 'first_name', 'last_name', 'grade', 'class_label'])
      .where('status', '=', 'active')
      .execute();
    const lines = [
      'Sekmju un kavējumu kopsavilkums, 2025./26. m. g. 1. semestris',
      '',
      'Personas kods;Skolēns;Klase;Mācību priekšmets;Stundu skaits;Neattaisnotie kavējumi;Attaisnotie kavējumi;Semestra vērtējums',
    ];
    students.forEach((s, i) => {
      SUBJECTS.forEach((subject, k) => {
        // About one student in ten misses many lessons or fails marks: the rest are ordinary.
        const troubled = i % 10 === 0;
        const mark = troubled && k % 4 === 0 ? (k === 0 ? 'nv' : '3') : `${((i + k) % 6) + 4},${(i * k) % 10}`;
        const unexcused = troubled ? 3 : k % 6 === 0 ? 1 : 0;
        const first = k === 0;
        lines.push(
          [
            first ? s.personal_code : '',
            first ? `${s.last_name} ${s.first_name}` : '',
            first ? `${s.grade}.${s.class_label}` : '',
            subject,
            34,
            unexcused,
            (i * k) % 4,
            mark,
          ].join(';'),
        );
      });
    });
    lines.push(';Kopā;;;;;;');
    const bytes = encode1257(lines.join('\r\n'));
    const journal = new EJournalService(db.db, fixedClock(`${TODAY}T10:00:00Z`), new CalendarService(db.db, fixedClock(`${TODAY}T10:00:00Z`)));
    const actor = cliActor('bench');

    let students_ = 0;
    const parse = await time(5, async () => {
      students_ = parseJournal(await readGrid(bytes)).students.length;
    });
    let matched = 0;
    let signalled = 0;
    const imported = await time(5, async () => {
      const report = await journal.import(actor, { bytes, fileName: 'semestris.csv', semesterId: '2025/26-1' });
      matched = report.matched;
      signalled = report.signalled;
    });
    return {
      name: `e-journal import: ${students.length} students × ${SUBJECTS.length} subjects (${lines.length} rows, ${mib(bytes.byteLength)}, Windows-1257)`,
      lines: [
        `import (median of 5): ${ms(imported.medianMs)}  vs parsing the file alone: ${ms(parse.medianMs)}  (${ratio(imported.medianMs, parse.medianMs)})`,
        `students read: ${students_}; matched: ${matched}; with signals: ${signalled}`,
      ],
    };
  } finally {
    await db.close();
    await dir.remove();
  }
}
