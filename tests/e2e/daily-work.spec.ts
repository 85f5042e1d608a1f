/**
 * The daily work without friction (issue 16): what a walk through every
 * screen found, each item checked where people meet it, at 1366×768.
 * Data that is not under test is made through the CLI or the services
 * (a 1,500-student demo school exported to its municipality by the CLI;
 * small schools through tests/e2e/seed.ts). Screenshots:
 * test-results/screens/daily-*.png.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, startBridge, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { invoke } from './seed';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const TODAY = '2025-10-15';
const MUNI = { username: 'ilze.kalnina', displayName: 'Ilze Kalniņa', password: 'novada dati 2025 droši' };
const SCHOOL = { name: 'Madonas pilsētas vidusskola', regNo: '4313900456' };

test.use({ viewport: { width: 1366, height: 768 } });

async function checkScreen(page: Page, name: string) {
  await expectNoSeriousA11yIssues(page, name);
  await saveScreenshot(page, `daily-${name}`);
}

/** `pumpurs …` as a person would run it (the built CLI), in English; its stdout. */
async function pumpurs(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [join(ROOT, 'bin', 'pumpurs.mjs'), ...args, '--lang', 'en'], { cwd: ROOT });
  return stdout;
}

/**
 * A municipality data folder holding a 1,500-student demo school's package
 * for 2025/26-1 (about 200 plans), made the way coordinators would with the
 * CLI: demo data, key cards both ways with the fingerprint, export, import.
 */
async function municipalityWithImportedSchool(): Promise<{ work: string; muniDir: string }> {
  const work = await mkdtemp(join(tmpdir(), 'pumpurs-daily-'));
  const school = join(work, 'school');
  const muniDir = join(work, 'muni');
  await writeFile(join(work, 'pw'), `${MUNI.password}\n`);
  await pumpurs('init', '--data-dir', school, '--name', SCHOOL.name, '--code', SCHOOL.regNo, '--municipality', 'Madonas novads');
  await pumpurs('demo-data', '--data-dir', school, '--students', '1500', '--today', TODAY);
  await pumpurs('init', '--data-dir', muniDir, '--mode', 'municipality', '--municipality', 'Madonas novads', '--admin-user', MUNI.username, '--admin-name', MUNI.displayName, '--admin-password-file', join(work, 'pw'));
  const schoolCard = JSON.parse(await pumpurs('keys', 'export', '--data-dir', school, '--out', join(work, 'school.card.json'), '--json')) as { fingerprint: { digits: string } };
  await pumpurs('enrol', '--data-dir', muniDir, join(work, 'school.card.json'), '--fingerprint', schoolCard.fingerprint.digits);
  const muniCard = JSON.parse(await pumpurs('keys', 'export', '--data-dir', muniDir, '--out', join(work, 'muni.card.json'), '--json')) as { fingerprint: { hex: string } };
  await pumpurs('trust', '--data-dir', school, join(work, 'muni.card.json'), '--fingerprint', muniCard.fingerprint.hex);
  await pumpurs('export', '--data-dir', school, '--period', '2025/26-1', '--out', join(work, 'report.pumpurs'));
  await pumpurs('import', '--data-dir', muniDir, join(work, 'report.pumpurs'));
  return { work, muniDir };
}

