/**
 * The app frame: sign-in, the header and navigation, the language switch,
 * the home dashboard, the lock after inactivity (which keeps the page as it
 * was), sign-out, and a route that does not exist.
 */
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { addStudents, COORDINATOR, invoke, screen, SEMESTER, setUpSchool } from './seed';

// Each test starts its own bridge and shares nothing with the others: they may run
// on different workers, which keeps the three workers busy to the end of the suite.
test.describe.configure({ mode: 'parallel' });

test.describe('the app shell', () => {
  test('signs in, shows the school and the person, switches language, and signs out', async ({ page, bridge }) => {
    const problems = watchConsole(page);
    await setUpSchool(bridge.url);
    await invoke(bridge.url, 'auth:signOut', {});
    await page.goto(bridge.url);

    await expect(page.getByRole('heading', { name: 'Pierakstīšanās' })).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'sign-in');
    await saveScreenshot(page, 'signin-lv');
    await page.getByLabel('Lietotājvārds').fill(COORDINATOR.username);
    await page.getByLabel('Parole').fill('nepareiza parole');
    await page.getByRole('button', { name: 'Pierakstīties' }).click();
    await expect(page.getByText('Nepareizs lietotājvārds vai parole.')).toBeVisible();
    await page.getByLabel('Parole').fill(COORDINATOR.password);
    await page.getByRole('button', { name: 'Pierakstīties' }).click();

    await expect(page.getByTestId('school-name')).toHaveText('Madonas pilsētas vidusskola');
    await expect(page.getByTestId('signed-in-as')).toContainText('Anna Ozola');
    await expect(page.getByTestId('signed-in-as')).toContainText('koordinators');
    const nav = page.getByRole('navigation', { name: /^(Galvenā navigācija|Main navigation)$/ });
    await expect(nav.getByRole('link')).toHaveText([
      'Sākums',
      'Skolēni',
      'Semestra noslēgums',
      'Agrīnā brīdināšana',
      'Statistika',
      'Datu apmaiņa',
      'Iestatījumi',
    ]);
    await expect(nav.getByRole('link', { name: 'Sākums' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText('Šis semestris: 2025/26, 1. semestris')).toBeVisible();
    await expect(page.getByText('Pašlaik nekas negaida jūsu darbību.')).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'home (empty school)');

    await page.getByLabel('Valoda').selectOption('en');
    await expect(nav.getByRole('link')).toHaveText(['Home', 'Students', 'Semester end', 'Early warning', 'Statistics', 'Data exchange', 'Settings']);
    await expect(page.getByText('This semester: 2025/26, semester 1')).toBeVisible();
    await expect(page.getByTestId('signed-in-as')).toContainText('coordinator');
    await expect(page).toHaveTitle('Home — PuMPuRS');
    // The choice is remembered.
    await page.reload();
    await expect(nav.getByRole('link', { name: 'Students' })).toBeVisible();
    await page.getByLabel('Language').selectOption('lv');

    await page.getByRole('button', { name: 'Iziet' }).click();
    await expect(page.getByRole('heading', { name: 'Pierakstīšanās' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Pierakstīšanās' })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('home shows this semester at a glance, with links to what waits for me', async ({ page, bridge }) => {
    await setUpSchool(bridge.url);
    const students = await addStudents(bridge.url, 12);
    const [a, b, c] = students as [(typeof students)[0], (typeof students)[0], (typeof students)[0]];
    await screen(bridge.url, a.id, ['school.absences', 'family.crisis']);
    await screen(bridge.url, b.id, ['school.lowAchievement']);
    await screen(bridge.url, c.id, ['economic.transport']);
    const plan = await invoke(bridge.url, 'plans:create', { studentId: a.id, semesterId: SEMESTER, goals: 'Mazināt kavējumus.' });
    await invoke(bridge.url, 'plans:create', { studentId: b.id, semesterId: SEMESTER });

    await page.goto(bridge.url);
    const risk = page.getByRole('region', { name: 'Skolēni ar riskiem pa grupām' });
    await expect(risk.getByRole('row', { name: /Ar izglītības iestādi/ })).toContainText('2 skolēni');
    await expect(risk.getByRole('row', { name: /Ar ģimeni/ })).toContainText('1 skolēns');
    await expect(risk.getByRole('row', { name: /Ar personību/ })).toContainText('0 skolēnu');
    await expect(risk.getByRole('row', { name: /Ar risku kādā grupā/ })).toContainText('3 skolēni');
    const plans = page.getByRole('region', { name: 'Plāni pa statusiem' });
    await expect(plans.getByRole('row', { name: /Projekts/ })).toContainText('2');

    const waiting = page.getByRole('region', { name: 'Gaida jūsu darbību' });
    // The waiting list is a table (issue 16 item 12): a header row and one row per plan.
    await expect(waiting.getByTestId('waiting-table').locator('tbody tr')).toHaveCount(2);
    await expect(waiting.getByRole('link', { name: new RegExp(`${a.firstName} ${a.lastName}|${a.lastName} ${a.firstName}`) })).toHaveAttribute(
      'href',
      `#/plans/${plan.id}`,
    );
    await expectNoSeriousA11yIssues(page, 'home');
    await saveScreenshot(page, 'home-lv');
    await page.getByLabel('Valoda').selectOption('en');
    await expect(risk).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Students at risk by group' }).getByRole('row', { name: /School and learning/ })).toContainText('2 students');
    await saveScreenshot(page, 'home-en');

    // A group links to the register filtered on it.
    await page.getByRole('link', { name: 'School and learning' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Students' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText(/^2 students found/);
  });

  test('locks after inactivity, asks for the password again, and keeps the page as it was', async ({ page, bridge }) => {
    await page.clock.install({ time: new Date('2025-10-15T10:00:00+03:00') });
    await setUpSchool(bridge.url);
    await page.goto(bridge.url);
    await page.getByRole('link', { name: 'Skolēni' }).click();
    await page.getByRole('link', { name: 'Pievienot skolēnu' }).click();
    await page.getByRole('textbox', { name: 'Vārds', exact: true }).fill('Elza');
    await page.getByRole('textbox', { name: 'Uzvārds' }).fill('Kalniņa');

    // The idle timeout (15 minutes by default) passes without input.
    await page.clock.fastForward('16:00');
    const lock = page.getByRole('dialog', { name: 'Ekrāns bloķēts' });
    await expect(lock).toBeVisible();
    await expect(lock).toContainText('Anna Ozola');
    // The data underneath is hidden and out of reach.
    await expect(page.getByRole('textbox', { name: 'Uzvārds' })).toBeHidden();
    await expectNoSeriousA11yIssues(page, 'lock screen');
    await saveScreenshot(page, 'lock-lv');
    // Main ended the session too: nothing can be read until unlocked.
    const current = await invoke(bridge.url, 'auth:current', {});
    expect(current.actor).toBeNull();

    await lock.getByLabel('Parole').fill('nav tā');
    await lock.getByRole('button', { name: 'Atbloķēt' }).click();
    await expect(lock.getByText('Nepareizs lietotājvārds vai parole.')).toBeVisible();
    await lock.getByLabel('Parole').fill(COORDINATOR.password);
    await lock.getByRole('button', { name: 'Atbloķēt' }).click();

    await expect(lock).toBeHidden();
    await expect(page.getByRole('textbox', { name: 'Vārds', exact: true })).toHaveValue('Elza');
    await expect(page.getByRole('textbox', { name: 'Uzvārds' })).toHaveValue('Kalniņa');
    await expect(page.getByRole('heading', { level: 1, name: 'Jauns skolēns' })).toBeVisible();
  });

  test('the lock screen can sign out instead, and a reload after the lock asks to sign in', async ({ page, bridge }) => {
    await page.clock.install({ time: new Date('2025-10-15T10:00:00+03:00') });
    await setUpSchool(bridge.url);
    await page.goto(bridge.url);
    await expect(page.getByTestId('signed-in-as')).toBeVisible();
    await page.clock.fastForward('16:00');
    await expect(page.getByRole('dialog', { name: 'Ekrāns bloķēts' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Pierakstīšanās' })).toBeVisible();
    await page.getByLabel('Lietotājvārds').fill(COORDINATOR.username);
    await page.getByLabel('Parole').fill(COORDINATOR.password);
    await page.getByRole('button', { name: 'Pierakstīties' }).click();
    await expect(page.getByTestId('signed-in-as')).toBeVisible();
    await page.clock.fastForward('16:00');
    const lock = page.getByRole('dialog', { name: 'Ekrāns bloķēts' });
    await lock.getByRole('button', { name: 'Iziet' }).click();
    await expect(page.getByRole('heading', { name: 'Pierakstīšanās' })).toBeVisible();
  });

  test('a call made just before a reload still reaches main, as it does over IPC', async ({ page, bridge }) => {
    await setUpSchool(bridge.url);
    await page.goto(bridge.url);
    await expect(page.getByTestId('signed-in-as')).toBeVisible();
    // The lock's sign-out followed at once by a reload: the page that sent it is gone.
    // A cancelled call is lost only when the reload wins the race, so run it a few times.
    for (let round = 0; round < 6; round += 1) {
      if (round > 0) {
        await invoke(bridge.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
        await page.reload();
        await expect(page.getByTestId('signed-in-as')).toBeVisible();
      }
      await page.evaluate(() => {
        void window.pumpurs?.invoke('auth:signOut', {});
        location.reload();
      });
      await expect(page.getByRole('heading', { name: 'Pierakstīšanās' })).toBeVisible();
      const current = await invoke(bridge.url, 'auth:current', {});
      expect(current.actor, `round ${round + 1}`).toBeNull();
    }
  });

  test('is usable from the keyboard: skip link, navigation, and a page for unknown addresses', async ({ page, bridge }) => {
    await setUpSchool(bridge.url);
    await page.goto(bridge.url);
    await expect(page.getByTestId('signed-in-as')).toBeVisible();
    // The home screen mounts after its chunk loads and then moves the focus to its
    // heading if the focus is in the header: wait for it, or the keys below race it.
    // Then start from the top of the document, as a keyboard user does after a fresh load.
    await expect(page.getByRole('heading', { level: 1, name: 'Sākums' })).toBeFocused();
    await page.evaluate(() => {
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
    });
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Pāriet uz saturu' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#main-content')).toBeFocused();

    // Tab through the header to "Skolēni" and open it with Enter.
    await page.getByRole('link', { name: 'Sākums' }).focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skolēni' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Skolēni' })).toBeFocused();

    await page.goto(`${bridge.url}/#/nav/tadas`);
    await expect(page.getByRole('heading', { level: 1, name: 'Lapa nav atrasta' })).toBeVisible();
    await page.getByRole('link', { name: 'Sākums' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sākums' })).toBeVisible();
  });

  test('hides coordinator settings from other roles and shows what a role may not open', async ({ page, bridge }) => {
    await setUpSchool(bridge.url);
    await invoke(bridge.url, 'staff:create', {
      username: 'dace.direktore',
      displayName: 'Dace Direktore',
      password: 'saule spīd 2025',
      roles: ['director'],
    });
    await invoke(bridge.url, 'auth:signOut', {});
    await invoke(bridge.url, 'auth:signIn', { username: 'dace.direktore', password: 'saule spīd 2025' });
    await page.goto(bridge.url);
    const nav = page.getByRole('navigation', { name: 'Galvenā navigācija' });
    await expect(nav.getByRole('link')).toHaveText(['Sākums', 'Skolēni', 'Agrīnā brīdināšana', 'Statistika']);
    await page.goto(`${bridge.url}/#/settings`);
    await expect(page.getByRole('heading', { level: 1, name: 'Nav piekļuves' })).toBeVisible();
    await expect(page.getByText('Jūsu lomai nav tiesību to darīt.')).toBeVisible();
  });
});
