/**
 * The daily work without friction (issue 16), what the earlier daily-work
 * specs left: the delivery log's selects show their whole text (17); a
 * message on a screen without a save bar covers none of its controls and
 * goes with its screen (15); "switch user" keeps the page (25). At
 * 1366×768; screenshots: test-results/screens/daily4-*.png.
 */
import type { Locator, Page } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, startBridge, test } from './fixtures';
import { saveScreenshot } from './screens';
import { addStudents, COORDINATOR, invoke, screen, SEMESTER, setUpSchool, type SeededStudent } from './seed';

test.use({ viewport: { width: 1366, height: 768 } });

async function checkScreen(page: Page, name: string) {
  await expectNoSeriousA11yIssues(page, name);
  await saveScreenshot(page, `daily4-${name}`);
}

/** Every option of the select (the chosen one shows in it) measured in the select's own font, against its room (less the arrow). */
async function cutOptions(select: Locator): Promise<string[]> {
  return select.evaluate((el) => {
    const s = el as HTMLSelectElement;
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = getComputedStyle(s).font;
    const room = s.clientWidth - 36;
    return [...s.options].filter((o) => ctx.measureText(o.text).width > room).map((o) => o.text);
  });
}

/** The controls (visible in the window) a message lies over: none may be. Null when no message is shown (a message that went away covers nothing, proving nothing). */
async function coveredControls(page: Page): Promise<string[] | null> {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.toasts .toast')].map((t) => t.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
    if (boxes.length === 0) return null;
    const controls = [...document.querySelectorAll<HTMLElement>('button, a[href], input:not([type="hidden"]), select, textarea, .sticky-actions')].filter(
      (c) => !c.closest('.toasts'),
    );
    const out: string[] = [];
    for (const c of controls) {
      const r = c.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.bottom <= 0 || r.top >= window.innerHeight) continue;
      if (boxes.some((b) => b.left < r.right && r.left < b.right && b.top < r.bottom && r.top < b.bottom)) {
        out.push(`${c.tagName}:${(c.getAttribute('aria-label') ?? c.textContent ?? '').trim().slice(0, 40)}`);
      }
    }
    return out;
  });
}