test.describe('item 1: a municipality reads a school\'s plans as a table', () => {
  let muni: Awaited<ReturnType<typeof startBridge>>;
  let work: string;
  let total: number;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const made = await municipalityWithImportedSchool();
    work = made.work;
    muni = await startBridge({ today: TODAY, dataDir: made.muniDir });
    const plans = await (async () => {
      await invoke(muni.url, 'auth:signIn', { username: MUNI.username, password: MUNI.password });
      return invoke(muni.url, 'muni:plans', { schoolId: SCHOOL.regNo, semesterId: '2025/26-1' });
    })();
    total = plans.plans.length;
  });
  test.afterAll(async () => {
    await muni?.close();
    await rm(work, { recursive: true, force: true });
  });

  test('about 200 plans in a short, searchable, filterable, sortable table that draws only what is in view', async ({ page }) => {
    test.setTimeout(120_000);
    const problems = watchConsole(page);
    expect(total).toBeGreaterThan(150);
    await page.goto(`${muni.url}/#/schools/${SCHOOL.regNo}`);
    await expect(page.getByRole('heading', { level: 1, name: SCHOOL.name })).toBeVisible();
    const table = page.getByTestId('plans-table');
    await expect(table).toBeVisible();
    await expect(page.getByTestId('plans-count')).toHaveText(`${total} ${new Intl.PluralRules('lv').select(total) === 'one' ? 'plāns' : 'plāni'}`);
    // Only the rows in view are drawn, and the page is one screen, not 61,000 px of cards.
    const drawn = await table.locator('tbody tr:not(.spacer)').count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(60);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(1400);
    await expect(table).toHaveAttribute('aria-rowcount', String(total + 1));
    await checkScreen(page, '01-muni-plans-table');

    // Sorted by student by default; the plan-code header sorts by code, again the other way.
    const codeHeader = table.getByRole('columnheader', { name: /Plāna kods/ });
    await expect(table.getByRole('columnheader', { name: /Izglītojamais/ })).toHaveAttribute('aria-sort', 'ascending');
    await codeHeader.getByRole('button').click();
    await expect(codeHeader).toHaveAttribute('aria-sort', 'ascending');
    const codesUp = await table.locator('tbody tr:not(.spacer) td.plan-code').allTextContents();
    expect(codesUp).toEqual([...codesUp].sort((a, b) => a.localeCompare(b, 'lv', { numeric: true })));
    await codeHeader.getByRole('button').click();
    await expect(codeHeader).toHaveAttribute('aria-sort', 'descending');
    const codesDown = await table.locator('tbody tr:not(.spacer) td.plan-code').allTextContents();
    expect(codesDown[0]! > codesUp[0]!).toBe(true);

    // A plan code finds its one plan.
    const oneCode = codesDown[3]!;
    await page.getByRole('searchbox', { name: 'Meklēt' }).fill(oneCode);
    await expect(page.getByTestId('plans-count')).toHaveText(`Atlasīts 1 no ${total} plāniem`);
    await expect(table.locator('tbody tr:not(.spacer)')).toHaveCount(1);
    await expect(table.locator('td.plan-code')).toHaveText(oneCode);

    // A class ("7.b") and a status together.
    await page.getByRole('searchbox', { name: 'Meklēt' }).fill('7.b');
    await expect(page).toHaveURL(/q=7\.b/);
    const classes = await table.locator('tbody tr:not(.spacer) td:nth-child(3)').allTextContents();
    expect(classes.length).toBeGreaterThan(0);
    expect(new Set(classes)).toEqual(new Set(['7.b']));
    await page.getByRole('searchbox', { name: 'Meklēt' }).fill('');
    await expect(page).not.toHaveURL(/q=/);
    await page.getByLabel('Statuss').selectOption({ label: 'Īstenošanā' });
    await expect(page).toHaveURL(/status=active/);
    const statuses = await table.locator('tbody tr:not(.spacer) td:nth-child(4)').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    for (const s of statuses) expect(s).toContain('Īstenošanā');
    await saveScreenshot(page, 'daily-02-muni-plans-filtered');

    // A row opens the plan's measures, and the filters stay in the address.
    const firstRow = table.locator('tbody tr:not(.spacer)').first();
    const name = (await firstRow.locator('th button').textContent()) ?? '';
    await firstRow.locator('th button').click();
    const details = page.getByTestId('imported-plan');
    await expect(details.getByRole('heading', { level: 2 })).toContainText(name);
    await expect(details.getByRole('heading', { level: 2 })).toBeFocused();
    await expect(details.getByRole('table')).toBeVisible();
    expect(page.url()).toContain('status=active');
    await page.reload();
    await expect(page.getByLabel('Statuss')).toHaveValue('active');
    await expect(page.getByTestId('imported-plan').getByRole('heading', { level: 2 })).toContainText(name);
    await checkScreen(page, '03-muni-plan-open');

    // Scrolling to the end draws the last rows (the table is whole, only drawn lazily).
    await page.getByLabel('Statuss').selectOption('');
    await page.locator('.plan-table-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(table.locator(`tbody tr[aria-rowindex="${total + 1}"]`)).toBeVisible();
    expect(problems).toEqual([]);
  });
});
