/**
 * Data safety for the coordinator: Settings > Backups (make one, schedule a
 * restore), Settings > Audit log (the chain intact, filters) and Settings >
 * Retention (the years kept, who is due); at a school, the data exchange
 * screen's panel to accept the municipality's new decisions numbering.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, startBridge, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { invoke, link, setUpSchool } from './seed';

const MUNI_COORDINATOR = { username: 'ilze.kalnina', displayName: 'Ilze Kalniņa', password: 'novada dati 2025 droši' };

async function openTab(page: Page, url: string, tab: string) {
  await page.goto(`${url}/#/settings`);
  await page.getByRole('navigation', { name: 'Iestatījumu sadaļas' }).getByRole('link', { name: tab }).click();
  await expect(page.getByRole('navigation', { name: 'Iestatījumu sadaļas' }).getByRole('link', { name: tab })).toHaveAttribute('aria-current', 'page');
}

// Each test starts its own bridge and shares nothing with the others: they may run
// on different workers, which keeps the three workers busy to the end of the suite.
test.describe.configure({ mode: 'parallel' });

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

  test('backups: the coordinator sets how many of each kind are kept, and older ones go', async ({ page, bridge }) => {
    const problems = watchConsole(page);
    await setUpSchool(bridge.url);
    await openTab(page, bridge.url, 'Dublējumi');
    const keep = page.getByLabel('Glabājamo dublējumu skaits (katram veidam)');
    await expect(keep).toHaveValue('5');
    await keep.fill('0');
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    await expect(page.getByText('Ievadiet veselu skaitli no 1 līdz 100.')).toBeVisible();
    await keep.fill('2');
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    await expect(page.getByText('Saglabāts: glabā 2 katra veida dublējumus.')).toBeVisible();
    for (let i = 0; i < 3; i += 1) {
      await page.getByRole('button', { name: 'Izveidot dublējumu tagad' }).click();
      await expect(page.getByRole('row').filter({ hasText: 'manuāls' })).toHaveCount(Math.min(i + 1, 2));
    }
    await expect(page.getByText('pumpurs backup --out')).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'settings: backups kept');
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

  test("school: the panel to accept the municipality's new decisions numbering needs a reason and a package refused as restarted", async ({ page, bridge }) => {
    const muni = await startBridge({ today: '2025-10-15' });
    const files = await mkdtemp(join(tmpdir(), 'pumpurs-accept-stream-'));
    try {
      const problems = watchConsole(page);
      await setUpSchool(bridge.url);
      await invoke(muni.url, 'org:setUpAuthority', { profile: { mode: 'municipality', municipality: 'Madonas novads' }, coordinator: MUNI_COORDINATOR });
      await link(bridge, muni, files, 'school');
      // A decisions package that restarted nothing: the school may not use it to accept a new numbering.
      const decisions = join(files, 'decisions-1.pumpurs');
      await muni.answerDialogs({ save: [decisions] });
      const made = await invoke(muni.url, 'decisions:exportFor', { schoolId: '4313900456' });
      expect(made.result?.seq).toBe(1);

      await page.goto(`${bridge.url}/#/exchange`);
      const panel = page.getByTestId('accept-stream');
      await panel.getByText('Pašvaldība vai valsts zaudēja datus: pieņemt jaunu lēmumu pakotņu numerāciju').click();
      await expect(panel.getByText(/piezvaniet sūtītājam \(pašvaldībai vai valstij\)/)).toBeVisible();
      const accept = panel.getByRole('button', { name: 'Izvēlēties pakotni un pieņemt' });
      await expect(accept).toBeDisabled();
      await panel.getByLabel('Iemesls').fill('Zvanīju novadam 15.10.: tas atjaunoja dublējumu');
      await expect(accept).toBeEnabled();
      await expectNoSeriousA11yIssues(page, 'exchange: accept a new decisions numbering');
      await bridge.answerDialogs({ open: [[decisions]] });
      await accept.click();
      await expect(page.getByText(/Šī pakotne nesāk jaunu numerāciju .*Nekas netika mainīts\./)).toBeVisible({ timeout: 60_000 });
      // Nothing was accepted: the audit log holds no stream reset.
      const audit = JSON.stringify(await invoke(bridge.url, 'audit:list', {}));
      expect(audit).toContain('exchange_org');
      expect(audit).not.toContain('exchange_stream');
      expect(problems).toEqual([]);
    } finally {
      await muni.close();
      await rm(files, { recursive: true, force: true });
    }
  });

  test('municipality: Settings > Retention is there too, for the students it imported', async ({ page }) => {
    const muni = await startBridge({ today: '2025-10-15' });
    try {
      const problems = watchConsole(page);
      await invoke(muni.url, 'org:setUpAuthority', { profile: { mode: 'municipality', municipality: 'Madonas novads' }, coordinator: MUNI_COORDINATOR });
      await openTab(page, muni.url, 'Glabāšana');
      await expect(page.getByText(/^Saņemtie dati par skolēniem, kuri izstājušies vai absolvējuši/)).toBeVisible({ timeout: 30_000 });
      await expect(page.getByLabel('Gadi pēc aiziešanas')).toHaveValue('5');
      await expect(page.getByText(/^Dzēšami: 0 skolēni, kas aizgāja līdz \d{2}\.\d{2}\.\d{4} \(ieskaitot\)\.$/)).toBeVisible();
      await expect(page.getByRole('button', { name: 'Dzēst termiņu pārsniegušos datus' })).toBeDisabled();
      expect(problems).toEqual([]);
    } finally {
      await muni.close();
    }
  });
});
