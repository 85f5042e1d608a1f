/**
 * The municipality's work on a school's plans, both sides in Chromium, as
 * users would go (issue 9, "Done when"): a school and its municipality, each
 * its own installation (bridge) and its own page. Only the seeding that is
 * not the subject goes by the channels: the two set-ups, key cards, the
 * students, their screenings and the plan drafts with a compensation.
 *
 * Through the screens: the municipality's first decisions package (its
 * settings) goes down; the school sends both plans for approval, the
 * director approves, the exchange screen makes the package; the
 * municipality imports it, approves one plan with a smaller amount and
 * returns the other with a comment, saves the school's decisions package;
 * the school imports it and sees both; it revises the returned plan, the
 * director approves, the next package goes; the municipality approves,
 * records a payment and sends the decisions; the school sees it paid.
 *
 * Both installations keep one time a day (10:00): the municipality decides
 * in the same instant as its first package, so "something new" must not
 * depend on the clock. The revision happens on the next day (both bridges
 * started again on their folders): an edition changed in the same instant
 * as the one decided on would be the same edition to the municipality.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, startBridge, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { COORDINATOR, invoke, link, personalCode, SEMESTER, setUpSchool } from './seed';
import { formatMoney } from '../../src-shared/domain/format';

const SCHOOL = 'Madonas pilsētas vidusskola';
const DIRECTOR = { username: 'ieva.direktore', displayName: 'Ieva Liepa', password: 'direktores parole 2025' };
const MUNI = { username: 'ilze.kalnina', displayName: 'Ilze Kalniņa', password: 'novada dati 2025 droši' };
const COMMENT = 'Lūdzu pamatot transporta izmaksas.';
const euro = formatMoney;

type Bridge = Awaited<ReturnType<typeof startBridge>>;

function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name, exact: true });
}

async function check(page: Page, name: string): Promise<void> {
  await expectNoSeriousA11yIssues(page, name);
  await saveScreenshot(page, `decisions-rt-${name}`);
}

/** A screened student with a plan draft: psychologist 120 min and public transport `cents` (seeding: the plan editor is not the subject). */
async function planDraft(url: string, index: number, firstName: string, cents: number): Promise<{ id: string; code: string; studentId: string }> {
  const created = await invoke(url, 'students:create', {
    firstName,
    lastName: 'Kalniņa',
    personalCode: personalCode(index, 8),
    gender: 'female',
    educationLevel: 'general',
    grade: 8,
    classLabel: 'b',
  });
  const studentId = created.student.id;
  await invoke(url, 'screening:save', {
    studentId,
    semesterId: SEMESTER,
    answers: [
      { riskFactorId: 'school.absences', answer: 'present', justification: 'Kavējumi' },
      { riskFactorId: 'economic.transport', answer: 'present', justification: 'Biļetes' },
    ],
  });
  const draft = await invoke(url, 'plans:create', { studentId, semesterId: SEMESTER, goals: 'Mazināt kavējumus' });
  const filled = await invoke(url, 'plans:update', {
    planId: draft.id,
    version: draft.version,
    goals: 'Mazināt kavējumus',
    consent: { by: 'Ilze Kalniņa', relation: 'mother', on: '2025-10-01' },
    measures: [
      {
        kindCode: 'consultation.psychologist',
        plannedMinutes: 120,
        startsOn: '2025-10-16',
        endsOn: '2025-12-19',
        justification: 'Motivācija',
        riskFactorIds: ['school.absences'],
      },
      {
        kindCode: 'compensation.publicTransport',
        plannedCents: cents,
        startsOn: '2025-10-16',
        endsOn: '2025-12-19',
        justification: 'Biļetes',
        riskFactorIds: ['economic.transport'],
      },
    ],
  });
  return { id: filled.id, code: filled.code, studentId };
}

