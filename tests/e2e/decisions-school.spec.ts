/**
 * The school's side of the municipality's decisions (issue 9), in Chromium:
 * the school imports its municipality's first decisions package (settings:
 * plans with compensations need approval; the package deadline) through its
 * data exchange screen and sees the deadline; two plans with compensations,
 * approved by the director, visibly wait for the municipality; the school
 * makes its package in the app; the municipality (its own data folder, by the
 * CLI `pumpurs import / decide / export --to`, and its services for the
 * payment, until its screens exist) approves one with a smaller amount and
 * returns the other with a comment; the school imports the decisions in the
 * app and sees both; it revises the returned plan in the plan screen (a
 * smaller amount; an NGO measure joining a youth project the municipality
 * sent down), the
 * director approves, the next package goes; approved and paid; the school
 * sees the payment.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { runCli, type CliIo } from '../../src-main/cli/cli';
import type { Clock } from '../../src-main/ports/clock';
import { cliActor } from '../../src-main/services/accounts/access';
import { openAppAt, RESOURCES_DIR } from '../../src-main/services/exchange/testing/exchange-fixture';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, startBridge, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { COORDINATOR, invoke, personalCode, SEMESTER, setUpSchool } from './seed';

const REG_NO = '4313900456';
const DIRECTOR = { username: 'ieva.direktore', name: 'Ieva Liepa', password: 'direktores parole 2025' };
const COMMENT = 'Lūdzu pamatot transporta izmaksas';
const PROJECT = 'Jauniešu kora nometne';

function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name, exact: true });
}

/**
 * The municipality's installation: a data folder worked by the CLI in this
 * process, on a clock a few minutes after the school's fixed 10:00 (within
 * the 15 minutes of clock skew a package may carry). The school's bridge
 * keeps one time a day, so the revision happens on the next day: a plan
 * edition changed at the same instant as the one decided on would be the
 * same edition to the municipality.
 */
function municipality(dir: string) {
  let at = Date.parse('2025-10-15T10:00:00.000Z');
  const clock: Clock = { now: () => new Date(at) };
  let out: string[] = [];
  let err: string[] = [];
  const io = (): CliIo => ({
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: { LANG: 'en_GB.UTF-8' },
    platform: 'linux',
    homeDir: join(dir, 'home'),
    osUser: 'admin',
    clock,
    resourcesDir: RESOURCES_DIR,
    appVersion: '0.1.0',
  });
  const dataDir = join(dir, 'municipality');
  return {
    dataDir,
    tick: () => void (at += 60_000),
    /** A new working day: 10:00 UTC, as the school's bridge. */
    day: (iso: string) => void (at = Date.parse(`${iso}T10:00:00.000Z`)),
    /** Runs a verb on the municipality's folder; fails the test on a non-zero exit. */
    async run(...argv: string[]): Promise<Record<string, unknown>> {
      out = [];
      err = [];
      const code = await runCli(
        [
          argv[0] as string,
          ...(argv[0] === 'keys' ? [argv[1] as string, '--data-dir', dataDir, ...argv.slice(2)] : ['--data-dir', dataDir, ...argv.slice(1)]),
          '--json',
        ],
        io(),
      );
      if (code !== 0) throw new Error(`pumpurs ${argv.join(' ')} exited ${code}: ${out.join('\n')} ${err.join('\n')}`);
      const text = out.join('\n').trim();
      return text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {};
    },
    /** What the CLI cannot do yet (settings, payments): the municipality's services on its folder. */
    async services<T>(fn: (app: Awaited<ReturnType<typeof openAppAt>>) => Promise<T>): Promise<T> {
      const app = await openAppAt(clock, dataDir);
      try {
        return await fn(app);
      } finally {
        await app.close();
      }
    },
  };
}

/** A screened student with a plan (psychologist 120 min, public transport `cents`) submitted and approved by the director. */
async function approvedPlan(url: string, index: number, firstName: string, cents: number): Promise<{ studentId: string; planId: string; code: string }> {
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
  const submitted = await invoke(url, 'plans:transition', { planId: filled.id, version: filled.version, action: 'submit' });
  await approveAsDirector(url, submitted.id, submitted.version);
  return { studentId, planId: filled.id, code: filled.code };
}

