/**
 * School -> municipality by the CLI, on two data folders: init both, demo
 * data at the school, key cards both ways with the fingerprint compared,
 * export, verify, dry run, import, import again; the municipality then holds
 * record for record what the school's report holds. Exit codes: 0 ok
 * (already imported counts as ok), 1 refused, 2 usage.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { RECORD_TYPES } from '../../../src-shared/domain/exchange';
import { canonicalJson } from '../../package-format/canonical-json';
import { fixedClock } from '../../ports/clock';
import { collectSchoolReport } from '../../services/exchange/school-report';
import { openAppAt } from '../../services/exchange/testing/exchange-fixture';
import { useCliSession } from '../testing/cli-session';

const clock = fixedClock('2026-02-10T10:00:00.000Z');

const { out, err, run, json, file } = useCliSession('pumpurs-exchange-cli-', clock);
let schoolDir: string;
let muniDir: string;

beforeAll(() => {
  schoolDir = file('school');
  muniDir = file('municipality');
});

describe('pumpurs exchange verbs', () => {
  it('set up a school with demo data and a municipality', async () => {
    expect(
      await run('init', '--data-dir', schoolDir, '--name', 'Madonas pilsētas vidusskola', '--code', '4313900456', '--municipality', 'Madonas novads'),
    ).toBe(0);
    expect(await run('demo-data', '--data-dir', schoolDir, '--students', '150', '--today', '2026-02-10')).toBe(0);
    expect(await run('init', '--data-dir', muniDir, '--mode', 'municipality', '--code', '1')).toBe(2);
    expect(err[0]).toBe('The option --code is not for a municipality installation.');
    expect(await run('init', '--data-dir', muniDir, '--mode', 'municipality')).toBe(2);
    expect(err[0]).toBe('Give the option --municipality.');
    expect(await run('init', '--data-dir', muniDir, '--mode', 'municipality', '--municipality', 'Madonas novads', '--json')).toBe(0);
    expect(json()).toMatchObject({ ok: true, organisation: { mode: 'municipality', regNo: 'madonas-novads', name: 'Madonas novads' } });
  });

  it('show fingerprints, and enrol and trust only after the fingerprint is given', async () => {
    expect(await run('keys', 'show', '--data-dir', schoolDir)).toBe(0);
    expect(out[0]).toBe('School: Madonas pilsētas vidusskola (4313900456)');
    expect(out[1]).toMatch(/^Fingerprint \(digits\): (\d{5} ){11}\d{5}$/);
    expect(await run('keys', 'export', '--data-dir', schoolDir, '--out', file('school.card.json'), '--json')).toBe(0);
    const schoolFingerprint = (json().fingerprint as { digits: string }).digits;

    expect(await run('enrol', '--data-dir', muniDir, file('school.card.json'))).toBe(1);
    expect(out).toContain(`Fingerprint (digits): ${schoolFingerprint}`);
    expect(err[0]).toMatch(/^Nothing was enrolled/);
    expect(await run('enrol', '--data-dir', muniDir, file('school.card.json'), '--fingerprint', '12345 67890')).toBe(1);
    expect(err[0]).toMatch(/does not match the key in the file/);
    expect(await run('enrol', '--data-dir', muniDir)).toBe(2);
    expect(await run('enrol', '--data-dir', muniDir, file('school.card.json'), '--fingerprint', schoolFingerprint)).toBe(0);
    expect(out.at(-1)).toBe('"Madonas pilsētas vidusskola" enrolled.');

    expect(await run('keys', 'export', '--data-dir', muniDir, '--out', file('muni.card.json'), '--json')).toBe(0);
    const muniHex = (json().fingerprint as { hex: string }).hex;
    expect(await run('trust', '--data-dir', schoolDir, file('school.card.json'), '--fingerprint', schoolFingerprint)).toBe(1);
    expect(await run('trust', '--data-dir', schoolDir, file('muni.card.json'), '--fingerprint', muniHex)).toBe(0);
  });

  it('export, verify, dry run, import, and import again', async () => {
    expect(await run('export', '--data-dir', schoolDir, '--period', '2025-26-2', '--out', file('report.pumpurs'))).toBe(2);
    expect(await run('export', '--data-dir', schoolDir, '--out', file('report.pumpurs'), '--json')).toBe(0);
    expect(json()).toMatchObject({ ok: true, seq: 1, semesterId: '2025/26-2', recipient: { id: 'madonas-novads' } });

    expect(await run('verify', '--data-dir', muniDir, file('report.pumpurs'), '--json')).toBe(0);
    expect(json()).toMatchObject({ ok: true, file: { status: 'ready', code: null, seq: 1 } });
    expect(await run('import', '--dry-run', '--data-dir', muniDir, file('report.pumpurs'))).toBe(0);
    expect(out.at(-1)).toBe('Dry run: nothing was written.');
    const muni = await openAppAt(clock, muniDir);
    expect(muni.database.raw.prepare('SELECT count(*) AS n FROM imported_record').get()).toEqual({ n: 0 });
    await muni.close();

    expect(await run('import', '--data-dir', muniDir, file('report.pumpurs'), '--json')).toBe(0);
    const imported = json() as { ok: boolean; committed: boolean; files: Array<{ status: string; summary: { total: { created: number } } }> };
    expect(imported).toMatchObject({ ok: true, committed: true, files: [{ status: 'imported' }] });
    expect(imported.files[0]!.summary.total.created).toBeGreaterThan(50);

    expect(await run('import', '--data-dir', muniDir, file('report.pumpurs'))).toBe(0);
    expect(out[0]).toMatch(/^report\.pumpurs: already imported — Madonas pilsētas vidusskola, no\. 1$/);
    expect(out[1]).toBe('  ALREADY_IMPORTED: This package was already imported; nothing was changed.');
  });

  it('the municipality holds record for record what the school reported', async () => {
    const school = await openAppAt(clock, schoolDir);
    const muni = await openAppAt(clock, muniDir);
    try {
      const report = collectSchoolReport(school.database.raw, { semesterId: '2025/26-2' });
      const expected = RECORD_TYPES.flatMap((t) => report[t].map((r) => `${t} ${canonicalJson(r)}`)).sort();
      const held = (
        muni.database.raw.prepare("SELECT record_type, record FROM imported_record WHERE period = '2025/26-2'").all() as {
          record_type: string;
          record: string;
        }[]
      )
        .map((r) => `${r.record_type} ${r.record}`)
        .sort();
      expect(held).toEqual(expected);
    } finally {
      await school.close();
      await muni.close();
    }
  });

  it('refuses a damaged package with exit 1 and its code', async () => {
    const bytes = await readFile(file('report.pumpurs'));
    bytes[bytes.length - 30] = (bytes[bytes.length - 30] ?? 0) ^ 0xff;
    await writeFile(file('damaged.pumpurs'), bytes);
    expect(await run('import', '--data-dir', muniDir, file('damaged.pumpurs'), '--json')).toBe(1);
    expect(json()).toMatchObject({ ok: false, files: [{ status: 'refused', code: expect.stringMatching(/^[A-Z_]+$/) }] });
    expect(await run('import', '--data-dir', muniDir)).toBe(2);
    expect(err[0]).toBe('Missing argument: FILE...');
  });
});
