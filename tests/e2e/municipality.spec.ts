/**
 * The municipality's and the state's side in Chromium, beyond the round trip
 * of exchange.spec.ts: the state set up through the wizard; enrolment that
 * refuses a fingerprint that does not match and a changed key (KEY_CHANGED,
 * shown with what to do, nothing changed), then replaces the lost key after
 * a warning and the new fingerprint; a folder of packages with a
 * sequence gap (imported with a warning), an older package (refused) and
 * one from a school that is not enrolled, read in English.
 * Installations are set up and linked through their services (the UI for
 * that is exercised in exchange.spec.ts); what is tested here goes through
 * the municipality's screens. Screenshots: test-results/screens/muni-*.png.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, startBridge, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { COORDINATOR, invoke } from './seed';

const MUNI = { username: 'ilze.kalnina', displayName: 'Ilze Kalniņa', password: 'novada dati 2025 droši' };
const TODAY = '2025-10-15';

interface Installation {
  url: string;
  answerDialogs(answers: { save?: (string | null)[]; open?: string[][] }): Promise<void>;
}

async function checkScreen(page: Page, name: string) {
  await expectNoSeriousA11yIssues(page, name);
  await saveScreenshot(page, `muni-${name}`);
}

async function setUpMunicipality(url: string): Promise<void> {
  await invoke(url, 'org:setUpAuthority', { profile: { mode: 'municipality', municipality: 'Madonas novads' }, coordinator: MUNI });
}

async function setUpSchool(url: string, school: { name: string; regNo: string }): Promise<void> {
  await invoke(url, 'org:setUp', { profile: { ...school, municipality: 'Madonas novads', schoolType: 'general' }, coordinator: COORDINATOR });
}

async function saveCard(inst: Installation, path: string): Promise<string> {
  await inst.answerDialogs({ save: [path] });
  const saved = await invoke(inst.url, 'exchange:exportCard', {});
  if (!saved.fingerprint) throw new Error('card not saved');
  return saved.fingerprint.digits;
}

/** Reads a key card and confirms it with the fingerprint the file shows (as if compared by phone). */
async function confirmCard(inst: Installation, card: string, purpose: 'enrol' | 'trust'): Promise<void> {
  await inst.answerDialogs({ open: [[card]] });
  const read = await invoke(inst.url, 'exchange:enrolPreview', { purpose });
  if (!read.token || !read.preview) throw new Error('no key card read');
  const input = { token: read.token, fingerprint: read.preview.fingerprint.digits };
  if (purpose === 'enrol') await invoke(inst.url, 'exchange:enrol', { ...input, replaceKey: false });
  else await invoke(inst.url, 'exchange:trust', input);
}

async function exportPackage(inst: Installation, path: string): Promise<number> {
  await inst.answerDialogs({ save: [path] });
  const made = await invoke(inst.url, 'exchange:export', {});
  if (!made.result) throw new Error('no package made');
  return made.result.seq;
}

// Each test starts its own bridge and shares nothing with the others: they may run
// on different workers, which keeps the three workers busy to the end of the suite.
test.describe.configure({ mode: 'parallel' });