/** The school's page on a plan, signed in as `who` (the director's own session, as on the director's PC). */
async function openPlanAs(page: Page, bridge: Bridge, who: { username: string; password: string }, planId: string): Promise<void> {
  await invoke(bridge.url, 'auth:signIn', { username: who.username, password: who.password });
  await page.goto(`${bridge.url}/#/plans/${planId}`);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /^Atbalsta plāns / })).toBeVisible();
}

/** Coordinator: send for approval; director: approve; both in the plan screen. */
async function submitAndApprove(page: Page, bridge: Bridge, planId: string): Promise<void> {
  await openPlanAs(page, bridge, COORDINATOR, planId);
  await page.getByRole('button', { name: 'Nodot saskaņošanai' }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Nodot saskaņošanai' }).click();
  await expect(page.getByText('Plāns nodots saskaņošanai.', { exact: true })).toBeVisible();
  await openPlanAs(page, bridge, DIRECTOR, planId);
  await page.getByRole('button', { name: 'Apstiprināt', exact: true }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Apstiprināt', exact: true }).click();
  await expect(page.getByText('Plāns apstiprināts.', { exact: true })).toBeVisible();
  await invoke(bridge.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
}

/** School: the semester package made in the data exchange screen. */
async function schoolExport(page: Page, bridge: Bridge, file: string, seq: number): Promise<void> {
  await nav(page, 'Datu apmaiņa').click();
  await bridge.answerDialogs({ save: [file] });
  await page.getByRole('button', { name: 'Izveidot pakotni…' }).click();
  await expect(page.getByTestId('export-seq')).toHaveText(String(seq));
}

/** School: a decisions package chosen and imported in the data exchange screen (dry run, then import). */
async function schoolImportDecisions(page: Page, bridge: Bridge, file: string): Promise<void> {
  await nav(page, 'Datu apmaiņa').click();
  const panel = page.getByRole('region', { name: 'Pašvaldības lēmumi' });
  await bridge.answerDialogs({ open: [[file]] });
  await panel.getByRole('button', { name: 'Importēt lēmumu pakotni…' }).click();
  await expect(panel.getByTestId('decisions-preview-summary')).toHaveText('Pārbaudīta 1 pakotne. 1 gatava importēšanai.');
  await panel.getByRole('button', { name: 'Importēt 1 pakotni' }).click();
  await expect(panel.getByTestId('decisions-result-summary')).toHaveText('Importēta 1 pakotne.');
}

/** Municipality: the school's package imported on its import screen (dry run, then import). */
async function muniImport(page: Page, bridge: Bridge, file: string): Promise<void> {
  await nav(page, 'Importēt').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pakotņu importēšana' })).toBeVisible();
  await bridge.answerDialogs({ open: [[file]] });
  await page.getByRole('button', { name: 'Izvēlēties failus…' }).click();
  await expect(page.getByTestId('preview-summary')).toHaveText('Pārbaudīta 1 pakotne. 1 gatava importēšanai.');
  await page.getByRole('button', { name: 'Importēt 1 pakotni' }).click();
  await expect(page.getByTestId('result-summary')).toHaveText('Importēta 1 pakotne.');
}

/** Municipality: the school's decisions package saved from the exchange screen's outbox, which said there was something new. */
async function muniSendDecisions(page: Page, bridge: Bridge, file: string, seq: number, screen?: string): Promise<void> {
  await nav(page, 'Datu apmaiņa').click();
  const outbox = page.getByTestId('decisions-outbox');
  const row = outbox.locator('tbody tr', { hasText: SCHOOL });
  await expect(row).toContainText('ir jaunumi');
  if (screen) await check(page, screen);
  await bridge.answerDialogs({ save: [file] });
  await outbox.getByRole('button', { name: `Saglabāt lēmumu pakotni skolai ${SCHOOL}` }).click();
  await expect(page.getByText(`Lēmumu pakotne skolai ${SCHOOL} (Nr. ${seq}) saglabāta: ${file}`)).toBeVisible();
  await expect(row).toContainText('nav jaunumu');
}

/** Both installations on a new day: each bridge started again on its data folder; both signed in. */
async function nextDay(
  old: { school: Bridge; muni: Bridge },
  pages: Page[],
  dirs: { school: string; muni: string },
  today: string,
): Promise<{ school: Bridge; muni: Bridge }> {
  // The pages leave first: a page left on a closed bridge would keep asking it.
  for (const page of pages) await page.goto('about:blank');
  await old.school.close();
  await old.muni.close();
  const school = await startBridge({ today, dataDir: dirs.school, keepDataDir: true });
  const muni = await startBridge({ today, dataDir: dirs.muni, keepDataDir: true });
  await invoke(school.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
  await invoke(muni.url, 'auth:signIn', { username: MUNI.username, password: MUNI.password });
  return { school, muni };
}

// Two installations started twice and some thirty screens: about a minute on an idle PC, much more on a busy shared machine.
test.describe.configure({ timeout: 600_000 });

test('a school and its municipality: two plans up, one approved for less and one returned, revised, approved, paid — all in the apps', async ({ context }) => {
  const files = await mkdtemp(join(tmpdir(), 'pumpurs-decisions-rt-'));
  const dirs = { school: join(files, 'school'), muni: join(files, 'municipality') };
  await mkdir(dirs.school);
  await mkdir(dirs.muni);
  let bridges = {
    school: await startBridge({ today: '2025-10-15', dataDir: dirs.school, keepDataDir: true }),
    muni: await startBridge({ today: '2025-10-15', dataDir: dirs.muni, keepDataDir: true }),
  };
  const school = await context.newPage();
  const muni = await context.newPage();
  const problems = [...[school, muni].map((p) => watchConsole(p))];
  await school.setViewportSize({ width: 1360, height: 900 });
  await muni.setViewportSize({ width: 1360, height: 900 });
  try {
    // Seeding: both set up, key cards both ways, two plan drafts with a compensation.
    await setUpSchool(bridges.school.url);
    await invoke(bridges.school.url, 'staff:create', {
      username: DIRECTOR.username,
      displayName: DIRECTOR.displayName,
      password: DIRECTOR.password,
      roles: ['director'],
    });
    await invoke(bridges.muni.url, 'org:setUpAuthority', { profile: { mode: 'municipality', municipality: 'Madonas novads' }, coordinator: MUNI });
    await link(bridges.school, bridges.muni, files, 'school');
    const one = await planDraft(bridges.school.url, 21, 'Anna', 5000);
    const two = await planDraft(bridges.school.url, 22, 'Marta', 8000);

    // 1. The municipality's first decisions package carries its settings (plans with a compensation need its approval).
    await muni.goto(bridges.muni.url);
    await muniSendDecisions(muni, bridges.muni, join(files, 'decisions-1.pumpurs'), 1);
    await school.goto(bridges.school.url);
    await schoolImportDecisions(school, bridges.school, join(files, 'decisions-1.pumpurs'));

    // 2. The school sends both plans for approval; the director approves; they wait for Madonas novads, visibly.
    await submitAndApprove(school, bridges.school, one.id);
    await submitAndApprove(school, bridges.school, two.id);
    await openPlanAs(school, bridges.school, COORDINATOR, one.id);
    const panel = school.getByTestId('authority-panel');
    await expect(panel.getByTestId('authority-state')).toContainText('tas gaida lēmumu: Madonas novads');
    await check(school, '01-school-waiting');

    // 3. The school's package, from its exchange screen.
    await schoolExport(school, bridges.school, join(files, 'report-1.pumpurs'), 1);
    await check(school, '02-school-exchange');

    // 4. The municipality imports it; both plans wait in its queue.
    await muniImport(muni, bridges.muni, join(files, 'report-1.pumpurs'));
    await nav(muni, 'Lēmumi').click();
    await expect(muni.getByRole('heading', { level: 1, name: 'Lēmumu rinda' })).toBeVisible();
    const queue = muni.getByTestId('queue-table');
    await expect(queue.locator('tbody tr:not(.spacer)')).toHaveCount(2);
    await check(muni, '03-muni-queue');

    // 5. Plan one approved with a smaller amount (measure 1 is the transport: same start day, so by kind code).
    await queue.getByRole('link', { name: `Izskatīt plānu ${one.code}` }).click();
    await expect(muni.getByRole('heading', { level: 1, name: `Plāns ${one.code}` })).toBeVisible();
    await expect(muni.getByTestId('review-measures').locator('tbody tr').first()).toContainText(euro(5000));
    await check(muni, '04-muni-review');
    await muni.getByLabel('Apstiprinātā summa pasākumam Nr. 1 (tukšs — kā plānots)').fill('20');
    await muni.getByRole('button', { name: 'Apstiprināt…' }).click();
    await muni
      .getByRole('dialog', { name: `Apstiprināt plānu ${one.code}?` })
      .getByRole('button', { name: 'Apstiprināt' })
      .click();
    await expect(muni.getByText(`Plāns ${one.code} apstiprināts.`)).toBeVisible();

    // 6. The next plan opens: returned with a comment.
    await expect(muni.getByRole('heading', { level: 1, name: `Plāns ${two.code}` })).toBeVisible();
    await muni.getByRole('radio', { name: 'Atgriezt labošanai' }).check();
    await muni.getByLabel('Komentārs skolai').fill(COMMENT);
    await muni.getByRole('button', { name: 'Atgriezt labošanai…' }).click();
    await muni.getByRole('dialog').getByRole('button', { name: 'Atgriezt' }).click();
    await expect(muni.getByText(`Plāns ${two.code} atgriezts labošanai.`)).toBeVisible();

    // 7. The decisions package, made in the same instant as the first one: still something new.
    await muniSendDecisions(muni, bridges.muni, join(files, 'decisions-2.pumpurs'), 2, '05-muni-outbox');

    // 8. The school imports it and sees both.
    await schoolImportDecisions(school, bridges.school, join(files, 'decisions-2.pumpurs'));
    await school.goto(`${bridges.school.url}/#/plans/${one.id}`);
    await expect(panel.getByTestId('authority-state')).toHaveText('Madonas novads plānu apstiprināja.');
    const transportOne = panel.getByTestId('authority-money').locator('tr[data-kind="compensation.publicTransport"]');
    await expect(transportOne.getByTestId('approved-cell')).toHaveText(`apstiprināts mazāk: ${euro(2000)}`);
    await school.goto(`${bridges.school.url}/#/plans/${two.id}`);
    await expect(panel.getByTestId('authority-state')).toContainText('Madonas novads plānu atgrieza labošanai.');
    await expect(panel.getByTestId('authority-comment')).toHaveText(COMMENT);
    await check(school, '06-school-returned');

    // 9. The next day: the school revises the returned plan (a smaller amount); the director approves; the next package.
    bridges = await nextDay(bridges, [school, muni], dirs, '2025-10-16');
    await openPlanAs(school, bridges.school, COORDINATOR, two.id);
    await school.getByRole('textbox', { name: /Plānotā summa, €/ }).fill('60');
    await school.getByRole('button', { name: 'Nodot saskaņošanai' }).first().click();
    await school.getByRole('dialog').getByRole('button', { name: 'Nodot saskaņošanai' }).click();
    await expect(school.getByText('Plāns nodots saskaņošanai.', { exact: true })).toBeVisible();
    await openPlanAs(school, bridges.school, DIRECTOR, two.id);
    await school.getByRole('button', { name: 'Apstiprināt', exact: true }).first().click();
    await school.getByRole('dialog').getByRole('button', { name: 'Apstiprināt', exact: true }).click();
    await expect(school.getByText('Plāns apstiprināts.', { exact: true })).toBeVisible();
    await expect(panel.getByTestId('authority-state')).toContainText('tas gaida lēmumu: Madonas novads');
    await invoke(bridges.school.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
    await school.reload();
    await schoolExport(school, bridges.school, join(files, 'report-2.pumpurs'), 2);

    // 10. The municipality imports it, approves the revised plan, records a payment, sends the decisions.
    await muni.goto(bridges.muni.url);
    await muniImport(muni, bridges.muni, join(files, 'report-2.pumpurs'));
    await nav(muni, 'Lēmumi').click();
    await expect(queue.locator('tbody tr:not(.spacer)')).toHaveCount(1);
    await queue.getByRole('link', { name: `Izskatīt plānu ${two.code}` }).click();
    await expect(muni.getByRole('heading', { level: 1, name: `Plāns ${two.code}` })).toBeVisible();
    await expect(muni.getByTestId('review-measures').locator('tbody tr').first()).toContainText(euro(6000));
    await muni.getByRole('button', { name: 'Apstiprināt…' }).click();
    await muni
      .getByRole('dialog', { name: `Apstiprināt plānu ${two.code}?` })
      .getByRole('button', { name: 'Apstiprināt' })
      .click();
    await expect(muni.getByText(`Plāns ${two.code} apstiprināts.`)).toBeVisible();

    await nav(muni, 'Maksājumi').click();
    await expect(muni.getByRole('heading', { level: 1, name: 'Budžets un maksājumi' })).toBeVisible();
    const payables = muni.getByTestId('payables-table');
    await expect(payables.locator('tbody tr', { hasText: two.code })).toContainText(euro(6000));
    await payables.getByRole('button', { name: new RegExp(`Reģistrēt maksājumu: ${two.code}`) }).click();
    const pay = muni.getByRole('dialog', { name: 'Maksājums' });
    await pay.getByLabel('Maksājuma datums').fill('16.10.2025');
    await pay.getByLabel('Summa, €').fill('60');
    await pay.getByRole('radio', { name: 'Vecāks vai aizbildnis' }).check();
    await pay.getByLabel('Maksājuma uzdevuma numurs').fill('MK-2025-17');
    await pay.getByRole('button', { name: 'Reģistrēt' }).click();
    await expect(muni.getByText(`Maksājums ${euro(6000)} plānam ${two.code} reģistrēts.`)).toBeVisible();
    await check(muni, '07-muni-money');
    await muniSendDecisions(muni, bridges.muni, join(files, 'decisions-3.pumpurs'), 3);

    // 11. The school imports it: approved and paid.
    await school.goto(bridges.school.url);
    await schoolImportDecisions(school, bridges.school, join(files, 'decisions-3.pumpurs'));
    await school.goto(`${bridges.school.url}/#/plans/${two.id}`);
    await expect(panel.getByTestId('authority-state')).toHaveText('Madonas novads plānu apstiprināja.');
    const transportTwo = panel.getByTestId('authority-money').locator('tr[data-kind="compensation.publicTransport"]');
    await expect(transportTwo.getByTestId('approved-cell')).toHaveText(euro(6000));
    await expect(transportTwo.getByTestId('paid-cell')).toHaveText(euro(6000));
    const payment = panel.getByTestId('payment-row');
    await expect(payment).toHaveCount(1);
    await expect(payment).toContainText('16.10.2025');
    await expect(payment).toContainText(euro(6000));
    await expect(payment).toContainText('Vecāks vai aizbildnis');
    await expect(panel.getByTestId('authority-decisions').locator('li')).toHaveCount(2);
    await check(school, '08-school-paid');
    // And plan one is still as decided.
    await school.goto(`${bridges.school.url}/#/plans/${one.id}`);
    await expect(transportOne.getByTestId('approved-cell')).toHaveText(`apstiprināts mazāk: ${euro(2000)}`);

    expect(problems.flat()).toEqual([]);
  } finally {
    await bridges.school.close();
    await bridges.muni.close();
    await rm(files, { recursive: true, force: true });
  }
});
