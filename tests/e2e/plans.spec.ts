/**
 * The year's work on a student, screen by screen, where the rules bite:
 * the screening's required justifications and live level; the plan editor
 * mapping each problem (the form's, the service's, the readiness rules') to
 * its field; the director's return with a required comment; the delivery
 * log asking for a reason over the plan and over the cap; semester end from
 * the list of open plans; the printable plan in English through the PDF.
 * English and Latvian screens are photographed (test-results/screens/plans-*).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ChannelOutput } from '../../src-shared/ipc/contract/index';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { addStudents, COORDINATOR, invoke, screen, SEMESTER, setUpSchool } from './seed';

const DIRECTOR = { username: 'dace.liepa', displayName: 'Dace Liepa', password: 'ezers un meži 2025' };

async function useEnglish(page: Page, url: string) {
  await page.goto(url);
  await page.getByLabel('Valoda').selectOption('en');
  await expect(page.getByRole('link', { name: 'Home' })).toBeVisible();
}

/** A school with a director, one screened student and a submitted plan (consultation 60 min, meals 20,00 €). */
async function schoolWithSubmittedPlan(url: string): Promise<{ plan: ChannelOutput<'plans:get'>; studentId: string }> {
  await setUpSchool(url);
  await invoke(url, 'staff:create', { ...DIRECTOR, roles: ['director'] });
  const [student] = await addStudents(url, 1, 7);
  const studentId = student!.id;
  await screen(url, studentId, ['school.absences', 'economic.meals']);
  const draft = await invoke(url, 'plans:create', { studentId, semesterId: SEMESTER, goals: 'Apmeklēt skolu katru dienu.' });
  const updated = await invoke(url, 'plans:update', {
    planId: draft.id,
    version: draft.version,
    goals: draft.goals,
    consent: { by: 'Ilze Ozola', relation: 'mother', on: '2025-10-01' },
    measures: [
      {
        kindCode: 'consultation.socialPedagogue',
        plannedMinutes: 60,
        startsOn: '2025-10-01',
        endsOn: '2025-12-19',
        justification: 'Sarunas par kavējumiem.',
        riskFactorIds: ['school.absences'],
      },
      {
        kindCode: 'compensation.meals',
        plannedCents: 2000,
        startsOn: '2025-10-01',
        endsOn: '2025-12-19',
        justification: 'Pusdienas skolā.',
        riskFactorIds: ['economic.meals'],
      },
    ],
  });
  const plan = await invoke(url, 'plans:transition', { planId: updated.id, version: updated.version, action: 'submit' });
  return { plan, studentId };
}

// Each test starts its own bridge and shares nothing with the others: they may run
// on different workers, which keeps the three workers busy to the end of the suite.
test.describe.configure({ mode: 'parallel' });