test('the state is set up through the wizard and sees its own screens', async ({ page, bridge }) => {
  const problems = watchConsole(page);
  await page.goto(bridge.url);
  await page.getByRole('radio', { name: 'Valsts (IKVD)' }).check();
  await expect(page.getByRole('heading', { level: 1, name: 'Valsts līmeņa iestatīšana' })).toBeVisible();
  await expect(page.getByText('Šī lietotne darbosies kā Izglītības kvalitātes valsts dienests.')).toBeVisible();
  // Back to a school and again: each kind shows its own form.
  await page.getByRole('radio', { name: 'Skola' }).check();
  await expect(page.getByRole('heading', { level: 1, name: 'Skolas iestatīšana' })).toBeVisible();
  await expect(page.getByLabel('Skolas nosaukums')).toBeVisible();
  await page.getByRole('radio', { name: 'Valsts (IKVD)' }).check();
  await checkScreen(page, '01-setup-state');
  await page.getByRole('button', { name: 'Tālāk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pirmais koordinators' })).toBeFocused();
  await page.getByLabel('Vārds, uzvārds').fill('Pēteris Ozols');
  await page.getByLabel('Lietotājvārds').fill('peteris.ozols');
  await page.getByLabel('Parole', { exact: true }).fill('valsts dati 2025 droši');
  await page.getByLabel('Parole vēlreiz').fill('valsts dati 2025 droši');
  await page.getByRole('button', { name: 'Pabeigt iestatīšanu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sākums' })).toBeVisible();
  await expect(page.getByTestId('school-name')).toHaveText('Izglītības kvalitātes valsts dienests');
  const nav = page.getByRole('navigation', { name: 'Galvenā navigācija' });
  await expect(nav.getByRole('link')).toHaveText([
    'Sākums',
    'Statistika',
    'Iestādes',
    'Importēt',
    'Lēmumi',
    'Maksājumi',
    'Lēmumu kārtība',
    'Valsts kopaina',
    'Datu apmaiņa',
    'Iestatījumi',
  ]);
  await expect(page.getByText('Vēl nav reģistrēta neviena iestāde.')).toBeVisible();
  await checkScreen(page, '02-state-home');
  await nav.getByRole('link', { name: 'Datu apmaiņa' }).click();
  await expect(page.getByTestId('own-fingerprint')).toHaveText(/^(\d{5} ){11}\d{5}$/);
  // Issue 16, item 24: the authority's internal id ("ikvd") is no label people need to read.
  await expect(page.getByText('Identifikators')).toHaveCount(0);
  await expect(page.getByText('ikvd', { exact: true })).toHaveCount(0);
  // The state sends to nobody: no recipient's key, no package.
  await expect(page.getByRole('heading', { name: /atslēga$/ })).toHaveText(['Šīs iestādes atslēga']);
  await nav.getByRole('link', { name: 'Iestādes' }).click();
  await expect(page.getByRole('button', { name: 'Reģistrēt iestādi…' })).toBeVisible();
  // The state keeps a calendar and staff; the school's profile form and catalogues are not offered.
  await nav.getByRole('link', { name: 'Iestatījumi' }).click();
  await expect(page.getByRole('navigation', { name: 'Iestatījumu sadaļas' }).getByRole('link')).toHaveText([
    'Kalendārs',
    'Lietotāji un lomas',
    'Dublējumi',
    'Audita žurnāls',
    // Its own small-number threshold and the retention of the records it imported (issues 11 and 13).
    'Statistika',
    'Glabāšana',
  ]);
  expect(problems).toEqual([]);
});

