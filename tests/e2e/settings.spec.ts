/**
 * Settings for coordinators: the school profile, the calendar, the risk
 * catalogue, measure kinds with rates and caps, and users with roles.
 */
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { COORDINATOR, setUpSchool } from './seed';

async function openTab(page: Page, url: string, tab: string) {
  await page.goto(`${url}/#/settings`);
  await page.getByRole('navigation', { name: 'Iestatījumu sadaļas' }).getByRole('link', { name: tab }).click();
  await expect(page.getByRole('navigation', { name: 'Iestatījumu sadaļas' }).getByRole('link', { name: tab })).toHaveAttribute('aria-current', 'page');
}

// Each test starts its own bridge and shares nothing with the others: they may run
// on different workers, which keeps the three workers busy to the end of the suite.
test.describe.configure({ mode: 'parallel' });

test.describe('settings', () => {
  test('the school profile: a change shows in the header at once', async ({ page, bridge }) => {
    const problems = watchConsole(page);
    await setUpSchool(bridge.url);
    await openTab(page, bridge.url, 'Skolas profils');
    await page.getByLabel('Skolas nosaukums').fill('Madonas Valsts ģimnāzija');
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    await expect(page.getByText('Saglabāts.')).toBeVisible();
    await expect(page.getByTestId('school-name')).toHaveText('Madonas Valsts ģimnāzija');
    await page.getByLabel('Reģistrācijas numurs (VIIS)').fill('123');
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    await expect(page.getByText('Reģistrācijas numuram jābūt 10 cipariem')).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'settings: profile');
    await saveScreenshot(page, 'settings-profile-lv');
    expect(problems).toEqual([]);
  });

  test('the calendar: corrects a semester, refuses overlapping dates, adds the next year', async ({ page, bridge }) => {
    await setUpSchool(bridge.url);
    await openTab(page, bridge.url, 'Kalendārs');
    await expect(page.getByText('Šodien (15.10.2025) darbs attiecas uz: 2025/26, 1. semestris.')).toBeVisible();
    const row = page.getByRole('row', { name: /^2025\/26/ });
    await expect(row).toContainText('01.09.2025 – 19.12.2025');
    await row.getByRole('button', { name: 'Labot mācību gadu 2025/26' }).click();

    const form = page.getByRole('form', { name: 'Labot mācību gadu 2025/26' });
    await form.getByLabel('1. semestra beigas').fill('10.01.2026');
    await form.getByRole('button', { name: 'Saglabāt mācību gadu' }).click();
    await expect(form.getByText('2. semestrim jāsākas pēc 1. semestra beigām.')).toBeVisible();
    await form.getByLabel('1. semestra beigas').fill('31.02.2025');
    await form.getByRole('button', { name: 'Saglabāt mācību gadu' }).click();
    await expect(form.getByText('Ievadiet datumu formā dd.mm.gggg')).toBeVisible();
    await form.getByLabel('1. semestra beigas').fill('23.12.2025');
    await expectNoSeriousA11yIssues(page, 'settings: calendar, editing');
    await form.getByRole('button', { name: 'Saglabāt mācību gadu' }).click();
    await expect(row).toContainText('01.09.2025 – 23.12.2025');

    await page.getByRole('button', { name: 'Pievienot nākamo mācību gadu' }).click();
    const next = page.getByRole('form', { name: 'Jauns mācību gads 2026/27' });
    await expect(next.getByLabel('1. semestra sākums')).toHaveValue('01.09.2026');
    await next.getByRole('button', { name: 'Saglabāt mācību gadu' }).click();
    await expect(page.getByRole('row', { name: /^2026\/27/ })).toContainText('04.01.2027 – 31.05.2027');
    await saveScreenshot(page, 'settings-calendar-lv');
  });

  test('the risk catalogue: adds a school factor, retires and restores one, deletes an unused one', async ({ page, bridge }) => {
    await setUpSchool(bridge.url);
    await openTab(page, bridge.url, 'Riska faktori');
    const add = page.getByRole('form', { name: 'Pievienot skolas riska faktoru' });
    await add.getByRole('button', { name: 'Pievienot faktoru' }).click();
    await expect(add.getByRole('textbox', { name: 'Nosaukums latviski' })).toHaveAttribute('aria-invalid', 'true');
    await add.getByLabel('Grupa').selectOption('personal');
    await add.getByRole('textbox', { name: 'Nosaukums latviski' }).fill('Ilgstoša slimība');
    await add.getByRole('textbox', { name: 'Nosaukums angliski' }).fill('Long illness');
    await add.getByRole('button', { name: 'Pievienot faktoru' }).click();
    const personal = page.getByRole('table', { name: /Ar personību/ });
    const custom = personal.getByRole('row', { name: /Ilgstoša slimība/ });
    await expect(custom).toContainText('skolas pievienots');

    const catalogueRow = page
      .getByRole('table', { name: /Ar izglītības iestādi/ })
      .getByRole('row')
      .nth(1);
    await catalogueRow.getByRole('button', { name: /^Izslēgt/ }).click();
    await expect(catalogueRow).toContainText('izslēgts');
    await catalogueRow.getByRole('button', { name: /^Atjaunot/ }).click();
    await expect(catalogueRow).toContainText('tiek izmantots');
    // Catalogue factors cannot be deleted.
    await expect(catalogueRow.getByRole('button', { name: /^Dzēst/ })).toHaveCount(0);

    await custom.getByRole('button', { name: 'Dzēst: Ilgstoša slimība' }).click();
    const confirm = page.getByRole('dialog', { name: 'Dzēst riska faktoru?' });
    await expect(confirm).toContainText('“Ilgstoša slimība”');
    await expectNoSeriousA11yIssues(page, 'settings: risk catalogue, confirm');
    await confirm.getByRole('button', { name: 'Dzēst' }).click();
    await expect(custom).toHaveCount(0);
    await expectNoSeriousA11yIssues(page, 'settings: risk catalogue');
    await saveScreenshot(page, 'settings-risks-lv');
    await page.getByRole('combobox', { name: 'Valoda' }).selectOption('en');
    await expect(page.getByRole('table', { name: 'School and learning' })).toBeVisible();
    await saveScreenshot(page, 'settings-risks-en');
  });

  test('measure kinds: sets a rate and a cap in euros, refuses a bad amount, switches a kind off', async ({ page, bridge }) => {
    await setUpSchool(bridge.url);
    await openTab(page, bridge.url, 'Atbalsta pasākumi');
    const cap = page.getByRole('textbox', { name: 'Limits vienam skolēnam semestrī: Sabiedriskā transporta izdevumu kompensācija' });
    const rate = page.getByRole('textbox', { name: 'Likme: Psihologa konsultācija' });
    await cap.fill('abc');
    await page.getByRole('button', { name: 'Saglabāt pasākumu veidus' }).click();
    await expect(page.getByText('Ievadiet summu eiro, piemēram, 12,50.')).toBeVisible();
    await cap.fill('150');
    await rate.fill('25,5');
    await page.getByRole('checkbox', { name: 'Izmanto: Surdotulka pakalpojums' }).uncheck();
    await page.getByRole('button', { name: 'Saglabāt pasākumu veidus' }).click();
    await expect(page.getByText('Saglabāts.')).toBeVisible();
    await page.reload();
    await expect(cap).toHaveValue('150,00');
    await expect(rate).toHaveValue('25,50');
    await expect(page.getByRole('checkbox', { name: 'Izmanto: Surdotulka pakalpojums' })).not.toBeChecked();
    await expectNoSeriousA11yIssues(page, 'settings: measure kinds');
    await saveScreenshot(page, 'settings-measures-lv');

    // The home screen compares spending with the cap just set.
    await page.getByRole('link', { name: 'Sākums' }).click();
    await expect(page.getByRole('region', { name: 'Izlietotais pret limitiem (semestrī)' }).getByRole('row', { name: /Sabiedriskā transporta/ })).toContainText(
      '150,00 €',
    );
  });

  test('settings that load a saved list: nothing is typed, added or saved before it has come', async ({ page, bridge }) => {
    const problems = watchConsole(page);
    await setUpSchool(bridge.url);
    // The answers to these two channels are held until the test lets them through: what a slow machine does.
    const held = new Map<string, () => void>();
    const gates = new Map(['measureKinds:list', 'journal:thresholds'].map((channel) => [channel, new Promise<void>((open) => held.set(channel, open))]));
    await page.route(/\/__ipc\/invoke$/, async (route) => {
      const { channel } = route.request().postDataJSON() as { channel: string };
      await gates.get(channel);
      await route.continue();
    });

    await openTab(page, bridge.url, 'Atbalsta pasākumi');
    // Before the kinds have come, a row added would be replaced by them, and a save would send it alone.
    await expect(page.getByRole('button', { name: 'Pievienot veidu' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Saglabāt pasākumu veidus' })).toBeDisabled();
    held.get('measureKinds:list')!();
    await expect(page.getByRole('textbox', { name: 'Likme: Psihologa konsultācija' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Pievienot veidu' })).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Saglabāt pasākumu veidus' })).toBeEnabled();

    await page.goto(`${bridge.url}/#/journal`);
    const thresholds = page.getByRole('region', { name: 'Signālu sliekšņi' });
    await expect(thresholds.getByRole('button', { name: 'Saglabāt sliekšņus' })).toBeDisabled();
    await expect(thresholds.getByRole('textbox')).toHaveCount(5);
    for (const field of await thresholds.getByRole('textbox').all()) await expect(field).toBeDisabled();
    held.get('journal:thresholds')!();
    await expect(thresholds.getByRole('button', { name: 'Saglabāt sliekšņus' })).toBeEnabled();
    for (const field of await thresholds.getByRole('textbox').all()) {
      await expect(field).toBeEnabled();
      await expect(field).not.toHaveValue('');
    }
    expect(problems).toEqual([]);
  });

  test('users and roles: adds a plan author, changes roles, sets a new password that works', async ({ page, bridge }) => {
    await setUpSchool(bridge.url);
    await openTab(page, bridge.url, 'Lietotāji un lomas');
    await expect(page.getByRole('row', { name: /Anna Ozola/ })).toContainText('koordinators');
    await page.getByRole('button', { name: 'Pievienot lietotāju' }).click();
    const dialog = page.getByRole('dialog', { name: 'Jauns lietotājs' });
    await dialog.getByLabel('Vārds, uzvārds').fill('Pēteris Psihologs');
    await dialog.getByLabel('Lietotājvārds').fill('peteris');
    await dialog.getByLabel('Pirmā parole').fill('īsa');
    await dialog.getByRole('checkbox', { name: /plāna autors/ }).check();
    await dialog.getByLabel('Speciālista veids').selectOption('psychologist');
    await dialog.getByRole('button', { name: 'Saglabāt lietotāju' }).click();
    await expect(dialog.getByText('Parolei jābūt vismaz 10 rakstzīmes garai.')).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'settings: new user dialog');
    await saveScreenshot(page, 'settings-user-dialog-lv');
    await dialog.getByLabel('Pirmā parole').fill('zaļa zāle 2025');
    await dialog.getByRole('button', { name: 'Saglabāt lietotāju' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('row', { name: /Pēteris Psihologs/ });
    await expect(row).toContainText('plāna autors · psihologs');

    await row.getByRole('button', { name: 'Labot: Pēteris Psihologs' }).click();
    const edit = page.getByRole('dialog', { name: 'Labot: Pēteris Psihologs' });
    await edit.getByRole('checkbox', { name: /atbalsta speciālists/ }).check();
    await edit.getByRole('button', { name: 'Saglabāt lietotāju' }).click();
    await expect(row).toContainText('plāna autors, atbalsta speciālists');

    await row.getByRole('button', { name: 'Jauna parole: Pēteris Psihologs' }).click();
    const reset = page.getByRole('dialog', { name: 'Jauna parole: Pēteris Psihologs' });
    await reset.getByLabel('Jauna parole').fill('zila debess 2025');
    await reset.getByLabel('Parole vēlreiz').fill('zila debess 2025');
    await reset.getByRole('button', { name: 'Iestatīt paroli' }).click();
    await expect(page.getByText('Parole lietotājam Pēteris Psihologs iestatīta.')).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'settings: users');
    await saveScreenshot(page, 'settings-users-lv');

    // The coordinator cannot remove the last coordinator role: the service says why, in words.
    await page
      .getByRole('row', { name: /Anna Ozola/ })
      .getByRole('button', { name: 'Labot: Anna Ozola' })
      .click();
    const self = page.getByRole('dialog', { name: 'Labot: Anna Ozola' });
    await self.getByRole('checkbox', { name: /^koordinators/ }).uncheck();
    await self.getByRole('checkbox', { name: /tikai lasīšana/ }).check();
    await self.getByRole('button', { name: 'Saglabāt lietotāju' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /koordinator/i })).toBeVisible();
    await self.getByRole('button', { name: 'Atcelt' }).click();

    await page.getByRole('button', { name: 'Iziet' }).click();
    await page.getByLabel('Lietotājvārds').fill('peteris');
    await page.getByLabel('Parole').fill('zila debess 2025');
    await page.getByRole('button', { name: 'Pierakstīties' }).click();
    await expect(page.getByTestId('signed-in-as')).toContainText('Pēteris Psihologs');
    // Not a coordinator: no settings.
    await expect(page.getByRole('link', { name: 'Iestatījumi' })).toHaveCount(0);
    expect(COORDINATOR.username).toBe('anna.ozola');
  });
});
