import type { Page } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';

async function fillProfile(page: Page, profile: { name: string; regNo: string; municipality: string }) {
  await page.getByLabel('Skolas nosaukums').fill(profile.name);
  await page.getByLabel('Reģistrācijas numurs (VIIS)').fill(profile.regNo);
  await page.getByLabel('Pašvaldība').selectOption(profile.municipality);
}

// Each test starts its own bridge and shares nothing with the others: they may run
// on different workers, which keeps the three workers busy to the end of the suite.
test.describe.configure({ mode: 'parallel' });

test.describe('first run: the set-up wizard', () => {
  test('saves the profile and the first coordinator in SQLite, signs in, and shows them again after a reload', async ({ page, bridge }) => {
    const problems = watchConsole(page);
    await page.goto(bridge.url);
    await expect(page.getByRole('heading', { name: 'Skolas iestatīšana' })).toBeVisible();
    await expect(page.getByText('1. solis no 2')).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'set-up wizard, step 1');
    await saveScreenshot(page, 'setup-1-profile-lv');
    await fillProfile(page, { name: 'Madonas pilsētas vidusskola', regNo: '4313900456', municipality: 'Madonas novads' });
    await page.getByLabel('Skolas veids').selectOption('general');
    await page.getByRole('button', { name: 'Tālāk' }).click();

    await expect(page.getByRole('heading', { name: 'Pirmais koordinators' })).toBeFocused();
    await page.getByLabel('Vārds, uzvārds').fill('Anna Ozola');
    await page.getByLabel('Lietotājvārds').fill('anna.ozola');
    await page.getByLabel('Parole', { exact: true }).fill('kalni un upes 2025');
    await page.getByLabel('Parole vēlreiz').fill('kalni un upes 2024');
    await page.getByRole('button', { name: 'Pabeigt iestatīšanu' }).click();
    await expect(page.getByText('Paroles nesakrīt.')).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'set-up wizard, step 2');
    await saveScreenshot(page, 'setup-2-coordinator-lv');
    await page.getByLabel('Parole vēlreiz').fill('kalni un upes 2025');
    await page.getByRole('button', { name: 'Pabeigt iestatīšanu' }).click();

    // Signed in as the new coordinator, on the home screen.
    await expect(page.getByTestId('school-name')).toHaveText('Madonas pilsētas vidusskola');
    await expect(page.getByTestId('signed-in-as')).toContainText('Anna Ozola');
    await expect(page.getByRole('heading', { level: 1, name: 'Sākums' })).toBeVisible();

    await page.reload();
    await expect(page.getByTestId('school-name')).toHaveText('Madonas pilsētas vidusskola');
    await page.getByRole('link', { name: 'Iestatījumi' }).click();
    await expect(page.getByLabel('Skolas nosaukums')).toHaveValue('Madonas pilsētas vidusskola');
    await expect(page.getByLabel('Reģistrācijas numurs (VIIS)')).toHaveValue('4313900456');
    await expect(page.getByLabel('Pašvaldība')).toHaveValue('Madonas novads');
    expect(problems).toEqual([]);
  });

  test('shows a field error for a bad registration number, in Latvian and in English', async ({ page, bridge }) => {
    await page.goto(bridge.url);
    await fillProfile(page, { name: 'Skola', regNo: '12AB', municipality: 'Rīga' });
    await page.getByRole('button', { name: 'Tālāk' }).click();
    const regNo = page.getByLabel('Reģistrācijas numurs (VIIS)');
    await expect(regNo).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Reģistrācijas numuram jābūt 10 cipariem, piemēram, 4313900456.')).toBeVisible();

    await page.getByLabel('Valoda').selectOption('en');
    await expect(page.getByText('The registration number must be 10 digits, for example 4313900456.')).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('The registration number must be 10 digits, for example 4313900456.')).toBeVisible();
    await saveScreenshot(page, 'setup-1-profile-error-en');
    // Nothing was saved: the set-up screen is still there after a reload.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'School set-up' })).toBeVisible();
  });
});