test('enrolment refuses a fingerprint that does not match and a changed key, and changes nothing until a lost key is replaced', async ({ page, bridge }) => {
  const problems = watchConsole(page);
  const school = await startBridge({ today: TODAY });
  const reinstalled = await startBridge({ today: TODAY });
  const files = await mkdtemp(join(tmpdir(), 'pumpurs-muni-'));
  try {
    const schoolInfo = { name: 'Madonas pilsētas vidusskola', regNo: '4313900456' };
    await setUpMunicipality(bridge.url);
    await setUpSchool(school.url, schoolInfo);
    await setUpSchool(reinstalled.url, schoolInfo);
    const card = join(files, 'skola.card.json');
    const otherCard = join(files, 'skola-jauna.card.json');
    const fingerprint = await saveCard(school, card);
    const otherFingerprint = await saveCard(reinstalled, otherCard);
    expect(otherFingerprint).not.toBe(fingerprint);

    await page.goto(`${bridge.url}/#/schools`);
    await expect(page.getByRole('heading', { level: 1, name: 'Skolas' })).toBeVisible();

    // 1. Digits that differ from the card's (one group misheard on the phone): nothing is enrolled.
    const groups = fingerprint.split(' ');
    const misheard = [...groups.slice(0, 5), groups[5] === '00000' ? '11111' : '00000', ...groups.slice(6)].join(' ');
    await bridge.answerDialogs({ open: [[card]] });
    await page.getByRole('button', { name: 'Reģistrēt skolu…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reģistrēt iestādi pēc atslēgas kartes' });
    await dialog.getByLabel('Nospiedums, ko jums nolasīja').fill(misheard);
    await dialog.getByRole('button', { name: 'Reģistrēt' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Ievadītais nospiedums neatbilst failā esošajai atslēgai.' })).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('schools-table')).toHaveCount(0);

    // 2. Compared and ticked: enrolled.
    await bridge.answerDialogs({ open: [[card]] });
    await page.getByRole('button', { name: 'Reģistrēt skolu…' }).click();
    await dialog.getByLabel('Salīdzināju nospiedumu ar otru iestādi, un tas sakrīt').check();
    await dialog.getByRole('button', { name: 'Reģistrēt' }).click();
    await expect(page.getByText(`“${schoolInfo.name}” reģistrēta.`)).toBeVisible();
    await expect(page.getByTestId('schools-table')).toContainText(fingerprint);

    // 3. The same card again: recognised, nothing would change.
    await bridge.answerDialogs({ open: [[card]] });
    await page.getByRole('button', { name: 'Reģistrēt skolu…' }).click();
    await expect(dialog.getByText('Šī atslēga jau ir reģistrēta; nekas nemainīsies.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Atcelt' }).click();

    // 4. A card of the same school with another key: KEY_CHANGED, clearly, and no dialog to confirm.
    await bridge.answerDialogs({ open: [[otherCard]] });
    await page.getByRole('button', { name: 'Reģistrēt skolu…' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Atslēga neatbilst reģistrētajai — nekas netika mainīts' });
    await expect(refusal).toBeVisible();
    await expect(refusal).toContainText('Šai iestādei jau ir reģistrēta cita atslēga.');
    await expect(refusal).toContainText('Ja iestāde pārinstalēja lietotni vai pazaudēja atslēgu');
    await expect(refusal).toContainText('Kods: KEY_CHANGED');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('schools-table')).toContainText(fingerprint);
    await expect(page.getByTestId('schools-table')).not.toContainText(otherFingerprint);
    await checkScreen(page, '03-key-changed');
    const enrolled = await invoke(bridge.url, 'exchange:enrolled', { role: 'sender' });
    expect(enrolled.map((e) => e.fingerprint.digits)).toEqual([fingerprint]);

    // 5. The school confirms by phone that it lost its key: the refusal offers the replacement, the
    //    card is chosen again, a warning says what it means, and the NEW fingerprint is confirmed.
    await bridge.answerDialogs({ open: [[otherCard]] });
    await refusal.getByRole('button', { name: 'Aizstāt pazaudēto atslēgu…' }).click();
    const replace = page.getByRole('dialog', { name: 'Pazaudētas atslēgas aizstāšana' });
    await expect(replace.getByTestId('replace-key-warning')).toContainText('salīdziniet JAUNO nospiedumu');
    await expect(replace.getByTestId('replace-key-warning')).toContainText('ar veco atslēgu parakstītas pakotnes, kas sūtītas pēc Nr. 0, tiks noraidītas');
    await expect(replace.getByTestId('key-file-fingerprint')).toHaveText(otherFingerprint);
    await expect(replace.getByText('Līdzšinējās atslēgas nospiedums')).toBeVisible();
    await checkScreen(page, '03b-replace-key');
    await replace.getByLabel('Nospiedums, ko jums nolasīja').fill(otherFingerprint);
    await replace.getByRole('button', { name: 'Aizstāt atslēgu' }).click();
    await expect(page.getByText(`“${schoolInfo.name}” atslēga aizstāta.`)).toBeVisible();
    await expect(page.getByTestId('schools-table')).toContainText(otherFingerprint);
    await expect(page.getByTestId('schools-table')).not.toContainText(fingerprint);
    const replaced = await invoke(bridge.url, 'exchange:enrolled', { role: 'sender' });
    expect(replaced.map((e) => e.fingerprint.digits)).toEqual([otherFingerprint]);
    expect(problems).toEqual([]);
  } finally {
    await school.close();
    await reinstalled.close();
    await rm(files, { recursive: true, force: true });
  }
});

test('a folder of packages: a gap is imported with a warning, an older package and an unknown sender are refused (in English)', async ({ page, bridge }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  const school = await startBridge({ today: TODAY });
  const stranger = await startBridge({ today: TODAY });
  const files = await mkdtemp(join(tmpdir(), 'pumpurs-muni-'));
  try {
    await setUpMunicipality(bridge.url);
    await setUpSchool(school.url, { name: 'Madonas pilsētas vidusskola', regNo: '4313900456' });
    await setUpSchool(stranger.url, { name: 'Lazdonas pamatskola', regNo: '4312900777' });
    const muniCard = join(files, 'novads.card.json');
    const schoolCard = join(files, 'skola.card.json');
    await saveCard(bridge, muniCard);
    await saveCard(school, schoolCard);
    await confirmCard(bridge, schoolCard, 'enrol');
    await confirmCard(school, muniCard, 'trust');
    await confirmCard(stranger, muniCard, 'trust');
    const first = join(files, 'madona-1.pumpurs');
    const second = join(files, 'madona-2.pumpurs');
    expect(await exportPackage(school, first)).toBe(1);
    expect(await exportPackage(school, second)).toBe(2);
    const inbox = join(files, 'inbox');
    await mkdir(inbox);
    const strangerPackage = join(inbox, 'lazdona-1.pumpurs');
    await exportPackage(stranger, strangerPackage);

    // 1. Only the second package arrives: imported, with the sequence-gap warning and what to do.
    // Set up through the bridge's door, the page shares the coordinator's session.
    await page.goto(bridge.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Sākums' })).toBeVisible();
    await page.getByRole('link', { name: 'Importēt pakotnes' }).click();
    await bridge.answerDialogs({ open: [[second]] });
    await page.getByRole('button', { name: 'Izvēlēties failus…' }).click();
    const gap = page.getByTestId('import-file').locator('.warning-box');
    await expect(gap).toContainText('Trūkst kādas iepriekšējās sūtītāja pakotnes.');
    await expect(gap).toContainText('Pakotni var importēt. Palūdziet sūtītājam atsūtīt arī trūkstošo pakotni.');
    await expect(page.getByTestId('files-table')).toContainText('1 brīdinājums');
    await checkScreen(page, '04-import-gap');
    await page.getByRole('button', { name: 'Importēt 1 pakotni' }).click();
    await expect(page.getByTestId('result-summary')).toHaveText('Importēta 1 pakotne.');
    await page.getByRole('link', { name: 'Uz sākumu' }).click();
    const row = page.getByTestId('sent-table').getByRole('row', { name: /Madonas pilsētas vidusskola/ });
    await expect(row.getByRole('cell').nth(3)).toHaveText('2');
    await expect(row).toContainText('Trūkst kādas iepriekšējās sūtītāja pakotnes.');

    // 2. In English, a folder with the first (older) package and one from a school that is not enrolled.
    await page.getByLabel('Valoda').selectOption('en');
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Import' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Importing packages' })).toBeVisible();
    await rm(second);
    await copyFile(first, join(inbox, 'madona-1.pumpurs'));
    await bridge.answerDialogs({ open: [[inbox]] });
    await page.getByRole('button', { name: 'Choose a folder…' }).click();
    await expect(page.getByTestId('preview-summary')).toHaveText('2 packages checked. 0 ready to import.');
    const details = page.getByTestId('import-file');
    const older = details.filter({ hasText: 'madona-1.pumpurs' }).locator('.problem');
    await expect(older).toContainText('This package is older than one already imported. The newer data was not overwritten.');
    await expect(older).toContainText('Code: STALE_REPLAY');
    const unknown = details.filter({ hasText: 'lazdona-1.pumpurs' }).locator('.problem');
    await expect(unknown).toContainText('The package was signed by a key that is not enrolled.');
    await expect(unknown).toContainText('Enrol the sender under “Schools” from its key card');
    await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
    await checkScreen(page, '05-import-refused-en');
    expect(problems).toEqual([]);
  } finally {
    await school.close();
    await stranger.close();
    await rm(files, { recursive: true, force: true });
  }
});

test('the progress of long work sits in the page flow, covers nothing, and goes as soon as the work is done', async ({ page, bridge }) => {
  const problems = watchConsole(page);
  await setUpMunicipality(bridge.url);
  // Main's events, scripted: an import half done; then, on the next connection, whatever the test queues.
  const event = (done: number, total: number) =>
    `retry: 200\ndata: ${JSON.stringify({ event: 'task:progress', payload: { taskId: 'exchange:importCommit', done, total, labelKey: 'exchange.progress.import' } })}\n\n`;
  let next = event(1, 3);
  await page.route(/\/__ipc\/events(\?|$)/, async (route) => {
    const body = next;
    next = 'retry: 200\n: idle\n\n';
    await route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }, body });
  });
  await page.goto(bridge.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sākums' })).toBeVisible();
  const bar = page.getByRole('progressbar', { name: 'Importē pakotnes' });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('value', '1');
  await expect(bar).toHaveAttribute('max', '3');
  await expect(page.getByText('1 no 3 (33 %)')).toBeVisible();
  // Above the screen's content, not over it: the heading starts below the bar and is what is there.
  const region = await page.locator('.task-progress').boundingBox();
  const heading = page.getByRole('heading', { level: 1, name: 'Sākums' });
  const headingBox = await heading.boundingBox();
  if (!region || !headingBox) throw new Error('not laid out');
  expect(headingBox.y).toBeGreaterThanOrEqual(region.y + region.height);
  const main = page.locator('main');
  const mainBox = await main.boundingBox();
  if (!mainBox) throw new Error('not laid out');
  expect(region.y).toBeGreaterThanOrEqual(mainBox.y);
  const onTop = await page.evaluate(() => {
    const h1 = document.querySelector('h1');
    const box = h1?.getBoundingClientRect();
    return box ? h1?.contains(document.elementFromPoint(box.left + 5, box.top + box.height / 2)) : false;
  });
  expect(onTop).toBe(true);
  await checkScreen(page, '06-progress');
  // Done: gone at once (it used to linger 1.5 s over the result).
  next = event(3, 3);
  await expect(bar).toHaveCount(0, { timeout: 1000 });
  await expect(page.locator('.task-progress')).toHaveCount(0);
  expect(problems).toEqual([]);
});
