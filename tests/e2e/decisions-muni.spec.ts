/**
 * The municipality's side of issue 9 in Chromium: a municipality holding a
 * demo school's imported package (made with the CLI, as coordinators would)
 * sets a budget, goes through its decision queue, approves one plan with a
 * smaller amount, returns the next with a comment, records a payment,
 * saves the payment list, sets a deadline (the school is late for it) and
 * saves the school's decisions package. Screenshots:
 * test-results/screens/decisions-*.png.
 */
import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, startBridge, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { MUNI, municipalityWithImportedSchool, SCHOOL } from './cli-fixture';
import { invoke } from './seed';
import { formatMoney } from '../../src-shared/domain/format';

const TODAY = '2025-10-15';

test.use({ viewport: { width: 1366, height: 768 } });

async function checkScreen(page: Page, name: string) {
  await expectNoSeriousA11yIssues(page, name);
  await saveScreenshot(page, `decisions-${name}`);
}

const euro = formatMoney;

test.describe.serial('a municipality decides, pays and sends its decisions back', () => {
  let muni: Awaited<ReturnType<typeof startBridge>>;
  let work: string;
  let waiting: Awaited<ReturnType<typeof invoke<'decisions:queue'>>>;

  test.beforeAll(async () => {
    // Eleven CLI runs: a few seconds each on an idle PC, much more on a busy CI machine.
    test.setTimeout(360_000);
    const made = await municipalityWithImportedSchool({ students: 150, today: TODAY, prefix: 'pumpurs-decisions-' });
    work = made.work;
    muni = await startBridge({ today: TODAY, dataDir: made.muniDir });
    await invoke(muni.url, 'auth:signIn', { username: MUNI.username, password: MUNI.password });
    waiting = await invoke(muni.url, 'decisions:queue', {});
  });
  test.afterAll(async () => {
    await muni?.close();
    await rm(work, { recursive: true, force: true });
  });

  test('queue → review → approve a smaller amount → return the next → pay → workbook → deadline → decisions package', async ({ page }) => {
    test.setTimeout(300_000);
    const problems = watchConsole(page);
    expect(waiting.length).toBeGreaterThanOrEqual(3);
    const [first, second] = waiting as [(typeof waiting)[number], (typeof waiting)[number]];
    const firstKind = first.kinds.find((k) => k.startsWith('compensation.')) as string;
    expect(firstKind).toBeDefined();

    // A semester budget for the first plan's compensation kind: 1 000 €.
    await page.goto(`${muni.url}/#/money`);
    await expect(page.getByRole('heading', { level: 1, name: 'Budžets un maksājumi' })).toBeVisible();
    await page.getByLabel('Kompensācijas veids').selectOption(firstKind);
    await page.getByLabel('Budžets, €').fill('1000');
    await page.getByRole('button', { name: 'Saglabāt budžetu' }).click();
    const budgetTable = page.getByTestId('budget-table');
    await expect(budgetTable.getByRole('row').nth(1)).toContainText(euro(100_000));

    // The queue: every waiting plan, oldest first; search by plan code; the arrow keys move between rows.
    await page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Lēmumi' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lēmumu rinda' })).toBeVisible();
    const table = page.getByTestId('queue-table');
    const count = page.getByTestId('queue-count');
    await expect(count).toContainText(`${waiting.length} `);
    await expect(table.locator('tbody tr:not(.spacer)')).toHaveCount(waiting.length);
    await expect(table.locator('td.plan-code, th.plan-code').first()).toHaveText(first.planCode);
    await expect(table.getByRole('columnheader', { name: /Gaida kopš/ })).toHaveAttribute('aria-sort', 'ascending');
    await checkScreen(page, '01-queue');

    await page.getByRole('searchbox', { name: 'Meklēt' }).fill(second.planCode.slice(-4));
    await expect(page).toHaveURL(/q=/);
    await expect(table.locator('tbody tr:not(.spacer)')).toHaveCount(1);
    await expect(count).toHaveText(`Atlasīts 1 no ${waiting.length} plāniem`);
    await page.getByRole('button', { name: 'Notīrīt filtrus' }).click();
    await expect(table.locator('tbody tr:not(.spacer)')).toHaveCount(waiting.length);
    // The kind filter keeps only plans with that kind.
    await page.getByLabel('Pasākuma veids').selectOption(firstKind);
    await expect(page).toHaveURL(new RegExp(`kind=${firstKind.replace('.', '\\.')}`));
    await expect(table.locator('tbody tr:not(.spacer)')).toHaveCount(waiting.filter((w) => w.kinds.includes(firstKind)).length);
    await page.getByRole('button', { name: 'Notīrīt filtrus' }).click();
    await expect(table.locator('tbody tr:not(.spacer)')).toHaveCount(waiting.length);

    const firstLink = table.getByRole('link', { name: `Izskatīt plānu ${first.planCode}` });
    await firstLink.focus();
    await page.keyboard.press('ArrowDown');
    await expect(table.getByRole('link', { name: `Izskatīt plānu ${second.planCode}` })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(firstLink).toBeFocused();
    await page.keyboard.press('Enter');

    // The review of the first plan: risks, measures, consent, the budget left.
    await expect(page.getByRole('heading', { level: 1, name: `Plāns ${first.planCode}` })).toBeVisible();
    await expect(page.getByTestId('review-facts')).toContainText(SCHOOL.name);
    await expect(page.getByTestId('review-risks').getByRole('listitem').first()).toBeVisible();
    const measures = page.getByTestId('review-measures');
    const review = await invoke(muni.url, 'decisions:review', { schoolId: first.schoolId, planId: first.planId });
    const compensation = review.measures.find((m) => m.kindCode === firstKind)!;
    await expect(measures.locator('tbody tr').nth(compensation.no - 1)).toContainText(euro(compensation.plannedCents!));
    const budgetRow = page.getByTestId('review-budget').getByRole('row').nth(1);
    await expect(budgetRow).toContainText(euro(100_000));
    await checkScreen(page, '02-review');

    // Approve with a smaller amount: the budget left after the decision follows the typed amount.
    const reduced = Math.floor(compensation.plannedCents! / 200) * 100; // about half, whole euros
    await page.getByLabel(`Apstiprinātā summa pasākumam Nr. ${compensation.no} (tukšs — kā plānots)`).fill(String(reduced / 100));
    await expect(budgetRow.getByRole('cell').last()).toHaveText(euro(100_000 - reduced));
    await page.getByRole('button', { name: 'Apstiprināt…' }).click();
    const dialog = page.getByRole('dialog', { name: `Apstiprināt plānu ${first.planCode}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Apstiprināt' }).click();
    await expect(page.getByText(`Plāns ${first.planCode} apstiprināts.`)).toBeVisible();

    // The next plan of the queue opens: return it; a comment is required.
    await expect(page.getByRole('heading', { level: 1, name: `Plāns ${second.planCode}` })).toBeVisible();
    await page.getByRole('radio', { name: 'Atgriezt labošanai' }).check();
    await page.getByRole('button', { name: 'Atgriezt labošanai…' }).click();
    await expect(page.getByText('Atgriežot plānu vai atsakot pasākumu, komentārs ir obligāts.')).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.getByLabel('Komentārs skolai').fill('Lūdzu pamatot ēdināšanas summu.');
    await page.getByRole('button', { name: 'Atgriezt labošanai…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Atgriezt' }).click();
    await expect(page.getByText(`Plāns ${second.planCode} atgriezts labošanai.`)).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: `Plāns ${waiting[2]!.planCode}` })).toBeVisible();

    // Back in the queue, two plans fewer wait.
    await page.getByRole('link', { name: 'Atpakaļ uz rindu' }).click();
    await expect(count).toContainText(`${waiting.length - 2} `);
    await expect(table.getByRole('link', { name: `Izskatīt plānu ${first.planCode}` })).toHaveCount(0);

    // A payment against the approved compensation; the list shows it; the payment list saved as XLSX.
    await page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Maksājumi' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Budžets un maksājumi' })).toBeVisible();
    await expect(page.getByTestId('budget-table').getByRole('row').nth(1)).toContainText(euro(100_000 - reduced));
    const payables = page.getByTestId('payables-table');
    await expect(payables.locator('tbody tr', { hasText: first.planCode })).toContainText(euro(reduced));
    await payables.getByRole('button', { name: new RegExp(`Reģistrēt maksājumu: ${first.planCode}`) }).click();
    const pay = page.getByRole('dialog', { name: 'Maksājums' });
    await pay.getByLabel('Maksājuma datums').fill('14.10.2025');
    await pay.getByLabel('Summa, €').fill('20');
    await pay.getByRole('radio', { name: 'Vecāks vai aizbildnis' }).check();
    await pay.getByLabel('Maksājuma uzdevuma numurs').fill('MU-2025-104');
    await pay.getByRole('button', { name: 'Reģistrēt' }).click();
    await expect(page.getByText(`Maksājums ${euro(2000)} plānam ${first.planCode} reģistrēts.`)).toBeVisible();
    const paymentRow = page.getByTestId('payments-table').locator('tbody tr', { hasText: '14.10.2025' });
    await expect(paymentRow).toContainText(first.planCode);
    await expect(paymentRow).toContainText(euro(2000));
    await expect(paymentRow).toContainText('MU-2025-104');
    await expect(paymentRow).toContainText('Vecāks vai aizbildnis');
    await checkScreen(page, '03-money');

    const xlsx = join(work, 'maksajumi.xlsx');
    await muni.answerDialogs({ save: [xlsx] });
    await page.getByRole('button', { name: 'Maksājumu saraksts (XLSX)' }).click();
    await expect(page.getByText(`Saglabāts: ${xlsx}`)).toBeVisible();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(3).value).toBe('Plāna kods');
    expect(sheet.getRow(2).getCell(3).value).toBe(first.planCode);
    expect(sheet.getRow(2).getCell(6).value).toBe(20);

    // A deadline that has passed: the school sent after it, so the home lists it as late.
    await page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Lēmumu kārtība' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lēmumu kārtība' })).toBeVisible();
    await page.getByRole('button', { name: 'Pievienot termiņu' }).click();
    await page.getByLabel('Termiņš 1').fill('01.10.2025');
    await page.getByRole('button', { name: 'Saglabāt iestatījumus' }).click();
    await expect(page.getByText('Iestatījumi saglabāti.', { exact: false })).toBeVisible();
    await page.getByRole('textbox', { name: 'Nosaukums', exact: true }).fill('Jauniešu iniciatīvu centrs');
    await page.getByRole('textbox', { name: 'NVO', exact: true }).fill('Biedrība "Madonas jaunieši"');
    await page.getByRole('textbox', { name: 'Sākums', exact: true }).fill('01.10.2025');
    await page.getByRole('textbox', { name: 'Beigas', exact: true }).fill('19.12.2025');
    await page.getByRole('textbox', { name: 'Budžets, €', exact: true }).fill('5000');
    await page.getByRole('button', { name: 'Pievienot projektu' }).click();
    await expect(page.getByText('Projekta budžets nevar pārsniegt noteikto robežu.')).toBeVisible();
    await page.getByRole('textbox', { name: 'Budžets, €', exact: true }).fill('4600');
    await page.getByRole('button', { name: 'Pievienot projektu' }).click();
    await expect(page.getByTestId('projects-table')).toContainText('Jauniešu iniciatīvu centrs');
    await expect(page.getByTestId('projects-table')).toContainText(euro(460_000));
    await checkScreen(page, '04-settings');

    await page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Sākums' }).click();
    await expect(page.getByTestId('late-schools')).toContainText('Skolas, kas nav iesniegušas līdz 01.10.2025');
    await expect(page.getByTestId('late-schools')).toContainText(SCHOOL.name);

    // The decisions package for the school, from the exchange screen.
    await page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Datu apmaiņa' }).click();
    const outbox = page.getByTestId('decisions-outbox');
    const schoolRow = outbox.locator('tbody tr', { hasText: SCHOOL.name });
    await expect(schoolRow).toContainText('ir jaunumi');
    await expect(schoolRow).toContainText('vēl nav sūtīta');
    await checkScreen(page, '05-outbox');
    const packagePath = join(work, 'lemumi.pumpurs');
    await muni.answerDialogs({ save: [packagePath] });
    await outbox.getByRole('button', { name: `Saglabāt lēmumu pakotni skolai ${SCHOOL.name}` }).click();
    await expect(page.getByText(`Lēmumu pakotne skolai ${SCHOOL.name} (Nr. 1) saglabāta: ${packagePath}`)).toBeVisible();
    await access(packagePath);
    await expect(schoolRow).toContainText('nav jaunumu');
    await expect(schoolRow).toContainText('(Nr. 1)');
    expect(problems).toEqual([]);
  });
});