async function approveAsDirector(url: string, planId: string, version: number): Promise<void> {
  await invoke(url, 'auth:signIn', { username: DIRECTOR.username, password: DIRECTOR.password });
  await invoke(url, 'plans:transition', { planId, version, action: 'approve' });
  await invoke(url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
}

/** The decisions package chosen and imported in the data exchange screen (dry run, then import). */
async function importDecisions(page: Page, bridge: { answerDialogs(a: { open?: string[][] }): Promise<void> }, file: string): Promise<void> {
  await nav(page, 'Datu apmaiņa').click();
  const panel = page.getByRole('region', { name: 'Pašvaldības lēmumi' });
  await bridge.answerDialogs({ open: [[file]] });
  await panel.getByRole('button', { name: 'Importēt lēmumu pakotni…' }).click();
  await expect(panel.getByTestId('decisions-preview-summary')).toHaveText('Pārbaudīta 1 pakotne. 1 gatava importēšanai.');
  await panel.getByRole('button', { name: 'Importēt 1 pakotni' }).click();
  await expect(panel.getByTestId('decisions-result-summary')).toHaveText('Importēta 1 pakotne.');
}

/** The school's semester package made in the data exchange screen. */
async function exportPackage(page: Page, bridge: { answerDialogs(a: { save?: string[] }): Promise<void> }, file: string, seq: number): Promise<void> {
  await nav(page, 'Datu apmaiņa').click();
  await bridge.answerDialogs({ save: [file] });
  await page.getByRole('button', { name: 'Izveidot pakotni…' }).click();
  await expect(page.getByTestId('export-seq')).toHaveText(String(seq));
}

// Two installations and eleven steps; the bridge's start counts against this too.
test.describe.configure({ timeout: 300_000 });

test('a school sees its municipality wait, decide (less, or returned), and pay; it revises and sends again', async ({ page }) => {
  const files = await mkdtemp(join(tmpdir(), 'pumpurs-decisions-'));
  const schoolDir = join(files, 'school');
  await mkdir(schoolDir);
  let bridge = await startBridge({ today: '2025-10-15', dataDir: schoolDir, keepDataDir: true });
  const problems = watchConsole(page);
  await page.setViewportSize({ width: 1360, height: 900 });
  try {
    // 1. The school and its municipality, linked by key cards with the fingerprints compared.
    const muni = municipality(files);
    await setUpSchool(bridge.url);
    await invoke(bridge.url, 'staff:create', { username: DIRECTOR.username, displayName: DIRECTOR.name, password: DIRECTOR.password, roles: ['director'] });
    await muni.run('init', '--mode', 'municipality', '--municipality', 'Madonas novads');
    const schoolCard = join(files, 'school.card.json');
    await bridge.answerDialogs({ save: [schoolCard] });
    const saved = await invoke(bridge.url, 'exchange:exportCard', {});
    await muni.run('enrol', schoolCard, '--fingerprint', saved.fingerprint?.digits ?? '');
    const muniCard = join(files, 'muni.card.json');
    await muni.run('keys', 'export', '--out', muniCard);
    await bridge.answerDialogs({ open: [[muniCard]] });
    const trust = await invoke(bridge.url, 'exchange:enrolPreview', { purpose: 'trust' });
    if (!trust.token || !trust.preview) throw new Error('no trust preview');
    await invoke(bridge.url, 'exchange:trust', { token: trust.token, fingerprint: trust.preview.fingerprint.digits });

    // 2. The municipality's settings (default: plans with a compensation need it; a deadline in five days) travel down first.
    await muni.services(async (app) => {
      await app.services.decisions.authority.saveSettings(cliActor('admin'), { deadlines: ['2025-10-20', '2026-01-20'] });
      await app.services.decisions.authority.saveYouthProject(cliActor('admin'), {
        title: PROJECT,
        ngo: 'Biedrība "Balss"',
        startsOn: '2025-10-20',
        endsOn: '2025-12-19',
        budgetCents: 460_000,
      });
    });
    await mkdir(join(files, 'first'));
    muni.tick();
    const first = (await muni.run('export', '--all', '--period', SEMESTER, '--out', join(files, 'first'))).packages as { path: string }[];
    await page.goto(bridge.url);
    await nav(page, 'Datu apmaiņa').click();
    await expect(page.getByTestId('deadline')).toContainText('Termiņi būs redzami');
    await importDecisions(page, bridge, first[0]?.path as string);
    const deadline = page.getByTestId('deadline');
    await expect(deadline).toContainText('Nākamā pakotne jāiesniedz līdz 20.10.2025.');
    await expect(deadline).toContainText('Atlikušās dienas: 5.');
    await expect(deadline).toHaveAttribute('data-state', 'soon');

    // 3. Two plans with compensations, approved by the director: they wait for Madonas novads, visibly.
    const one = await approvedPlan(bridge.url, 21, 'Anna', 5000);
    const two = await approvedPlan(bridge.url, 22, 'Marta', 8000);
    await nav(page, 'Sākums').click();
    await expect(page.getByTestId('deadline')).toContainText('20.10.2025');
    await expect(page.getByTestId('home-authority-waiting')).toHaveText('Plāni, kas gaida pašvaldības lēmumu: 2');
    await page.goto(`${bridge.url}/#/students/${one.studentId}`);
    await expect(page.getByTestId('authority-badge').first()).toHaveText('gaida lēmumu: Madonas novads');
    await page.goto(`${bridge.url}/#/plans/${one.planId}`);
    const panel = page.getByTestId('authority-panel');
    await expect(panel.getByTestId('authority-state')).toContainText('tas gaida lēmumu: Madonas novads');
    await expect(panel.getByTestId('authority-state')).toContainText('Konsultācijas var sākt; kompensācijas gaida lēmumu.');
    await expect(panel.getByTestId('authority-money').locator('tr[data-kind="compensation.publicTransport"] [data-testid="approved-cell"]')).toHaveText(
      'gaida lēmumu',
    );
    await expectNoSeriousA11yIssues(page, 'decisions-school-waiting');
    await saveScreenshot(page, 'decisions-school-01-waiting');

    // 4. The school's package, made in the app; the municipality approves one for less and returns the other.
    const report1 = join(files, 'report-1.pumpurs');
    await exportPackage(page, bridge, report1, 1);
    muni.tick();
    await muni.run('import', report1);
    muni.tick();
    // Measure 1 is the transport, 2 the consultation (same start day, so by kind code).
    await muni.run('decide', one.code, '--approve', '--amount', '1=20', '--period', SEMESTER);
    await muni.run('decide', two.code, '--return', '--comment', COMMENT, '--period', SEMESTER);
    muni.tick();
    const decisions1 = join(files, 'decisions-1.pumpurs');
    await muni.run('export', '--to', REG_NO, '--period', SEMESTER, '--out', decisions1);

    // 5. The school imports the decisions and sees both.
    await importDecisions(page, bridge, decisions1);
    await page.goto(`${bridge.url}/#/plans/${one.planId}`);
    await expect(panel.getByTestId('authority-state')).toHaveText('Madonas novads plānu apstiprināja.');
    const transportOne = panel.getByTestId('authority-money').locator('tr[data-kind="compensation.publicTransport"]');
    await expect(transportOne.locator('td').first()).toHaveText('50,00\u00a0€');
    await expect(transportOne.getByTestId('approved-cell')).toHaveText('apstiprināts mazāk: 20,00\u00a0€');
    await expect(panel.getByTestId('authority-decisions').locator('li')).toHaveCount(1);
    await page.goto(`${bridge.url}/#/plans/${two.planId}`);
    await expect(panel.getByTestId('authority-state')).toContainText('Madonas novads plānu atgrieza labošanai.');
    await expect(panel.getByTestId('authority-comment')).toHaveText(COMMENT);
    await expect(page.getByRole('region', { name: 'Statusa vēsture' })).toContainText(COMMENT);
    await expectNoSeriousA11yIssues(page, 'decisions-school-returned');
    await saveScreenshot(page, 'decisions-school-02-returned');
    await page.goto(`${bridge.url}/#/students/${two.studentId}`);
    await expect(page.getByTestId('authority-badge').first()).toHaveText('pašvaldība atgrieza labošanai');

    // 6. The next day, the school revises the returned plan in the plan screen (a smaller amount) and sends it for approval; the director approves.
    await bridge.close();
    bridge = await startBridge({ today: '2025-10-16', dataDir: schoolDir, keepDataDir: true });
    muni.day('2025-10-16');
    await invoke(bridge.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
    await page.goto(`${bridge.url}/#/plans/${two.planId}`);
    const amount = page.getByRole('textbox', { name: /Plānotā summa, €/ });
    await amount.fill('60');
    // And joins the youth project from the list the municipality sent.
    await page.getByRole('button', { name: /Pievienot pasākumu/ }).click();
    const ngo = page.getByTestId('measure-2');
    await ngo.getByLabel('Pasākuma veids').selectOption({ label: 'Dalība jauniešu iniciatīvu projektā' });
    await ngo.getByLabel('Jauniešu iniciatīvu projekts').selectOption({ label: `${PROJECT} (Biedrība "Balss", 20.10.2025 – 19.12.2025)` });
    await ngo.getByLabel('Pamatojums').fill('Piederība kopienai.');
    await ngo.getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Nodot saskaņošanai' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Nodot saskaņošanai' }).click();
    await expect.poll(async () => (await invoke(bridge.url, 'plans:get', { planId: two.planId })).status).toBe('inApproval');
    const revised = await invoke(bridge.url, 'plans:get', { planId: two.planId });
    expect(revised.measures.find((m) => m.kindCode === 'compensation.publicTransport')?.plannedCents).toBe(6000);
    const [project] = await invoke(bridge.url, 'decisions:receivedProjects', {});
    expect(revised.measures.find((m) => m.kindCode === 'ngo.project')?.youthProjectId).toBe(project?.id);
    await approveAsDirector(bridge.url, revised.id, revised.version);
    // Approved outside this page (the director's own session): load the plan again.
    await page.reload();
    await expect(panel.getByTestId('authority-state')).toContainText('tas gaida lēmumu: Madonas novads');

    // 7. The next package; approved; a payment recorded; the decisions come back.
    const report2 = join(files, 'report-2.pumpurs');
    await exportPackage(page, bridge, report2, 2);
    muni.tick();
    await muni.run('import', report2);
    muni.tick();
    const decided = (await muni.run('decide', two.code, '--approve', '--period', SEMESTER)).decision as {
      schoolId: string;
      planId: string;
      measures: { measureId: string; kindCode: string }[];
    };
    const transport = decided.measures.find((m) => m.kindCode === 'compensation.publicTransport')?.measureId as string;
    await muni.services((app) =>
      app.services.decisions.authority.recordPayment(cliActor('admin'), {
        schoolId: decided.schoolId,
        planId: decided.planId,
        measureId: transport,
        paidOn: '2025-10-16',
        cents: 6000,
        payee: 'guardian',
        reference: 'MK-2025-17',
      }),
    );
    muni.tick();
    const decisions2 = join(files, 'decisions-2.pumpurs');
    await muni.run('export', '--to', REG_NO, '--period', SEMESTER, '--out', decisions2);
    await importDecisions(page, bridge, decisions2);

    // 8. The school sees it approved and paid.
    await page.goto(`${bridge.url}/#/plans/${two.planId}`);
    await expect(panel.getByTestId('authority-state')).toHaveText('Madonas novads plānu apstiprināja.');
    const transportTwo = panel.getByTestId('authority-money').locator('tr[data-kind="compensation.publicTransport"]');
    await expect(transportTwo.getByTestId('approved-cell')).toHaveText('60,00\u00a0€');
    await expect(transportTwo.getByTestId('paid-cell')).toHaveText('60,00\u00a0€');
    const payment = panel.getByTestId('payment-row');
    await expect(payment).toHaveCount(1);
    await expect(payment).toContainText('16.10.2025');
    await expect(payment).toContainText('60,00\u00a0€');
    await expect(payment).toContainText('Vecāks vai aizbildnis');
    await expect(panel.getByTestId('authority-decisions').locator('li')).toHaveCount(2);
    await expect(page.getByTestId('measure-youth-project')).toHaveText(PROJECT);
    await expectNoSeriousA11yIssues(page, 'decisions-school-paid');
    await saveScreenshot(page, 'decisions-school-03-paid');
    await page.goto(`${bridge.url}/#/students/${two.studentId}`);
    await expect(page.getByTestId('authority-badge').first()).toHaveText('pašvaldība apstiprināja');

    expect(problems).toEqual([]);
  } finally {
    await bridge.close();
    await rm(files, { recursive: true, force: true });
  }
});
