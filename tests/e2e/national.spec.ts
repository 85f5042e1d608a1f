/**
 * School -> municipality -> state, in the app, in Chromium: three bridges
 * (each its own data folder and database). The school and the municipality
 * are set up, linked and exchange the school's semester through their
 * channels (as exchange.spec.ts does through the screens); then, through the
 * screens, the municipality looks at its report to the state (counts per
 * school and record type, the field list), confirms and saves it, and the
 * state imports it (dry run, then import) and shows who has reported and
 * the school's counts — and no name, personal code or note from the school.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, startBridge, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { COORDINATOR, invoke, link, personalCode, SEMESTER, setUpSchool } from './seed';

const MUNI_COORDINATOR = { username: 'ilze.kalnina', displayName: 'Ilze Kalniņa', password: 'novada dati 2025 droši' };
const STATE_COORDINATOR = { username: 'peteris.analitikis', displayName: 'Pēteris Analītiķis', password: 'valsts dati 2025 droši' };
const STUDENT = { firstName: 'Elza', lastName: 'Bērziņa', code: personalCode(10, 8) };
const NOTE = 'Septembrī neattaisnoti kavētas 34 mācību stundas.';
const GOALS = 'Regulāri apmeklēt skolu un mazināt kavējumus.';

function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name, exact: true });
}

test('a school’s semester reaches the state through its municipality, pseudonymised, and the state counts it', async ({ page, bridge, context }) => {
  test.setTimeout(240_000);
  const muniBridge = await startBridge({ today: '2025-10-15' });
  const stateBridge = await startBridge({ today: '2025-10-15' });
  const files = await mkdtemp(join(tmpdir(), 'pumpurs-national-'));
  try {
    // 1. Three installations, linked school -> municipality -> state.
    await setUpSchool(bridge.url);
    await invoke(muniBridge.url, 'org:setUpAuthority', { profile: { mode: 'municipality', municipality: 'Madonas novads' }, coordinator: MUNI_COORDINATOR });
    await invoke(stateBridge.url, 'org:setUpAuthority', { profile: { mode: 'state' }, coordinator: STATE_COORDINATOR });
    await link(bridge, muniBridge, files, 'school');
    await link(muniBridge, stateBridge, files, 'muni');

    // 2. The school's semester: a student at risk with a plan and notes, sent to and imported by the municipality.
    const created = await invoke(bridge.url, 'students:create', {
      firstName: STUDENT.firstName,
      lastName: STUDENT.lastName,
      personalCode: STUDENT.code,
      gender: 'female',
      educationLevel: 'general',
      grade: 8,
      classLabel: 'b',
    });
    const factor = (await invoke(bridge.url, 'risks:catalogue', {})).find((f) => f.group === 'family' && f.retiredAt === null);
    if (!factor) throw new Error('no family risk factor');
    await invoke(bridge.url, 'screening:save', {
      studentId: created.student.id,
      semesterId: SEMESTER,
      answers: [{ riskFactorId: factor.id, answer: 'present', justification: NOTE }],
    });
    await invoke(bridge.url, 'plans:create', { studentId: created.student.id, semesterId: SEMESTER, goals: GOALS });
    const schoolPackage = join(files, 'school.pumpurs');
    await bridge.answerDialogs({ save: [schoolPackage] });
    await invoke(bridge.url, 'exchange:export', { semesterId: SEMESTER });
    await muniBridge.answerDialogs({ open: [[schoolPackage]] });
    const muniPreview = await invoke(muniBridge.url, 'exchange:importPreview', {});
    if (!muniPreview.token) throw new Error('no import token');
    expect((await invoke(muniBridge.url, 'exchange:importCommit', { token: muniPreview.token })).files[0]?.status).toBe('imported');

    // 3. The municipality looks at what will leave, confirms, saves the report (through its screens).
    const muni = page;
    const state = await context.newPage();
    const muniProblems = watchConsole(muni);
    const stateProblems = watchConsole(state);
    await muni.setViewportSize({ width: 1360, height: 900 });
    await state.setViewportSize({ width: 1360, height: 900 });
    await muni.goto(muniBridge.url);
    await nav(muni, 'Datu apmaiņa').click();
    await expect(muni.getByRole('heading', { name: 'Ziņojums valstij' })).toBeVisible();
    await expect(muni.getByRole('button', { name: 'Apstiprināt un saglabāt pakotni' })).toHaveCount(0);
    await muni.getByRole('button', { name: 'Apskatīt, kas tiks nosūtīts' }).click();
    const preview = muni.getByTestId('state-preview');
    await expect(preview).toBeVisible();
    const schoolRow = preview.getByTestId('state-preview-school');
    await expect(schoolRow).toHaveCount(1);
    await expect(schoolRow.getByRole('rowheader')).toHaveText('Madonas pilsētas vidusskola');
    await expect(preview.getByTestId('state-preview-total-student')).toHaveText('1');
    await expect(preview.getByTestId('state-preview-total-plan')).toHaveText('1');
    await expect(preview.getByTestId('state-preview-total-screening')).toHaveText('1');
    await expect(preview).toContainText('pseudonym');
    await expect(preview).not.toContainText('personalCode');
    await expectNoSeriousA11yIssues(muni, 'national-muni-preview');
    await saveScreenshot(muni, 'national-01-muni-preview');
    const statePackage = join(files, 'madonas-novads-state.pumpurs');
    await muniBridge.answerDialogs({ save: [statePackage] });
    await muni.getByRole('button', { name: 'Apstiprināt un saglabāt pakotni' }).click();
    await expect(muni.getByTestId('state-export-path')).toHaveText(statePackage);
    await expect(muni.getByTestId('state-export-seq')).toHaveText('1');

    // 4. The state: nobody has reported yet; dry run, import, then who reported and the school's counts.
    await state.goto(stateBridge.url);
    await nav(state, 'Valsts kopaina').click();
    await expect(state.getByRole('heading', { level: 1, name: 'Valsts kopaina' })).toBeVisible();
    await expect(state.getByTestId('reporter-row').filter({ hasText: 'Madonas novads' })).toContainText('Nav iesniegts');
    await nav(state, 'Importēt').click();
    await stateBridge.answerDialogs({ open: [[statePackage]] });
    await state.getByRole('button', { name: 'Izvēlēties failus…' }).click();
    await expect(state.getByTestId('preview-summary')).toHaveText('Pārbaudīta 1 pakotne. 1 gatava importēšanai.');
    expect((await invoke(stateBridge.url, 'state:counts', { semesterId: SEMESTER })).rows).toEqual([]);
    await state.getByRole('button', { name: 'Importēt 1 pakotni' }).click();
    await expect(state.getByTestId('result-summary')).toHaveText('Importēta 1 pakotne.');

    await nav(state, 'Valsts kopaina').click();
    const reporter = state.getByTestId('reporter-row').filter({ hasText: 'Madonas novads' });
    await expect(reporter).toContainText('Iesniegts 15.10.2025 (Nr. 1)');
    const row = state.getByTestId('national-row').filter({ hasText: 'Madonas pilsētas vidusskola' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Madonas novads');
    await expect(row.getByTestId('national-students')).toHaveText('1');
    await expect(row.getByTestId('national-plans')).toHaveText('1');
    // By municipality: the filter keeps Madona's school.
    await state.getByLabel('Pašvaldība vai valsts profesionālā skola').selectOption({ label: 'Madonas novads' });
    await expect(state.getByTestId('national-row')).toHaveCount(1);
    await expect(state.getByTestId('national-row').getByTestId('national-students')).toHaveText('1');
    await expectNoSeriousA11yIssues(state, 'national-state');
    await saveScreenshot(state, 'national-02-state');
    const shown = (await state.locator('body').textContent()) ?? '';
    for (const text of [
      STUDENT.firstName,
      STUDENT.lastName,
      STUDENT.code,
      STUDENT.code.replace('-', ''),
      NOTE,
      GOALS,
      COORDINATOR.displayName,
      MUNI_COORDINATOR.displayName,
    ]) {
      expect(shown).not.toContain(text);
    }

    expect(muniProblems).toEqual([]);
    expect(stateProblems).toEqual([]);
  } finally {
    await muniBridge.close();
    await stateBridge.close();
    await rm(files, { recursive: true, force: true });
  }
});
