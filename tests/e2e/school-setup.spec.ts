import { expect, test, watchConsole } from './fixtures';

test.describe('first run: the school profile', () => {
  test('is saved in SQLite and shown again after a reload', async ({ page, bridge }) => {
    const problems = watchConsole(page);
    await page.goto(bridge.url);
    await expect(page.getByRole('heading', { name: 'Skolas iestatīšana' })).toBeVisible();
    await page.getByLabel('Skolas nosaukums').fill('Madonas pilsētas vidusskola');
    await page.getByLabel('Reģistrācijas numurs (VIIS)').fill('4313900456');
    await page.getByLabel('Pašvaldība').selectOption('Madonas novads');
    await page.getByLabel('Skolas veids').selectOption('general');
    await page.getByRole('button', { name: 'Saglabāt' }).click();

    await expect(page.getByTestId('school-name')).toHaveText('Madonas pilsētas vidusskola');
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
    await page.getByLabel('Skolas nosaukums').fill('Skola');
    await page.getByLabel('Reģistrācijas numurs (VIIS)').fill('12AB');
    await page.getByLabel('Pašvaldība').selectOption('Rīga');
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    const regNo = page.getByLabel('Reģistrācijas numurs (VIIS)');
    await expect(regNo).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Reģistrācijas numuram jābūt 10 cipariem, piemēram, 4313900456.')).toBeVisible();

    await page.getByLabel('Valoda').selectOption('en');
    await expect(page.getByText('The registration number must be 10 digits, for example 4313900456.')).toBeVisible();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('The registration number must be 10 digits, for example 4313900456.')).toBeVisible();
    // Nothing was saved: the set-up screen is still there after a reload.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'School set-up' })).toBeVisible();
  });
});