test.describe('screening and the plan editor', () => {
  test('the screening asks for justifications and shows the level live; the editor puts every problem next to its field (English)', async ({
    page,
    bridge,
  }) => {
    const problems = watchConsole(page);
    await setUpSchool(bridge.url);
    const [student] = await addStudents(bridge.url, 1, 4);
    await useEnglish(page, bridge.url);
    await page.goto(`${bridge.url}/#/students/${student!.id}/screening/${encodeURIComponent(SEMESTER)}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Risk screening' })).toBeVisible();
    await expect(page.getByTestId('risk-level')).toHaveText('No risks found');

    const absences = page.getByRole('group', { name: 'Many absences' });
    await absences.getByRole('radio', { name: 'Present' }).check();
    await expect(page.getByTestId('risk-level')).toHaveText('Low risk level');
    await expect(page.getByText('1 risk factor present (threshold: 1).')).toBeVisible();
    await expect(page.getByTestId('summary-school')).toHaveText('Present: 1 · unknown: 7 · absent: 0');
    await page.getByRole('button', { name: 'Save screening' }).click();
    await expect(absences.getByText('Say why this risk factor is present.')).toBeVisible();
    await expect(absences.getByLabel('Justification')).toBeFocused();
    await absences.getByLabel('Justification').fill('Missed 20 lessons in September.');
    await page.getByRole('button', { name: 'Save screening' }).click();
    await expect(page.getByText('Screening saved.', { exact: true })).toBeVisible();
    await expect(page.getByText('23 factors are unknown; the screening is incomplete.')).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'screening (English)');
    await saveScreenshot(page, 'plans-screening-en');

    await page.getByRole('link', { name: 'Create a support plan' }).click();
    await expect(page.getByText('1 risk found')).toBeVisible();
    await page.getByRole('button', { name: 'Create plan draft' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Support plan 4313900456-2025\/26-1-0001$/ })).toBeVisible();

    await page.getByRole('button', { name: /Add a measure/ }).click();
    const measure = page.getByTestId('measure-0');
    await measure.getByLabel('Kind of measure').selectOption({ label: 'Psychologist consultation' });
    await measure.getByLabel('Planned time, minutes').fill('four hours');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(measure.getByText('Enter the minutes as a whole number, for example 240.')).toBeVisible();
    await measure.getByLabel('Planned time, minutes').fill('240');
    await measure.getByLabel(/^Until/).fill('31.12.2025');
    await page.getByRole('button', { name: 'Save draft' }).click();
    // The service's messages, by path, next to their fields and in the list at the top.
    const justification = measure.getByLabel(/^Justification/);
    await expect(justification).toHaveAttribute('aria-invalid', 'true');
    await expect(measure.getByText('Say why this measure is needed.')).toBeVisible();
    await justification.fill('Talks about motivation.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(measure.getByText('The date must be within the semester (01.09.2025 – 19.12.2025).')).toBeVisible();
    const summary = page.getByRole('alert').filter({ hasText: 'To go on, fix:' });
    await summary.getByRole('button', { name: /Measure 1: Until/ }).click();
    await expect(measure.getByLabel(/^Until/)).toBeFocused();
    await measure.getByLabel(/^Until/).fill('19.12.2025');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByText('Plan draft saved.', { exact: true })).toBeVisible();

    // Sending it for approval: what the readiness rules still miss.
    await page.getByRole('button', { name: 'Send for approval' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send for approval' }).click();
    await expect(summary).toContainText('Record the consent: who gave it, their relation, and the date.');
    await expect(summary).toContainText('Goals: Write the goals of the plan.');
    await expect(measure.getByRole('group', { name: /Risks this measure addresses/ })).toContainText('Choose the risk this measure addresses.');
    await expect(page.getByRole('list', { name: 'What approval needs' }).getByRole('listitem').filter({ hasText: 'Consent recorded' })).toContainText('to do');
    await expectNoSeriousA11yIssues(page, 'plan editor with problems (English)');
    await saveScreenshot(page, 'plans-editor-errors-en');

    await measure.getByRole('checkbox', { name: /Many absences/ }).check();
    await page.getByLabel(/^Goals of the plan/).fill('Attend school every day.');
    await page.getByLabel(/^Who consented/).fill('Ilze Ozola');
    await page.getByLabel(/^Relation to the student/).selectOption('mother');
    await page.getByLabel(/^Date of consent/).fill('20.10.2025');
    await page.getByRole('button', { name: 'Send for approval' }).click();
    await expect(page.getByText('Unsaved changes are saved before the action.')).toBeVisible();
    await page.getByRole('dialog').getByRole('button', { name: 'Send for approval' }).click();
    await expect(page.getByLabel(/^Date of consent/)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('The consent date cannot be in the future.', { exact: true })).toBeVisible();
    await page.getByLabel(/^Date of consent/).fill('10.10.2025');
    await page.getByRole('button', { name: 'Send for approval' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send for approval' }).click();
    await expect(page.getByText('The plan was sent for approval.', { exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Status In approval' })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('leaving the editor with unsaved changes asks first; Stay keeps them, Leave drops them; saved changes leave freely (English)', async ({
    page,
    bridge,
  }) => {
    const problems = watchConsole(page);
    await setUpSchool(bridge.url);
    const [student] = await addStudents(bridge.url, 1, 7);
    await screen(bridge.url, student!.id, ['school.absences']);
    const draft = await invoke(bridge.url, 'plans:create', { studentId: student!.id, semesterId: SEMESTER, goals: 'Attend school.' });
    await useEnglish(page, bridge.url);
    await page.goto(`${bridge.url}/#/plans/${draft.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `Support plan ${draft.code}` })).toBeVisible();
    const planUrl = page.url();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    const dialog = page.getByRole('dialog', { name: 'Unsaved changes' });
    const goals = page.getByLabel(/^Goals of the plan/);

    await goals.fill('Attend school every day.');
    await nav.getByRole('link', { name: 'Students' }).click();
    await expect(dialog).toContainText('You have unsaved changes. Leave without saving them?');
    await expect(dialog.getByRole('button', { name: 'Stay' })).toBeFocused();
    await expectNoSeriousA11yIssues(page, 'unsaved changes dialog (English)');
    await saveScreenshot(page, 'plans-unsaved-changes-en');
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await expect(dialog).toBeHidden();
    await expect(goals).toHaveValue('Attend school every day.');
    expect(page.url()).toBe(planUrl);

    // Back asks the same; Escape stays.
    await page.goBack();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(goals).toHaveValue('Attend school every day.');
    expect(page.url()).toBe(planUrl);

    await nav.getByRole('link', { name: 'Students' }).click();
    await dialog.getByRole('button', { name: 'Leave' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Students' })).toBeVisible();
    await expect(page).toHaveURL(/#\/students$/);

    // The change was dropped; once saved, leaving asks nothing.
    await page.goto(planUrl);
    await expect(goals).toHaveValue('Attend school.');
    await goals.fill('Attend school every day.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByText('Plan draft saved.', { exact: true })).toBeVisible();
    await nav.getByRole('link', { name: 'Students' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Students' })).toBeVisible();
    await expect(page).toHaveURL(/#\/students$/);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('a director returns a plan only with a comment, which stays in its history', async ({ page, bridge }) => {
    const { plan } = await schoolWithSubmittedPlan(bridge.url);
    await invoke(bridge.url, 'auth:signIn', { username: DIRECTOR.username, password: DIRECTOR.password });
    await page.goto(`${bridge.url}/#/plans/${plan.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `Atbalsta plāns ${plan.code}` })).toBeVisible();
    await page.getByRole('button', { name: 'Atgriezt labošanai' }).click();
    const dialog = page.getByRole('dialog', { name: 'Atgriezt plānu labošanai?' });
    await expect(dialog.getByLabel(/Komentārs \(obligāts\)/)).toBeFocused();
    await dialog.getByRole('button', { name: 'Atgriezt labošanai' }).click();
    await expect(dialog.getByText('Ierakstiet komentāru: šai darbībai tas ir obligāts.')).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'return dialog');
    await saveScreenshot(page, 'plans-return-dialog-lv');
    await dialog.getByLabel(/Komentārs/).fill('Precizējiet kompensācijas summu.');
    await dialog.getByRole('button', { name: 'Atgriezt labošanai' }).click();
    await expect(page.getByText('Plāns atgriezts labošanai.', { exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Statusa vēsture' })).toContainText('Precizējiet kompensācijas summu.');
    // The director may not edit a draft: it reads as text.
    await expect(page.getByRole('button', { name: 'Saglabāt projektu' })).toHaveCount(0);
  });
});

test.describe('delivery log and semester end', () => {
  test('asks for a reason over the plan and over the cap, removes an entry, and the semester end starts from the open plans', async ({ page, bridge }) => {
    const problems = watchConsole(page);
    const { plan } = await schoolWithSubmittedPlan(bridge.url);
    await invoke(bridge.url, 'measureKinds:update', {
      kinds: [
        {
          code: 'compensation.meals',
          category: 'compensation',
          labelLv: 'Ēdināšanas izdevumu kompensācija',
          labelEn: 'Meal costs',
          rateCents: null,
          capCents: 1500,
          active: true,
        },
      ],
    });
    await invoke(bridge.url, 'auth:signIn', { username: DIRECTOR.username, password: DIRECTOR.password });
    await invoke(bridge.url, 'plans:transition', { planId: plan.id, version: plan.version, action: 'approve' });
    await invoke(bridge.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });

    await page.goto(`${bridge.url}/#/plans/${plan.id}/deliveries`);
    await expect(page.getByRole('heading', { level: 1, name: 'Sniegtais atbalsts' })).toBeVisible();
    const minutes = page.getByLabel(/^Ilgums, minūtes/);
    await expect(minutes).toBeFocused();
    await minutes.fill('60');
    await minutes.press('Enter');
    await expect(page.getByTestId('measure-progress-0')).toHaveText('Sniegts 60 min no plānotajiem 60 min (100 %).');
    await minutes.fill('abc');
    await minutes.press('Enter');
    await expect(page.getByText('Ievadiet minūtes veselā skaitlī, piemēram, 45.')).toBeVisible();
    await minutes.fill('15');
    await expect(page.getByText('Tiek pārsniegts plānotais apjoms: norādiet iemeslu.')).toBeVisible();
    await page.getByLabel(/^Pārsniegšanas iemesls/).fill('Papildu saruna ar vecākiem.');
    await minutes.press('Enter');
    await expect(page.getByTestId('measure-progress-0')).toHaveText('Sniegts 75 min no plānotajiem 60 min (125 %).');
    await expect(page.getByTestId('measure-log-0')).toContainText('Papildu saruna ar vecākiem.');

    // Meals: 12,00 € fits; 5,00 € more stays within the plan (20,00 €) but goes over the cap (15,00 €): only the service knows.
    await page.getByLabel('Pasākums', { exact: true }).selectOption({ index: 1 });
    const euros = page.getByLabel(/^Summa, €/);
    await euros.fill('12,00');
    await euros.press('Enter');
    await expect(page.getByTestId('measure-progress-1')).toHaveText('Sniegts 12,00 € no plānotajiem 20,00 € (60 %).');
    await euros.fill('5');
    await euros.press('Enter');
    await expect(page.getByText('Tiek pārsniegts šī veida limits vienam izglītojamajam semestrī: norādiet iemeslu.')).toBeVisible();
    await expect(page.getByLabel(/^Pārsniegšanas iemesls/)).toBeFocused();
    await expectNoSeriousA11yIssues(page, 'delivery log asking for a reason');
    await saveScreenshot(page, 'plans-deliveries-over-cap-lv');
    await page.getByLabel(/^Pārsniegšanas iemesls/).fill('Skolēns ēd arī pagarinātajā dienā.');
    await page.getByLabel(/^Pārsniegšanas iemesls/).press('Enter');
    await expect(page.getByTestId('measure-progress-1')).toHaveText('Sniegts 17,00 € no plānotajiem 20,00 € (85 %).');

    const log = page.getByTestId('measure-log-1');
    await log.getByRole('button', { name: /Dzēst ierakstu 15\.10\.2025 5,00/ }).click();
    await page.getByRole('dialog', { name: 'Dzēst ierakstu?' }).getByRole('button', { name: 'Dzēst' }).click();
    await expect(page.getByText('Ieraksts izdzēsts.', { exact: true })).toBeVisible();
    await expect(page.getByTestId('measure-progress-1')).toHaveText('Sniegts 12,00 € no plānotajiem 20,00 € (60 %).');

    // Semester end, from the list of the semester's open plans.
    await page.goto(`${bridge.url}/#/semester-end`);
    await expect(page.getByRole('heading', { level: 1, name: 'Semestra noslēgums: atvērtie plāni' })).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'semester end: open plans');
    await saveScreenshot(page, 'plans-semester-end-overview-lv');
    // One row per open plan, with its code and how much of the evaluation is in (2 measures, 2 risks, the outcome).
    const openRow = page.getByRole('row').filter({ hasText: plan.code });
    await expect(openRow).toContainText('0 no 5');
    await page.getByRole('button', { name: /^Novērtēt:/ }).click();
    await expect(page.getByRole('heading', { level: 2, name: '1. solis no 4: Pasākumu īstenošana' })).toBeVisible();
    // Jumping to the end shows what is still missing; closing is refused until it is in.
    await page.getByRole('button', { name: '4. Pārskats un noslēgšana' }).click();
    await page.getByRole('button', { name: 'Noslēgt plānu' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Pirms noslēgšanas vēl jānovērtē:' })).toContainText('Norādiet izglītojamā turpmāko statusu.');
    await page.getByRole('button', { name: '1. Pasākumu īstenošana' }).click();
    await page
      .getByRole('group', { name: /Sociālā pedagoga konsultācija/ })
      .getByRole('radio', { name: 'Pilnībā' })
      .check();
    await page
      .getByRole('group', { name: /Ēdināšanas izdevumu kompensācija/ })
      .getByRole('radio', { name: 'Daļēji' })
      .check();
    await page.getByRole('button', { name: 'Saglabāt un turpināt →' }).click();
    await page.getByRole('group', { name: 'Daudz kavējumu' }).getByRole('radio', { name: 'Mazinājās' }).check();
    await page.getByRole('group', { name: 'Nav nodrošināta ēdināšana' }).getByRole('radio', { name: 'Nemainījās' }).check();
    await page.getByRole('button', { name: 'Saglabāt un turpināt →' }).click();
    await page.getByRole('radio', { name: 'Turpina mācības' }).check();
    await page.getByRole('button', { name: 'Saglabāt un turpināt →' }).click();
    await page.getByRole('button', { name: 'Noslēgt plānu' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Noslēgt plānu' }).click();
    await expect(page.getByText(`Plāns ${plan.code} noslēgts.`, { exact: true })).toBeVisible();
    await page.getByRole('link', { name: 'Visi atvērtie plāni' }).click();
    await expect(page.getByText('Visi šī semestra plāni ir noslēgti vai vēl nav apstiprināti.')).toBeVisible();
    expect(problems).toEqual([]);
  });
});

test.describe('the printable plan', () => {
  test('prints an A4 document in English; saving a PDF needs the app (the bridge says so)', async ({ page, bridge }, testInfo) => {
    const { plan } = await schoolWithSubmittedPlan(bridge.url);
    await useEnglish(page, bridge.url);
    await page.goto(`${bridge.url}/#/plans/${plan.id}/print`);
    await expect(page.getByTestId('print-document')).toBeVisible();
    await expect(page.getByText('DRAFT — the plan is not approved yet')).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'printable plan (English)');
    await saveScreenshot(page, 'plans-print-en');

    await page.getByRole('button', { name: 'Save as PDF' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'A PDF cannot be saved here. Use “Print” and choose a PDF printer.' })).toBeVisible();

    const pdf = await page.pdf({ format: 'A4' });
    mkdirSync(testInfo.outputDir, { recursive: true });
    const file = join(testInfo.outputDir, 'plan-en.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:.*\(A4\)/);
    const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of [
      'INDIVIDUAL SUPPORT PLAN',
      'Plan code: 4313900456-2025/26-1-0001',
      '2025/26, semester 1',
      'School and learning',
      'Many absences',
      'Economic',
      'Meals not provided',
      'Social pedagogue consultation',
      '60 min',
      '20,00 €',
      'Ilze Ozola (mother) consents to the plan',
      'Parent or legal representative',
      'Plan author',
      'Director',
      'Signature',
    ]) {
      expect(text, `the PDF text should contain "${expected}"`).toContain(expected);
    }
    // Nothing of the app around the document is printed.
    expect(text).not.toContain('Save as PDF');
    expect(text).not.toContain('Sign out');
  });
});
