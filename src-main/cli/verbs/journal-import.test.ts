/** `pumpurs journal import`: a real school database, real files, exit codes 0/1/2. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../app/create-app';
import { fixedClock } from '../../ports/clock';
import { createScriptedDialogs } from '../../ports/dialogs';
import { silentLogger } from '../../ports/logger';
import { pathsFor } from '../../ports/paths';
import { createFileSecretStore } from '../../ports/secret-store';
import { cliActor } from '../../services/accounts/access';
import { useCliSession } from '../testing/cli-session';

const resourcesDir = join(import.meta.dirname, '..', '..', '..', 'resources');
const clock = fixedClock('2025-10-15T10:00:00Z');
const { out, err, run, file: inTmp } = useCliSession('pumpurs-test-', clock, { fresh: 'test' });
let dataDir: string;

const openSchool = () => {
  const paths = pathsFor(dataDir, resourcesDir);
  return createApp({ paths, clock, log: silentLogger, secrets: createFileSecretStore(paths.secretsDir), dialogs: createScriptedDialogs(), appVersion: 'test' });
};
const imports = async () => {
  const app = await openSchool();
  const rows = app.database.raw.prepare('SELECT semester_id, matched FROM journal_import').all();
  await app.close();
  return rows;
};

beforeEach(async () => {
  dataDir = inTmp('data');
  expect(await run('init', '--data-dir', dataDir, '--name', 'Madonas pilsētas vidusskola', '--code', '4313900456', '--municipality', 'Madonas novads')).toBe(0);
  const app = await openSchool();
  await app.services.students.create(cliActor('admin'), {
    firstName: 'Jānis',
    lastName: 'Bērziņš',
    personalCode: '150311-20000',
    gender: 'male',
    educationLevel: 'general',
    grade: 8,
    classLabel: 'a',
  });
  await app.close();
});

const GOOD = 'Skolēns;Klase;Stundu skaits;Neattaisnotie kavējumi;Matemātika\nBērziņš Jānis;8.a;400;25;3\nKopā;;;25;\n';

describe('pumpurs journal import', () => {
  it('--dry-run --json says what it would import and writes nothing (exit 0)', async () => {
    const file = inTmp('sem.csv');
    await writeFile(file, GOOD);
    expect(await run('journal', 'import', file, '--data-dir', dataDir, '--dry-run', '--json')).toBe(0);
    const result = JSON.parse(out.join('')) as {
      ok: boolean;
      dryRun: boolean;
      report: { matched: number; signalled: number; importId: string | null; skipped: unknown[] };
    };
    expect(result).toMatchObject({ ok: true, dryRun: true, report: { matched: 1, signalled: 1, importId: null, skipped: [{ row: 3, reason: 'totals' }] } });
    expect(await imports()).toEqual([]);
  });

  it('imports, prints the counts, the skipped rows and the reminder that these are signals (exit 0)', async () => {
    const file = inTmp('sem.csv');
    await writeFile(file, GOOD);
    expect(await run('journal', 'import', file, '--data-dir', dataDir)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('Students in the file: 1; matched: 1; not matched: 0; rows skipped: 1; with signals: 1');
    expect(text).toContain('row 3 skipped: totals row');
    expect(text).toContain('signals, not verdicts');
    expect(await imports()).toEqual([{ semester_id: '2025/26-1', matched: 1 }]);
  });

  it('lists the columns that need a mapping and imports nothing (exit 1); a saved preset then works', async () => {
    const file = inTmp('odd.csv');
    await writeFile(file, 'Skolēns;Klase;Kav. (n)\nBērziņš Jānis;8.a;25\n');
    expect(await run('journal', 'import', file, '--data-dir', dataDir)).toBe(1);
    expect(err.join('\n')).toContain('Kav. (n) → ? (unknown column)');
    expect(err.join('\n')).toContain('Unknown column "Kav. (n)"');
    expect(await imports()).toEqual([]);

    const app = await openSchool();
    await app.services.journal.savePreset(cliActor('admin'), 'Mūsu e-klase', { 'kav n': { kind: 'unexcused' } });
    await app.close();
    expect(await run('journal', 'import', file, '--data-dir', dataDir, '--preset', 'Mūsu e-klase', '--json')).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: true, report: { presetName: 'Mūsu e-klase', matched: 1 } });
    expect(await run('journal', 'import', file, '--data-dir', dataDir, '--preset', 'nav')).toBe(1);
    expect(err[0]).toBe('Preset "nav" was not found. Choose another or create it in the import wizard.');
  });

  it('refuses a missing or broken file (exit 1) and bad arguments (exit 2)', async () => {
    expect(await run('journal', 'import', inTmp('nope.csv'), '--data-dir', dataDir)).toBe(1);
    expect(err[0]).toContain('Cannot open the file');
    const broken = inTmp('broken.xlsx');
    await writeFile(broken, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(await run('journal', 'import', broken, '--data-dir', dataDir)).toBe(1);
    expect(err[0]).toContain('cannot be read as CSV or XLSX');
    expect(await run('journal', 'import', '--data-dir', dataDir)).toBe(2);
    expect(await run('journal', 'import', broken, '--data-dir', dataDir, '--colour', 'red')).toBe(2);
    expect(await run('journal', 'import', '--help')).toBe(0);
    expect(out.join('\n')).toContain('--preset NAME');
  });
});
