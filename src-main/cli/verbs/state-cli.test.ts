/**
 * School -> municipality -> state by the CLI, on three data folders: init,
 * demo data, key cards both ways (fingerprints compared), the school's
 * export and the municipality's import, then `pumpurs export --to state
 * --preview` (nothing written), `pumpurs export --to state --period P
 * --out F`, and at the state `pumpurs enrol` and `pumpurs import
 * [--dry-run] F`. The state then holds the municipality's report, counted
 * per school, and no name from the school.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../ports/clock';
import { openAppAt } from '../../services/exchange/testing/exchange-fixture';
import { cliActor } from '../../services/accounts/access';
import { useCliSession } from '../testing/cli-session';

const clock = fixedClock('2026-02-10T10:00:00.000Z');
const PERIOD = '2025/26-1';

const { out, err, run, json, file, hand } = useCliSession('pumpurs-state-cli-', clock);
let schoolDir: string;
let muniDir: string;
let stateDir: string;

beforeAll(() => {
  schoolDir = file('school');
  muniDir = file('municipality');
  stateDir = file('state');
});

describe('pumpurs: the report to the state', () => {
  it('sets up the chain and sends the school’s semester to the municipality', async () => {
    expect(
      await run('init', '--data-dir', schoolDir, '--name', 'Madonas pilsētas vidusskola', '--code', '4313900456', '--municipality', 'Madonas novads'),
    ).toBe(0);
    expect(await run('demo-data', '--data-dir', schoolDir, '--students', '150', '--today', '2026-02-10')).toBe(0);
    expect(await run('init', '--data-dir', muniDir, '--mode', 'municipality', '--municipality', 'Madonas novads')).toBe(0);
    expect(await run('init', '--data-dir', stateDir, '--mode', 'state')).toBe(0);
    await hand(schoolDir, muniDir, 'enrol', 'school.card.json');
    await hand(muniDir, schoolDir, 'trust', 'muni.card.json');
    expect(await run('export', '--data-dir', schoolDir, '--to', 'municipality', '--period', PERIOD, '--out', file('school.pumpurs'))).toBe(0);
    expect(await run('import', '--data-dir', muniDir, file('school.pumpurs'))).toBe(0);
  });

  it('a municipality cannot send before it trusts the state, and --to must name its recipient', async () => {
    expect(await run('export', '--data-dir', muniDir, '--to', 'state', '--period', PERIOD, '--out', file('early.pumpurs'))).toBe(1);
    expect(await run('export', '--data-dir', muniDir, '--to', 'municipality', '--period', PERIOD, '--out', file('wrong.pumpurs'))).toBe(1);
    expect(err.join('\n')).toMatch(/sends its data to "state"/);
    expect(await run('export', '--data-dir', muniDir, '--to', 'moon', '--out', file('wrong.pumpurs'))).toBe(2);
  });

  it('the state enrols the municipality; the municipality previews, then sends', async () => {
    await hand(muniDir, stateDir, 'enrol', 'muni-for-state.card.json');
    await hand(stateDir, muniDir, 'trust', 'state.card.json');
    expect(await run('export', '--data-dir', muniDir, '--to', 'state', '--period', PERIOD, '--preview', '--json')).toBe(0);
    const preview = json().preview as {
      schools: Array<{ id: string; counts: Record<string, number> }>;
      total: Record<string, number>;
      fields: Record<string, string[]>;
    };
    expect(preview.schools.map((s) => s.id)).toEqual(['4313900456']);
    expect(preview.total.student).toBeGreaterThan(3);
    expect(preview.fields.student).toContain('pseudonym');
    expect(await run('export', '--data-dir', muniDir, '--to', 'state', '--period', PERIOD, '--preview')).toBe(0);
    expect(out.join('\n')).toContain('Nothing was written.');

    expect(await run('export', '--data-dir', muniDir, '--to', 'state', '--period', PERIOD, '--out', file('state.pumpurs'), '--json')).toBe(0);
    const sent = json();
    expect(sent).toMatchObject({ ok: true, seq: 1, semesterId: PERIOD, recipient: { kind: 'state', id: 'ikvd' } });
    expect((sent.counts as Record<string, number>).student).toBe(preview.total.student);
  });

  it('the state checks (dry run, nothing written) and imports; again is already imported', async () => {
    expect(await run('import', '--data-dir', stateDir, '--dry-run', '--json', file('state.pumpurs'))).toBe(0);
    expect(json()).toMatchObject({ ok: true, committed: false, files: [{ status: 'ready' }] });
    expect(await run('import', '--data-dir', stateDir, file('state.pumpurs'))).toBe(0);
    expect(out.at(-1)).toBe('Import finished.');
    expect(await run('import', '--data-dir', stateDir, '--json', file('state.pumpurs'))).toBe(0);
    expect(json()).toMatchObject({ files: [{ status: 'alreadyImported' }] });

    const state = await openAppAt(clock, stateDir);
    try {
      const counts = await state.services.exchange.national.counts(cliActor('admin'), { semesterId: PERIOD });
      expect(counts.rows).toHaveLength(1);
      expect(counts.rows[0]).toMatchObject({ senderId: 'madonas-novads', schoolId: '4313900456', schoolName: 'Madonas pilsētas vidusskola' });
      expect(counts.rows[0]?.students).toBeGreaterThan(3);
      const reporters = await state.services.exchange.national.reporters(cliActor('admin'), { semesterId: PERIOD });
      // Every municipality of the shipped list is expected; only the enrolled one has reported.
      expect(reporters.reporters).toHaveLength(43);
      expect(reporters.reporters.filter((r) => r.enrolled).map((r) => [r.org.id, r.lastPackage?.seq ?? null, r.schools])).toEqual([['madonas-novads', 1, 1]]);
      expect(reporters.reporters.filter((r) => r.lastPackage !== null)).toHaveLength(1);
      expect(reporters.reporters.find((r) => r.org.id === 'riga')).toMatchObject({ enrolled: false, lastPackage: null });
    } finally {
      await state.close();
    }
  });

  it('pumpurs report: lists the reports, prints protected tables as JSON, saves XLSX, refuses bad names with exit 2', async () => {
    expect(await run('report', '--data-dir', stateDir)).toBe(0);
    expect(out.join('\n')).toMatch(/^overview /m);
    expect(await run('report', 'nosuch', '--data-dir', stateDir)).toBe(2);
    expect(await run('report', 'overview', '--data-dir', stateDir, '--by', 'sideways')).toBe(2);
    expect(await run('report', 'overview', '--data-dir', stateDir, '--period', PERIOD, '--by', 'gradeBand', '--json')).toBe(0);
    const doc = json() as { ok: boolean; semesterId: string; tables: Array<{ name: string; rows: unknown[][] }> };
    expect(doc).toMatchObject({ ok: true, semesterId: PERIOD });
    const students = doc.tables.find((x) => x.name === 'students');
    expect(students?.rows.length).toBe(3);
    const numbers = doc.tables.filter((x) => x.name !== 'units').flatMap((x) => x.rows.flatMap((r) => r.slice(1)));
    expect(numbers.filter((v) => typeof v === 'number' && v >= 1 && v < 5)).toEqual([]);
    expect(numbers).toContain(null);
    expect(await run('report', 'all', '--data-dir', stateDir, '--period', PERIOD, '--out', file('stats.xlsx'))).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('stats.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toContain('Trends across semesters');
    expect(await run('report', 'units', '--data-dir', stateDir, '--period', PERIOD, '--out', file('stats.csv'))).toBe(0);
    expect((await readFile(file('stats.csv'), 'utf8')).startsWith('\uFEFFBy municipality')).toBe(true);
  });
});
