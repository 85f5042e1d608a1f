/**
 * Data safety for the coordinator: Settings > Backups (make one, schedule a
 * restore), Settings > Audit log (the chain intact, filters) and Settings >
 * Retention (the years kept, who is due).
 */
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { setUpSchool } from './seed';

async function openTab(page: Page, url: string, tab: string) {
  await page.goto(`${url}/#/settings`);
  await page.getByRole('navigation', { name: 'Iestatījumu sadaļas' }).getByRole('link', { name: tab }).click();
  await expect(page.getByRole('navigation', { name: 'Iestatījumu sadaļas' }).getByRole('link', { name: tab })).toHaveAttribute('aria-current', 'page');
}

test.describe('data safety', () => {
  test('backups: makes an encrypted backup and schedules its restore for the next start', async ({ page, bridge }) => {
    const problems = watchConsole(page);
    await setUpSchool(bridge.url);
    await openTab(page, bridge.url, 'Dublējumi');
    await page.getByRole('button', { name: 'Izveidot dublējumu tagad' }).click();
    await expect(page.getByText('Dublējums izveidots.')).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: 'manuāls' });
    await expect(row).toHaveCount(1);
    await expectNoSeriousA11yIssues(page, 'settings: backups');
    await saveScreenshot(page, 'settings-backups-lv');
    await row.getByRole('button', { name: 'Atjaunot' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Atjaunot' }).click();
    await expect(page.getByText('Atjaunošana ir ieplānota')).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('audit log: the chain is intact, and the entries filter by action', async ({ page, bridge }) => {
    const problems = watchConsole(page);
    await setUpSchool(bridge.url);
    await openTab(page, bridge.url, 'Audita žurnāls');
    await expect(page.getByText(/Audita žurnāls ir vesels: \d+ ieraksti/)).toBeVisible();
    await page.getByLabel('Darbība').selectOption({ label: 'pieteikšanās' });
    await page.getByRole('button', { name: 'Atlasīt' }).click();
    await expect(page.getByRole('cell', { name: 'pieteikšanās', exact: true }).first()).toBeVisible();
    await expect(page.getByRole('cell', { name: 'izveide', exact: true })).toHaveCount(0);
    await expectNoSeriousA11yIssues(page, 'settings: audit log');
    await saveScreenshot(page, 'settings-audit-lv');
    expect(problems).toEqual([]);
  });

  test('retention: the years kept after leaving are saved, and the cutoff follows', async ({ page, bridge }) => {
    const problems = watchConsole(page);
    await setUpSchool(bridge.url);
    await openTab(page, bridge.url, 'Glabāšana');
    const years = page.getByLabel('Gadi pēc aiziešanas');
    await expect(years).toHaveValue('5');
    await expect(page.getByText(/^Dzēšami: 0 skolēni, kas aizgāja līdz \d{2}\.\d{2}\.\d{4} \(ieskaitot\)\.$/)).toBeVisible();
    const before = await page.getByText(/^Dzēšami:/).textContent();
    await expect(page.getByRole('button', { name: 'Dzēst termiņu pārsniegušos datus' })).toBeDisabled();
    await years.fill('3');
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    await expect(page.getByText('Glabāšanas termiņš saglabāts.')).toBeVisible();
    const cutoffYear = (text: string | null) => Number(/(\d{4}) \(ieskaitot\)/.exec(text ?? '')?.[1]);
    await expect.poll(async () => cutoffYear(await page.getByText(/^Dzēšami:/).textContent())).toBe(cutoffYear(before) + 2);
    await expectNoSeriousA11yIssues(page, 'settings: retention');
    expect(problems).toEqual([]);
  });
});
