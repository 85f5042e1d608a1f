/**
 * The daily work without friction (issue 16): what a walk through every
 * screen found, each item checked where people meet it, at 1366×768.
 * Data that is not under test is made through the CLI or the services
 * (a 1,500-student demo school exported to its municipality by the CLI;
 * small schools through tests/e2e/seed.ts). Screenshots:
 * test-results/screens/daily-*.png.
 */
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, startBridge, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { MUNI, municipalityWithImportedSchool, SCHOOL } from './cli-fixture';
import { legacyCheckDigit } from '../../src-shared/domain/personal-code';
import { addStudents, invoke, screen, SEMESTER, setUpSchool, type SeededStudent } from './seed';

const run = promisify(execFile);
const TODAY = '2025-10-15';

test.use({ viewport: { width: 1366, height: 768 } });

async function checkScreen(page: Page, name: string) {
  await expectNoSeriousA11yIssues(page, name);
  await saveScreenshot(page, `daily-${name}`);
}

test.describe("item 1: a municipality reads a school's plans as a table", () => {
  let muni: Awaited<ReturnType<typeof startBridge>>;
  let work: string;
  let total: number;

  test.beforeAll(async () => {
    // The CLI makes a 1,500-student school and moves its package: minutes on a busy two-core machine.
    test.setTimeout(420_000);
    // A 1,500-student demo school (about 200 plans), as coordinators would make it with the CLI.
    const made = await municipalityWithImportedSchool({ students: 1500, today: TODAY, prefix: 'pumpurs-daily-' });
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

  test("item 11: a municipality's users are offered the municipality's roles, not a school's", async ({ page }) => {
    await page.goto(`${muni.url}/#/settings/staff`);
    await page.getByRole('button', { name: 'Pievienot lietotāju' }).click();
    const roles = page.getByRole('dialog').getByRole('group', { name: 'Lomas' });
    await expect(roles.getByRole('checkbox')).toHaveCount(2);
    await expect(roles.getByRole('checkbox', { name: /^koordinators/ })).toBeVisible();
    await expect(roles.getByRole('checkbox', { name: /^tikai lasīšana/ })).toBeVisible();
    for (const schoolRole of ['plāna autors', 'atbalsta speciālists', 'direktors']) await expect(roles.getByText(schoolRole)).toHaveCount(0);
    await expect(page.getByRole('dialog').getByLabel('Speciālista veids')).toHaveCount(0);
    await checkScreen(page, '10-muni-user-roles');
  });
});

// ------------------------------------------------------------------ a school's daily work, on one bridge

test.describe.serial("a school's daily work", () => {
  let school: Awaited<ReturnType<typeof startBridge>>;
  let students: SeededStudent[] = [];
  const PASSWORD = 'skolas darbs 2025 rudenī';
  const people = {
    psychologist: {
      username: 'peteris.zarins',
      displayName: 'Pēteris Zariņš',
      roles: ['planAuthor', 'specialist'] as const,
      specialistKind: 'psychologist' as const,
    },
    anna1: { username: 'anna.lace', displayName: 'Anna Lāce', roles: ['specialist'] as const, specialistKind: 'teacher' as const },
    anna2: { username: 'anna.lace2', displayName: 'Anna Lāce', roles: ['specialist'] as const, specialistKind: 'teacher' as const },
    elza: { username: 'elza.ozola', displayName: 'Elza Ozola', roles: ['specialist'] as const, specialistKind: 'teacher' as const },
    elina: { username: 'elina.kalna', displayName: 'Elīna Kalna', roles: ['specialist'] as const, specialistKind: 'teacher' as const },
    director: { username: 'dace.liepa', displayName: 'Dace Liepa', roles: ['director'] as const, specialistKind: null },
    reader: { username: 'rita.lasa', displayName: 'Rita Lasītāja', roles: ['readOnly'] as const, specialistKind: null },
  };
  const ids: Record<string, string> = {};
  let planId = '';

  test.beforeAll(async () => {
    // A new bridge's first start (database key, exchange keys, set-up) is slow on a busy machine.
    test.setTimeout(180_000);
    school = await startBridge({ today: TODAY });
    await setUpSchool(school.url);
  });
  test.afterAll(async () => {
    await school?.close();
  });

  test("item 14: a fresh school's empty register says there are no students yet, not that none matches", async ({ page }) => {
    await page.goto(`${school.url}/#/students`);
    await expect(page.getByRole('heading', { level: 1, name: 'Skolēni' })).toBeVisible();
    await expect(page.getByTestId('register-empty')).toHaveText('Skolā vēl nav neviena skolēna. Pievienojiet pirmo ar pogu „Pievienot skolēnu”.');
    await expect(page.getByText('Neviens skolēns neatbilst meklēšanai un filtriem.')).toHaveCount(0);
    await checkScreen(page, '04-register-empty');
    // With a search that finds nothing, the message says so.
    await page.getByRole('searchbox', { name: 'Meklēt' }).fill('Nekāds');
    await expect(page.getByTestId('register-empty')).toHaveText('Neviens skolēns neatbilst meklēšanai un filtriem.');

    // Item 23: the semester end's list of open plans is in the navigation.
    await page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Semestra noslēgums' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Semestra noslēgums: atvērtie plāni' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Semestra noslēgums' })).toHaveAttribute('aria-current', 'page');
  });

  test('items 2 and 22: back from a card to the same filtered list, row and position; the search box keeps its width', async ({ page }) => {
    students = await addStudents(school.url, 300);
    await page.goto(`${school.url}/#/students`);
    const search = page.getByRole('searchbox', { name: 'Meklēt' });
    await expect(page.getByRole('listbox', { name: /skolēn/i })).toBeVisible();
    const widthBefore = (await search.boundingBox())!.width;
    await search.fill('a');
    await expect(page.getByRole('button', { name: 'Notīrīt filtrus' })).toBeVisible();
    expect((await search.boundingBox())!.width).toBe(widthBefore);
    await search.fill('');
    await page.getByLabel('Klase', { exact: true }).selectOption('7');
    // The cleared search reaches the address a moment later; the row must stay where the keys put it either way.
    await expect(page).toHaveURL(/#\/students\?grade=7$/);
    const list = page.getByRole('listbox', { name: /skolēn/i });
    const total = students.filter((s) => s.grade === 7).length;
    await expect(page.locator('.register-count')).toContainText(String(total));
    // Down the list to a row further on, and open it with Enter.
    // The list must hold the focus before the keys go to it (a reload of the list may come just after the count).
    await list.focus();
    await expect(list).toBeFocused();
    for (let i = 0; i < 17; i++) await page.keyboard.press('ArrowDown');
    const row = list.locator('[role="option"][aria-selected="true"]');
    await expect(row).toHaveAttribute('aria-posinset', '18');
    const studentId = (await row.getAttribute('data-student-id'))!;
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
    const scrolled = await list.evaluate((el) => el.scrollTop);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/students/${studentId}$`));

    // The card's link back: the same filter, the same row, the same position, the focus on the list.
    await page.getByRole('link', { name: '← Skolēnu saraksts' }).click();
    await expect(page).toHaveURL(/#\/students\?grade=7$/);
    await expect(page.locator('.register-count')).toContainText(String(total));
    await expect(list.locator('[role="option"][aria-selected="true"]')).toHaveAttribute('data-student-id', studentId);
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(scrolled);
    await expect(list).toBeFocused();
    await saveScreenshot(page, 'daily-05-register-back');

    // Back in the browser does the same.
    await list.locator(`[data-student-id="${studentId}"]`).click();
    await expect(page).toHaveURL(new RegExp(`#/students/${studentId}$`));
    await page.goBack();
    await expect(list.locator('[role="option"][aria-selected="true"]')).toHaveAttribute('data-student-id', studentId);
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(scrolled);
  });

  test('item 6, 16, 21: the personal code warns before saving, a corrected code brings its birth date, an age that does not fit the grade is flagged', async ({
    page,
  }) => {
    const code1911 = `150311-1234${legacyCheckDigit('1503111234')}`;
    const wrong1911 = `${code1911.slice(0, -1)}${(Number(code1911.slice(-1)) + 1) % 10}`;
    const code2011 = `150311-2234${legacyCheckDigit('1503112234')}`;
    const before = (await invoke(school.url, 'students:list', { status: 'active' })).rows.length;
    await page.goto(`${school.url}/#/students/new`);
    await page.getByRole('textbox', { name: 'Vārds', exact: true }).fill('Marta');
    await page.getByRole('textbox', { name: 'Uzvārds' }).fill('Priede');
    await page.getByLabel('Dzimums').selectOption('female');
    await page.getByRole('combobox', { name: 'Klase' }).selectOption('8');
    const code = page.getByRole('textbox', { name: 'Personas kods' });
    const birth = page.getByRole('textbox', { name: 'Dzimšanas datums' });
    await code.fill(wrong1911);
    // The date the code gives is shown at once, and flagged: an 8th-grader of 114.
    await expect(birth).toHaveValue('15.03.1911');
    await expect(page.getByText('Pēc dzimšanas datuma vecums neatbilst klasei.')).toBeVisible();
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    const dialog = page.getByRole('dialog', { name: 'Saglabāt ar brīdinājumiem?' });
    await expect(dialog).toContainText('Personas koda kontrolcipars nesakrīt.');
    await expect(dialog).toContainText('vecums ir 114');
    await checkScreen(page, '06-student-warn-before-save');
    await dialog.getByRole('button', { name: 'Labot' }).click();
    // Nothing was saved.
    await expect(page).toHaveURL(/#\/students\/new$/);
    expect((await invoke(school.url, 'students:list', { status: 'active' })).rows.length).toBe(before);

    // The corrected code brings its own birth date; no warning is left.
    await code.fill(code2011);
    await expect(birth).toHaveValue('15.03.2011');
    await expect(page.getByText('Pēc dzimšanas datuma vecums neatbilst klasei.')).toHaveCount(0);

    // Dates as people type them, and from the calendar.
    const enrolled = page.getByRole('textbox', { name: 'Uzņemts' });
    await enrolled.fill('01.09.25');
    await enrolled.blur();
    await expect(enrolled).toHaveValue('01.09.2025');
    await enrolled.fill('2025-09-02');
    await enrolled.blur();
    await expect(enrolled).toHaveValue('02.09.2025');
    await page.getByRole('group', { name: 'Mācības' }).getByLabel('Izvēlēties datumu kalendārā').first().fill('2025-09-03');
    await expect(enrolled).toHaveValue('03.09.2025');

    // "Add guardian" puts the focus in the new row.
    await page.getByRole('button', { name: 'Pievienot pārstāvi' }).click();
    await expect(page.getByRole('group', { name: '1. pārstāvis' }).getByRole('textbox', { name: 'Vārds, uzvārds' })).toBeFocused();
    await page.keyboard.type('Ilze Priede');
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Priede Marta' })).toBeVisible();
    await expect(page.getByText('15.03.2011')).toBeVisible();

    // A student saved earlier with the wrong code: correcting the code corrects the date.
    const saved = await invoke(school.url, 'students:create', {
      firstName: 'Jānis',
      lastName: 'Egle',
      personalCode: code1911,
      gender: 'male',
      educationLevel: 'general',
      grade: 8,
      classLabel: 'a',
    });
    expect(saved.student.birthDate).toBe('1911-03-15');
    await page.goto(`${school.url}/#/students/${saved.student.id}/edit`);
    await expect(birth).toHaveValue('15.03.1911');
    await code.fill(`150311-2235${legacyCheckDigit('1503112235')}`);
    await expect(birth).toHaveValue('15.03.2011');
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Egle Jānis' })).toBeVisible();
    expect((await invoke(school.url, 'students:get', { id: saved.student.id })).birthDate).toBe('2011-03-15');
  });

  test('items 4, 19, 20: in the plan editor Tab never lands under the save bar, tabbing through a date is no change, names sort in Latvian order', async ({
    page,
  }) => {
    for (const [key, p] of Object.entries(people)) {
      const made = await invoke(school.url, 'staff:create', { ...p, roles: [...p.roles], password: PASSWORD });
      ids[key] = made.id;
    }
    const student = students.find((s) => s.grade === 8)!;
    await screen(school.url, student.id, ['school.absences', 'economic.meals']);
    const draft = await invoke(school.url, 'plans:create', { studentId: student.id, semesterId: SEMESTER, goals: 'Apmeklēt skolu katru dienu.' });
    const measure = (kindCode: string, responsibleId: string | null) => ({
      kindCode,
      plannedMinutes: 120,
      responsibleId,
      startsOn: '2025-10-01',
      endsOn: '2025-12-19',
      justification: 'Sarunas par kavējumiem.',
      riskFactorIds: ['school.absences'],
    });
    const plan = await invoke(school.url, 'plans:update', {
      planId: draft.id,
      version: draft.version,
      goals: draft.goals,
      consent: { by: 'Ilze Priede', relation: 'mother', on: '2025-10-01' },
      measures: [measure('consultation.psychologist', ids.psychologist!), measure('consultation.teacher', null), measure('consultation.socialPedagogue', null)],
    });
    planId = plan.id;
    await page.goto(`${school.url}/#/plans/${plan.id}`);
    const bar = page.locator('.sticky-actions');
    await expect(bar).toBeVisible();
    await page.getByLabel('Mērķi').first().focus();
    let checked = 0;
    for (let i = 0; i < 45; i++) {
      await page.keyboard.press('Tab');
      const inBar = await page.evaluate(() => document.activeElement?.closest('.sticky-actions') !== null);
      if (inBar) break;
      const focused = await page.evaluate(() => {
        const r = document.activeElement!.getBoundingClientRect();
        return { bottom: r.bottom, top: r.top, tag: document.activeElement!.tagName };
      });
      const barTop = (await bar.boundingBox())!.y;
      expect(focused.bottom, `Tab ${i + 1} (${focused.tag}) ends under the save bar`).toBeLessThanOrEqual(barTop);
      checked++;
    }
    expect(checked).toBeGreaterThan(15);
    // Tabbing through dates changed nothing.
    await expect(page.getByText('Ir nesaglabātas izmaiņas.')).toHaveCount(0);
    await saveScreenshot(page, 'daily-07-plan-editor-tab');
    // The responsible-person list in Latvian order: Elīna before Elza.
    const names = await page.getByLabel('Atbildīgais').first().locator('option').allTextContents();
    const elina = names.findIndex((n) => n.startsWith('Elīna Kalna'));
    const elza = names.findIndex((n) => n.startsWith('Elza Ozola'));
    expect(elina).toBeGreaterThan(0);
    expect(elina).toBeLessThan(elza);
  });

  test("item 5: a delivery's specialist defaults to the measure's responsible person; only those who give support, suited first, namesakes told apart", async ({
    page,
  }) => {
    const full = await invoke(school.url, 'plans:get', { planId });
    const submitted = await invoke(school.url, 'plans:transition', { planId: full.id, version: full.version, action: 'submit' });
    await invoke(school.url, 'auth:signIn', { username: people.director.username, password: PASSWORD });
    await invoke(school.url, 'plans:transition', { planId: submitted.id, version: submitted.version, action: 'approve' });
    await invoke(school.url, 'auth:signIn', { username: 'anna.ozola', password: 'kalni un upes 2025' });

    await page.goto(`${school.url}/#/plans/${full.id}/deliveries`);
    const specialist = page.getByLabel('Speciālists');
    await expect(specialist).toHaveValue(ids.psychologist!);
    const options = await specialist.locator('option').allTextContents();
    for (const nobody of ['Dace Liepa', 'Rita Lasītāja', 'Anna Ozola']) expect(options.some((o) => o.startsWith(nobody))).toBe(false);
    expect(options).toContain('Anna Lāce (pedagogs) — anna.lace');
    expect(options).toContain('Anna Lāce (pedagogs) — anna.lace2');
    // The responsible psychologist heads the list.
    expect(await specialist.locator('optgroup').first().locator('option').allTextContents()).toEqual(['Pēteris Zariņš (psihologs)']);
    const elina = options.findIndex((n) => n.startsWith('Elīna Kalna'));
    expect(elina).toBeGreaterThan(-1);
    expect(elina).toBeLessThan(options.findIndex((n) => n.startsWith('Elza Ozola')));
    await checkScreen(page, '08-delivery-specialist');

    // A teacher's consultation with nobody responsible: the teachers come first, nobody is preselected.
    await page.getByLabel('Pasākums', { exact: true }).selectOption({ index: 1 });
    await expect(specialist).toHaveValue('');
    const suited = await specialist.locator('optgroup').first().locator('option').allTextContents();
    expect(suited.every((o) => o.includes('(pedagogs)'))).toBe(true);
    expect(suited).toHaveLength(4);
  });

  test('item 3: the printed plan keeps the signatures with the consent they sign; plan code, student and "page N of M" on every page', async ({
    page,
  }, testInfo) => {
    const student = students.find((s) => s.grade === 9)!;
    await screen(school.url, student.id, ['school.absences', 'economic.meals']);
    const long = (what: string) => `${what}: ${'Skolēns regulāri kavē pirmās stundas, jo ceļš uz skolu ir garš un autobuss kursē reti. '.repeat(6)}`;
    const draft = await invoke(school.url, 'plans:create', { studentId: student.id, semesterId: SEMESTER, goals: long('Mērķis') });
    const measure = (kindCode: string) => ({
      kindCode,
      plannedMinutes: 120,
      responsibleId: ids.psychologist!,
      startsOn: '2025-10-01',
      endsOn: '2025-12-19',
      justification: long('Pamatojums'),
      riskFactorIds: ['school.absences'],
    });
    const plan = await invoke(school.url, 'plans:update', {
      planId: draft.id,
      version: draft.version,
      goals: draft.goals,
      consent: { by: 'Ilze Priede', relation: 'mother', on: '2025-10-01' },
      measures: [measure('consultation.psychologist'), measure('consultation.teacher'), measure('consultation.socialPedagogue')],
    });
    await page.goto(`${school.url}/#/plans/${plan.id}/print`);
    await expect(page.getByTestId('print-document')).toBeVisible();
    await saveScreenshot(page, 'daily-09-print');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const file = testInfo.outputPath('plan-printed.pdf');
    await writeFile(file, pdf);
    await testInfo.attach('plan-printed.pdf', { path: file, contentType: 'application/pdf' });
    const info = (await run('/usr/bin/pdfinfo', [file])).stdout;
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const name = `${student.firstName} ${student.lastName}`;
    let signaturePage = 0;
    for (let n = 1; n <= pages; n++) {
      const text = (await run('/usr/bin/pdftotext', ['-enc', 'UTF-8', '-f', String(n), '-l', String(n), file, '-'])).stdout.replace(/\s+/g, ' ');
      expect(text, `page ${n}`).toContain(`Plāna kods: ${plan.code}`);
      expect(text, `page ${n}`).toContain(name);
      expect(text, `page ${n}`).toContain(`Lapa ${n} no ${pages}`);
      if (text.includes('Paraksts')) signaturePage = n;
    }
    expect(signaturePage).toBeGreaterThan(0);
    // The signatures stand with what they sign: the consent, on the same page.
    const signed = (await run('/usr/bin/pdftotext', ['-enc', 'UTF-8', '-f', String(signaturePage), '-l', String(signaturePage), file, '-'])).stdout.replace(
      /\s+/g,
      ' ',
    );
    expect(signed).toContain('Piekrišana');
    expect(signed).toContain('Ilze Priede (māte) piekrīt plānam');
  });

  test("item 10: the screening's sentence points to a risk-level rule the coordinator can really change in Settings", async ({ page }) => {
    const student = students.find((s) => s.grade === 5)!;
    await page.goto(`${school.url}/#/students/${student.id}/screening/${encodeURIComponent(SEMESTER)}`);
    await expect(page.getByText(/koordinators to maina sadaļā Iestatījumi → Riska faktori/)).toBeVisible();
    await page.goto(`${school.url}/#/settings/risks`);
    const rule = page.getByTestId('risk-level-rule');
    await expect(rule.getByText('Tiek lietots lietotnes noklusējuma noteikums.')).toBeVisible();
    await expect(rule.getByLabel('Vidējs riska līmenis: Grupas (vismaz)')).toHaveValue('2');
    await rule.getByLabel('Vidējs riska līmenis: Grupas (vismaz)').fill('1');
    await rule.getByRole('button', { name: 'Saglabāt noteikumu' }).click();
    await expect(rule.getByText('Tiek lietots skolas noteikums.')).toBeVisible();
    const saved = await invoke(school.url, 'riskLevel:getRule', {});
    expect(saved.isDefault).toBe(false);
    expect(saved.rule.levels.find((l) => l.level === 'medium')).toEqual({ level: 'medium', minGroups: 1, minPresent: 3 });
    await checkScreen(page, '11-risk-level-rule');
    // A rule the service refuses says why and changes nothing.
    await rule.getByLabel('Augsts riska līmenis: Grupas (vismaz)').fill('nulle');
    await rule.getByRole('button', { name: 'Saglabāt noteikumu' }).click();
    await expect(rule.getByRole('alert')).toContainText('Noteikums nav saglabāts.');
    expect((await invoke(school.url, 'riskLevel:getRule', {})).rule).toEqual(saved.rule);
    await rule.getByRole('button', { name: 'Atjaunot noklusējumu' }).click();
    await expect(rule.getByText('Tiek lietots lietotnes noklusējuma noteikums.')).toBeVisible();
  });
});
