/**
 * The statistics screens of a municipality and of the state, in Chromium,
 * over data that travelled school -> municipality -> state through the
 * channels: nine students at risk (eight in one group, one in another).
 * Each screen shows the counts, hides the small one ("•"), keeps the
 * breakdown and the scope in the address, drills down (municipality ->
 * school, state -> municipality), exports XLSX (read back: the same
 * protection), and stays axe-clean.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, startBridge, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { addStudents, invoke, link, screen, SEMESTER, setUpSchool, type Bridge } from './seed';

const MUNI_COORDINATOR = { username: 'ilze.kalnina', displayName: 'Ilze Kalniņa', password: 'novada dati 2025 droši' };
const STATE_COORDINATOR = { username: 'peteris.analitikis', displayName: 'Pēteris Analītiķis', password: 'valsts dati 2025 droši' };

async function send(from: Bridge, to: Bridge, file: string): Promise<void> {
  await from.answerDialogs({ save: [file] });
  await invoke(from.url, 'exchange:export', { semesterId: SEMESTER });
  await to.answerDialogs({ open: [[file]] });
  const preview = await invoke(to.url, 'exchange:importPreview', {});
  if (!preview.token) throw new Error('no import token');
  expect((await invoke(to.url, 'exchange:importCommit', { token: preview.token })).files[0]?.status).toBe('imported');
}

// Three bridges on a shared, busy machine: the fixture's own bridge may take long to start.
test.describe.configure({ timeout: 600_000 });

const COUNT_SHEETS = ['Izvērtētie skolēni', 'Skolēni ar risku pa grupām', 'Pa skolām', 'Pa pašvaldībām'];

async function checkExport(page: Page, bridge: Bridge, file: string): Promise<void> {
  await bridge.answerDialogs({ save: [file] });
  await page.getByRole('button', { name: 'Eksportēt XLSX' }).click();
  await expect(page.getByText(`Saglabāts: ${file}`)).toBeVisible();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const counts: unknown[] = [];
  for (const name of COUNT_SHEETS) {
    wb.getWorksheet(name)?.eachRow((row, r) => {
      if (r > 1) row.eachCell((c, col) => col > 1 && counts.push(c.value));
    });
  }
  expect(counts).toContain(9);
  expect(counts).toContain('•');
  expect(counts.filter((v) => typeof v === 'number' && v >= 1 && v < 5)).toEqual([]);
}

test('municipality and state statistics: protected counts, breakdown and scope in the address, drill-down, XLSX export', async ({ page, bridge }) => {
  const muniBridge = await startBridge({ today: '2025-10-15' });
  const stateBridge = await startBridge({ today: '2025-10-15' });
  const files = await mkdtemp(join(tmpdir(), 'pumpurs-area-stats-'));
  try {
    await setUpSchool(bridge.url);
    await invoke(muniBridge.url, 'org:setUpAuthority', { profile: { mode: 'municipality', municipality: 'Madonas novads' }, coordinator: MUNI_COORDINATOR });
    await invoke(stateBridge.url, 'org:setUpAuthority', { profile: { mode: 'state' }, coordinator: STATE_COORDINATOR });
    await link(bridge, muniBridge, files, 'school');
    await link(muniBridge, stateBridge, files, 'muni');
    const students = await addStudents(bridge.url, 9);
    for (const [i, s] of students.entries()) await screen(bridge.url, s.id, [i === 0 ? 'family.lowParentalInvolvement' : 'school.absences']);
    await send(bridge, muniBridge, join(files, 'school.pumpurs'));
    await send(muniBridge, stateBridge, join(files, 'state.pumpurs'));

    // The municipality.
    const problems = watchConsole(page);
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.goto(`${muniBridge.url}/#/statistics/area?semester=${encodeURIComponent(SEMESTER)}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Statistika' })).toBeVisible();
    const studentsTable = page.getByRole('table', { name: 'Izvērtētie skolēni' });
    await expect(studentsTable.getByRole('row', { name: /Ar risku/ })).toContainText('9');
    const groups = page.getByRole('table', { name: 'Skolēni ar risku pa grupām' });
    await expect(groups.getByRole('row', { name: /Ar izglītības iestādi/ })).toContainText('8');
    await expect(groups.getByRole('row', { name: /ģimen/i })).toContainText('•');
    await expect(page.getByText(/mazāk par 5 \(slēpts\)/)).toBeVisible();
    const units = page.getByTestId('stat-units');
    await expect(units.getByRole('row', { name: /Madonas pilsētas vidusskola/ })).toContainText('9');
    await expectNoSeriousA11yIssues(page, 'statistics-municipality');
    await saveScreenshot(page, 'statistics-municipality');
    await page.getByLabel('Sadalījums').selectOption('gender');
    await expect(page).toHaveURL(/by=gender/);
    await checkExport(page, muniBridge, join(files, 'muni-stats.xlsx'));
    // Drill-down to the school: the scope goes into the address.
    await units.getByRole('link', { name: 'Madonas pilsētas vidusskola', exact: true }).click();
    await expect(page).toHaveURL(/sender=/);
    await expect(page.getByTestId('stat-scope')).toContainText('Madonas pilsētas vidusskola');
    await expect(page.getByLabel('Sadalījums')).toHaveValue('gender');
    // From a number to the list behind it: the school's plans.
    await page.getByTestId('stat-units').getByRole('link', { name: 'Plāni: Madonas pilsētas vidusskola' }).click();
    await expect(page).toHaveURL(/#\/schools\/4313900456/);

    // The trends chart: an image with its figures as text, above its table.
    await page.goto(`${muniBridge.url}/#/statistics/area?semester=${encodeURIComponent(SEMESTER)}`);
    await expect(page.getByTestId('chart-trends').getByRole('img', { name: /pa semestriem/ })).toBeVisible();
    await expect(page.getByTestId('chart-trends')).toContainText('Ar risku');

    // Programme indicators: an A4 document, printable, and XLSX with Latvian headers and numbers as numbers.
    await page.getByRole('link', { name: /Programmas rādītāji/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Programmas rādītāji' })).toBeVisible();
    const doc = page.getByTestId('indicators-document');
    await expect(doc.getByRole('row', { name: /Iesaistītās pašvaldības/ })).toBeVisible();
    await expect(doc.getByTestId('indicators-students').getByRole('columnheader', { name: 'Kopā' })).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'indicators');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    const indicatorsFile = join(files, 'indicators.xlsx');
    await muniBridge.answerDialogs({ save: [indicatorsFile] });
    await page.getByRole('button', { name: 'Eksportēt XLSX' }).click();
    await expect(page.getByText(`Saglabāts: ${indicatorsFile}`)).toBeVisible();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(indicatorsFile);
    const sheet = wb.getWorksheet('Programmas rādītāji');
    expect(sheet?.getRow(1).getCell(1).value).toBe('Rādītājs');
    const values = new Map<string, unknown>();
    sheet?.eachRow((row, r) => r > 1 && values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(typeof values.get('Atbalstītie skolēni (unikāli)')).toBe('number');
    expect(typeof values.get('Iesaistītās pašvaldības')).toBe('number');
    // The second sheet (its name cut to Excel's 31 characters): students by education level and gender.
    expect(wb.worksheets[1]?.getRow(1).getCell(1).value).toBe('Izglītības veids');
    await page.getByLabel('Valoda').selectOption('en');
    await expect(page.getByRole('heading', { level: 1, name: 'Programme indicators' })).toBeVisible();
    await expect(page.getByTestId('indicators-document').getByRole('row', { name: /Municipalities taking part/ })).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'indicators in English');
    await page.getByLabel('Language').selectOption('lv');

    // The coordinator raises the threshold: the 9 at risk are now hidden on the screen.
    await page.goto(`${muniBridge.url}/#/settings/statistics`);
    await page.getByRole('textbox', { name: 'Slieksnis' }).fill('10');
    await page.getByRole('button', { name: 'Saglabāt slieksni' }).click();
    await expect(page.getByText('Slieksnis saglabāts: 10.')).toBeVisible();
    await page.goto(`${muniBridge.url}/#/statistics/area?semester=${encodeURIComponent(SEMESTER)}`);
    await expect(page.getByText(/mazāk par 10 \(slēpts\)/)).toBeVisible();
    await expect(page.getByRole('table', { name: 'Izvērtētie skolēni' }).getByRole('row', { name: /Ar risku/ })).toContainText('•');
    expect(problems).toEqual([]);

    // The state.
    const statePage = await page.context().newPage();
    const stateProblems = watchConsole(statePage);
    await statePage.setViewportSize({ width: 1360, height: 900 });
    await statePage.goto(`${stateBridge.url}/#/statistics/area?semester=${encodeURIComponent(SEMESTER)}`);
    await expect(statePage.getByRole('heading', { level: 1, name: 'Statistika' })).toBeVisible();
    const stateUnits = statePage.getByTestId('stat-units');
    await expect(statePage.getByRole('heading', { name: 'Pa pašvaldībām' })).toBeVisible();
    await expect(stateUnits.getByRole('row', { name: /Madonas novads/ })).toContainText('9');
    await expect(statePage.getByRole('table', { name: 'Skolēni ar risku pa grupām' }).getByRole('row', { name: /ģimen/i })).toContainText('•');
    await expectNoSeriousA11yIssues(statePage, 'statistics-state');
    await saveScreenshot(statePage, 'statistics-state');
    await checkExport(statePage, stateBridge, join(files, 'state-stats.xlsx'));
    await stateUnits.getByRole('link', { name: 'Madonas novads', exact: true }).click();
    await expect(statePage).toHaveURL(/sender=/);
    await expect(statePage.getByRole('heading', { name: 'Pa skolām' })).toBeVisible();
    await expect(statePage.getByTestId('stat-units').getByRole('row', { name: /Madonas pilsētas vidusskola/ })).toContainText('9');
    // Never a person at the state: no student's name on the screen.
    const shown = (await statePage.locator('body').textContent()) ?? '';
    for (const s of students) expect(shown).not.toContain(s.lastName);
    expect(stateProblems).toEqual([]);
  } finally {
    await muniBridge.close();
    await stateBridge.close();
    await rm(files, { recursive: true, force: true });
  }
});