test.describe.serial("a school's day, continued", () => {
  let school: Awaited<ReturnType<typeof startBridge>>;
  let students: SeededStudent[] = [];
  const PASSWORD = 'skolas darbs 2025 rudenī';
  const people = {
    kristine1: {
      username: 'kristine.ozolina',
      displayName: 'Kristīne Ozoliņa-Bērziņa',
      roles: ['planAuthor', 'specialist'] as const,
      specialistKind: 'specialEducationTeacher' as const,
    },
    kristine2: {
      username: 'kristine.ozolina2',
      displayName: 'Kristīne Ozoliņa-Bērziņa',
      roles: ['specialist'] as const,
      specialistKind: 'specialEducationTeacher' as const,
    },
    psychologist: { username: 'peteris.zarins', displayName: 'Pēteris Zariņš', roles: ['specialist'] as const, specialistKind: 'psychologist' as const },
    teacher: { username: 'elina.kalna', displayName: 'Elīna Kalna', roles: ['specialist'] as const, specialistKind: 'teacher' as const },
    director: { username: 'dace.liepa', displayName: 'Dace Liepa', roles: ['director'] as const, specialistKind: null },
  };
  const ids: Record<string, string> = {};
  let planId = '';

  test.beforeAll(async () => {
    // A new bridge's first start (database key, exchange keys, set-up) is slow on a busy machine.
    test.setTimeout(180_000);
    school = await startBridge({ today: '2025-10-15' });
    await setUpSchool(school.url);
    students = await addStudents(school.url, 3);
    for (const [key, p] of Object.entries(people)) ids[key] = (await invoke(school.url, 'staff:create', { ...p, roles: [...p.roles], password: PASSWORD })).id;
    // A running plan with two consultations, the first given by one of two namesakes.
    await screen(school.url, students[0]!.id, ['school.absences']);
    const draft = await invoke(school.url, 'plans:create', { studentId: students[0]!.id, semesterId: SEMESTER, goals: 'Apmeklēt skolu katru dienu.' });
    const measure = (kindCode: string, responsibleId: string) => ({
      kindCode,
      plannedMinutes: 600,
      responsibleId,
      startsOn: '2025-10-01',
      endsOn: '2025-12-19',
      justification: 'Sarunas par kavējumiem.',
      riskFactorIds: ['school.absences'],
    });
    let plan = await invoke(school.url, 'plans:update', {
      planId: draft.id,
      version: draft.version,
      goals: draft.goals,
      consent: { by: 'Ilze Priede', relation: 'mother', on: '2025-10-01' },
      measures: [measure('consultation.specialEducationTeacher', ids.kristine1!), measure('consultation.psychologist', ids.psychologist!)],
    });
    plan = await invoke(school.url, 'plans:transition', { planId: plan.id, version: plan.version, action: 'submit' });
    await invoke(school.url, 'auth:signIn', { username: people.director.username, password: PASSWORD });
    plan = await invoke(school.url, 'plans:transition', { planId: plan.id, version: plan.version, action: 'approve' });
    await invoke(school.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
    plan = await invoke(school.url, 'plans:transition', { planId: plan.id, version: plan.version, action: 'start' });
    // Enough entries that the log fills the window below the entry form.
    for (let day = 1; day <= 8; day++) {
      await invoke(school.url, 'deliveries:add', {
        measureId: plan.measures[0]!.id,
        deliveredOn: `2025-10-${String(day).padStart(2, '0')}`,
        specialistId: ids.kristine1!,
        minutes: 40,
        studentConfirmed: true,
        note: 'Nodarbība par lasītprasmi',
      });
    }
    planId = plan.id;
  });
  test.afterAll(async () => {
    await school?.close();
  });

  test("item 17: at 1366×768 the delivery log's measure and specialist selects show their whole text", async ({ page }) => {
    await invoke(school.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
    await page.goto(`${school.url}/#/plans/${planId}/deliveries`);
    const measureSelect = page.getByLabel('Pasākums', { exact: true });
    const specialist = page.getByLabel('Speciālists');
    await expect(specialist).toHaveValue(ids.kristine1!);
    // The chosen texts are the long ones: "1. Speciālās izglītības pedagoga konsultācija — 320 min no 600 min", "Kristīne Ozoliņa-Bērziņa (speciālās izglītības pedagogs) — kristine.ozolina".
    expect(await specialist.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]!.text)).toContain('— kristine.ozolina');
    expect(await cutOptions(measureSelect)).toEqual([]);
    expect(await cutOptions(specialist)).toEqual([]);
    await checkScreen(page, '01-delivery-selects');
  });

  test('item 15: on the delivery log (no save bar) the message covers no control, and goes with its screen', async ({ page }) => {
    await invoke(school.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
    await page.goto(`${school.url}/#/plans/${planId}/deliveries`);
    const minutes = page.getByLabel('Ilgums, minūtes');
    await minutes.fill('45');
    await minutes.press('Enter');
    const toast = page.locator('.toast').filter({ hasText: 'Reģistrēts: 45 min' });
    // Saving hashes or writes on a busy machine: the message may take a while.
    await expect(toast).toBeVisible({ timeout: 30_000 });
    await expect(minutes).toBeFocused();
    // Neither the next entry's fields nor the entries' "remove" buttons are under it.
    expect(await coveredControls(page)).toEqual([]);
    // Scrolled down to the entries, it still covers none.
    await page.getByTestId('measure-log-0').locator('tbody tr').last().scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 300);
    await expect.poll(() => coveredControls(page)).toEqual([]);
    await saveScreenshot(page, 'daily4-02-delivery-toast');
    // Back to the plan: the message stays behind.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('link', { name: /Atpakaļ uz plānu/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Atbalsta plāns');
    await expect(page.locator('.toast')).toHaveCount(0);
  });

  test("item 15: in Settings → staff (no save bar) the message after a new password covers none of the rows' buttons, and goes with its screen", async ({
    page,
  }) => {
    await invoke(school.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
    // Each new account hashes its password (slow on purpose): more time on a busy machine.
    test.setTimeout(180_000);
    // A staff list as long as a school's: the rows' buttons reach the bottom of the window.
    for (const [i, name] of ['Agnese Vilka', 'Baiba Egle', 'Dainis Krūze', 'Guna Sīle', 'Laura Mežule', 'Zane Pūce'].entries()) {
      await invoke(school.url, 'staff:create', { username: `lasitajs${i}`, displayName: name, roles: ['readOnly'], specialistKind: null, password: PASSWORD });
    }
    await page.goto(`${school.url}/#/settings`);
    await page.getByRole('navigation', { name: 'Iestatījumu sadaļas' }).getByRole('link', { name: 'Lietotāji un lomas' }).click();
    await page.getByRole('button', { name: `Jauna parole: ${people.teacher.displayName}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Jauna parole', { exact: true }).fill('jauna parole 2025 rudenī');
    await dialog.getByLabel('Parole vēlreiz').fill('jauna parole 2025 rudenī');
    await dialog.getByRole('button', { name: 'Iestatīt paroli' }).click();
    const toast = page.locator('.toast').filter({ hasText: people.teacher.displayName });
    // Saving hashes or writes on a busy machine: the message may take a while.
    await expect(toast).toBeVisible({ timeout: 30_000 });
    expect(await coveredControls(page)).toEqual([]);
    await saveScreenshot(page, 'daily4-03-settings-toast');
    await page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Skolēni' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Skolēni' })).toBeVisible();
    await expect(page.locator('.toast')).toHaveCount(0);
  });

  test('item 25: "switch user" on a student\'s card: the director signs in and lands on the same card; the coordinator\'s session ended (audited)', async ({
    page,
  }) => {
    await invoke(school.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
    const student = students[1]!;
    await page.goto(`${school.url}/#/students/${student.id}`);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toContainText(student.firstName);
    const address = page.url();
    await page.getByRole('button', { name: 'Mainīt lietotāju' }).click();
    // The sign-in form, the address kept, and the coordinator no longer signed in.
    await expect(page.getByRole('heading', { level: 1, name: 'Pierakstīšanās' })).toBeVisible();
    await expect(page.getByText('Pēc pierakstīšanās atvērsies tā pati lapa.')).toBeVisible();
    expect(page.url()).toBe(address);
    expect((await invoke(school.url, 'auth:current', {})).actor).toBeNull();
    await checkScreen(page, '04-switch-user');
    await page.getByLabel('Lietotājvārds').fill(people.director.username);
    await page.getByLabel('Parole').fill(PASSWORD);
    await page.getByRole('button', { name: 'Pierakstīties' }).click();
    await expect(page.getByTestId('signed-in-as')).toContainText(people.director.displayName);
    await expect(heading).toContainText(student.firstName);
    expect(page.url()).toBe(address);

    // The audit log: the coordinator signed out, then the director signed in.
    await invoke(school.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
    const log = (await invoke(school.url, 'audit:list', { offset: 0, limit: 20 })).rows;
    const signOut = log.find((r) => r.action === 'signOut' && r.actorName === COORDINATOR.displayName);
    const signIn = log.find((r) => r.action === 'signIn' && r.actorName === people.director.displayName);
    expect(signOut).toBeDefined();
    expect(signIn).toBeDefined();
    expect(signIn!.id).toBeGreaterThan(signOut!.id);
  });

  test('item 25: a page the new user may not see gives way to the home screen', async ({ page }) => {
    await invoke(school.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
    await page.goto(`${school.url}/#/settings`);
    await expect(page.getByRole('heading', { level: 1, name: 'Iestatījumi' })).toBeVisible();
    await page.getByRole('button', { name: 'Mainīt lietotāju' }).click();
    await page.getByLabel('Lietotājvārds').fill(people.director.username);
    await page.getByLabel('Parole').fill(PASSWORD);
    await page.getByRole('button', { name: 'Pierakstīties' }).click();
    await expect(page.getByTestId('signed-in-as')).toContainText(people.director.displayName);
    await expect(page).toHaveURL(/#\/$/);
    await expect(page.getByText('Jūsu lomai nav tiesību', { exact: false })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Gaida jūsu darbību' })).toBeVisible();
  });
});
