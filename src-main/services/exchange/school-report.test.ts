/**
 * The school report's lines, which SQLite writes (school-report.ts): each is
 * the JSON text JavaScript writes for the record it parses to, so the lines
 * that travel and the records the school's check reads are the same thing;
 * every object's keys in sorted order (each line is its record's canonical
 * JSON); files in id order, a screening's answers and a measure's risk
 * factors in factor id order, whatever characters the school typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_TYPES } from '../../../src-shared/domain/exchange';
import { canonicalJson } from '../../package-format/canonical-json';
import { readSchoolReport, type SchoolReport } from './school-report';
import { makeSchool, movableClock, type Installation } from './testing/exchange-fixture';

let school: Installation;
let semesters: string[];

beforeAll(async () => {
  school = await makeSchool(movableClock('2026-02-10T10:00:00.000Z'), { students: 60, today: '2026-02-10' });
  semesters = school.raw.prepare('SELECT id FROM semester ORDER BY id').pluck().all() as string[];
});

afterAll(async () => {
  await school.close();
});

const sorted = (values: readonly string[]) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function expectLinesAreTheRecords(report: SchoolReport): void {
  for (const type of RECORD_TYPES) {
    expect(report.records[type]).toEqual(report.lines[type].map((line) => JSON.parse(line) as unknown));
    for (const [i, line] of report.lines[type].entries()) {
      expect(line).toBe(JSON.stringify(report.records[type][i]));
      // Keys sorted in every object: the line is its record's canonical JSON, as the recipient stores it (recordJson).
      expect(line, `${type} ${i}`).toBe(canonicalJson(JSON.parse(line)));
    }
  }
}

describe('the report read as lines', () => {
  it('every line is the JSON text of the record it parses to, every file in id order, lists in factor id order', () => {
    let travelled = 0;
    for (const semesterId of semesters) {
      const report = readSchoolReport(school.raw, { semesterId });
      expectLinesAreTheRecords(report);
      for (const type of RECORD_TYPES) {
        const ids = report.records[type].map((r) => r.id);
        expect(ids).toEqual(sorted(ids));
        travelled += ids.length;
      }
      for (const s of report.records.screening) {
        const answers = (s.answers as Array<{ riskFactorId: string }>).map((a) => a.riskFactorId);
        expect(answers.length).toBeGreaterThan(0);
        expect(answers).toEqual(sorted(answers));
      }
      for (const m of report.records.measure) expect(m.riskFactorIds).toEqual(sorted(m.riskFactorIds as string[]));
      for (const o of report.records.outcome) {
        const risks = (o.risks as Array<{ riskFactorId: string }>).map((r) => r.riskFactorId);
        expect(risks).toEqual(sorted(risks));
      }
    }
    // The demo school has plans, screenings, measures, deliveries and evaluated plans to show.
    expect(travelled).toBeGreaterThan(100);
    expect(semesters.some((semesterId) => readSchoolReport(school.raw, { semesterId }).records.outcome.length > 0)).toBe(true);
  });

  it('escapes what the school typed as JavaScript does: quotes, backslashes, control and format characters, emoji', () => {
    const semesterId = semesters[semesters.length - 1]!;
    const student = readSchoolReport(school.raw, { semesterId }).records.student[0]!;
    const typed = {
      first_name: 'Jā"nis\\ \u0001\u001f\u007f\u00ad',
      last_name: 'Bērziņš\n\t\r\b\f\u2028\u2029 😀',
      class_label: '7.\u200db</script>',
    };
    const before = school.raw.prepare('SELECT first_name, last_name, class_label FROM student WHERE id = ?').get(student.id);
    const update = school.raw.prepare('UPDATE student SET first_name = @first_name, last_name = @last_name, class_label = @class_label WHERE id = @id');
    update.run({ ...typed, id: student.id });
    try {
      const report = readSchoolReport(school.raw, { semesterId });
      expectLinesAreTheRecords(report);
      const read = report.records.student.find((s) => s.id === student.id)!;
      expect([read.firstName, read.lastName, read.classLabel]).toEqual([typed.first_name, typed.last_name, typed.class_label]);
    } finally {
      update.run({ ...(before as typeof typed), id: student.id });
    }
  });
});
