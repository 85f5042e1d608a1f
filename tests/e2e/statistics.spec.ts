/**
 * The school's statistics screen: counts from screenings the school made,
 * a breakdown kept in the address, the effect table's plain wording, the
 * measures chart (delivered against planned, with its text and its table),
 * axe clean, in Latvian and English; and the small-number threshold setting
 * (validated, saved, used by the effect estimates).
 */
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { addStudents, COORDINATOR, invoke, screen, SEMESTER, setUpSchool } from './seed';

// A new bridge's first start is slow on a shared, busy machine.
test.describe.configure({ timeout: 300_000 });

test('school statistics: counts, a breakdown kept in the address, effect estimates worded as associations', async ({ page, bridge }) => {
  const problems = watchConsole(page);
  await setUpSchool(bridge.url);
  const students = await addStudents(bridge.url, 6);
  await screen(bridge.url, students[0]!.id, ['school.absences', 'economic.transport']);
  await screen(bridge.url, students[1]!.id, ['school.absences']);
  await screen(bridge.url, students[2]!.id, ['family.lowParentalInvolvement']);
  await invoke(bridge.url, 'screening:save', {
    studentId: students[3]!.id,
    semesterId: SEMESTER,
    answers: [{ riskFactorId: 'personal.health', answer: 'absent' }],
  });
  await plannedAndDelivered(bridge.url, students[0]!.id);

  await page.goto(`${bridge.url}/#/statistics?semester=${encodeURIComponent(SEMESTER)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Statistika' })).toBeVisible();
  const studentsTable = page.getByRole('table', { name: 'Izvērtētie skolēni' });
  await expect(studentsTable.getByRole('row', { name: /^Izvērtēti \d/ })).toContainText('4');
  await expect(studentsTable.getByRole('row', { name: /Ar risku/ })).toContainText('3');
  const groups = page.getByRole('table', { name: 'Skolēni ar risku pa grupām' });
  await expect(groups.getByRole('row', { name: /Ar izglītības iestādi/ })).toContainText('2');
  await expect(page.getByText(/Tā ir sakarība, nevis pierādījums/)).toBeVisible();
  // The measures chart (loaded lazily): an image named by its title, its figures as text, and the same figures in the table.
  const chart = page.getByTestId('chart-measures');
  await expect(chart.getByRole('img', { name: /Sniegts pret plānoto/ })).toBeVisible();
  await expect(chart).toContainText('sniegts 0,8 h no 2,0 h (38%)');
  const measures = page.getByRole('table', { name: 'Atbalsta pasākumi: plānots un sniegts' });
  await expect(measures.getByRole('row', { name: /Psihologa/ })).toContainText('2,0 h');
  await expect(measures.getByRole('row', { name: /Psihologa/ })).toContainText('0,8 h');
  await expectNoSeriousA11yIssues(page, 'statistics');

  await page.getByLabel('Sadalījums').selectOption('gender');
  await expect(page).toHaveURL(/by=gender/);
  await expect(studentsTable.getByRole('columnheader', { name: 'Kopā' })).toBeVisible();
  await saveScreenshot(page, 'statistics-by-gender-lv');

  // Coming back to the address restores the breakdown.
  await page.goto(`${bridge.url}/#/`);
  await page.goBack();
  await expect(page.getByLabel('Sadalījums')).toHaveValue('gender');

  await page.getByLabel('Valoda').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Statistics' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Students screened' }).getByRole('row', { name: /At risk/ })).toContainText('3');
  await expect(page.getByTestId('chart-measures')).toContainText('delivered 0,8 h of 2,0 h (38%)');
  await expectNoSeriousA11yIssues(page, 'statistics in English');
  expect(problems).toEqual([]);
});

test('the small-number threshold: validated, saved, audited, and used by the statistics', async ({ page, bridge }) => {
  const problems = watchConsole(page);
  await setUpSchool(bridge.url);
  await page.goto(`${bridge.url}/#/settings/statistics`);
  await expect(page.getByRole('heading', { name: 'Mazo skaitļu slieksnis' })).toBeVisible();
  const field = page.getByRole('textbox', { name: 'Slieksnis' });
  await expect(field).toHaveValue('5');
  await expect(page.getByRole('status').filter({ hasText: 'no 1 līdz 4' })).toBeVisible();
  // Bad values: a clear message, nothing saved.
  for (const bad of ['1', '2,5', '51', '']) {
    await field.fill(bad);
    await page.getByRole('button', { name: 'Saglabāt slieksni' }).click();
    await expect(page.getByText('Ievadiet veselu skaitli no 2 līdz 50.')).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
  }
  expect((await invoke(bridge.url, 'stats:threshold', {})).value).toBe(5);
  await expectNoSeriousA11yIssues(page, 'threshold setting with an error');
  await field.fill('7');
  await page.getByRole('button', { name: 'Saglabāt slieksni' }).click();
  await expect(page.getByText('Slieksnis saglabāts: 7.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'no 1 līdz 6' })).toBeVisible();
  expect(await invoke(bridge.url, 'stats:threshold', {})).toEqual({ value: 7, source: 'stored' });
  const audit = await invoke(bridge.url, 'audit:list', { action: 'update' });
  expect(JSON.stringify(audit)).toContain('statistics.threshold');
  // The effect estimates need the new threshold on each side.
  await page.goto(`${bridge.url}/#/statistics?semester=${encodeURIComponent(SEMESTER)}`);
  await expect(page.getByText(/mazāk par 7 skolēniem/)).toBeVisible();
  await page.getByLabel('Valoda').selectOption('en');
  await page.goto(`${bridge.url}/#/settings/statistics`);
  await expect(page.getByRole('heading', { name: 'Small-number threshold' })).toBeVisible();
  await expectNoSeriousA11yIssues(page, 'threshold setting in English');
  expect(problems).toEqual([]);
});

/** One plan with a psychologist's consultation: 120 minutes planned, 45 delivered. */
async function plannedAndDelivered(url: string, studentId: string): Promise<void> {
  const PASSWORD = 'skolas darbs 2025 rudenī';
  const psychologist = {
    username: 'peteris.zarins',
    displayName: 'Pēteris Zariņš',
    roles: ['planAuthor', 'specialist'] as ('planAuthor' | 'specialist')[],
    specialistKind: 'psychologist' as const,
    password: PASSWORD,
  };
  const director = { username: 'dace.liepa', displayName: 'Dace Liepa', roles: ['director'] as 'director'[], specialistKind: null, password: PASSWORD };
  await invoke(url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
  const psychologistId = (await invoke(url, 'staff:create', psychologist)).id;
  await invoke(url, 'staff:create', director);
  const draft = await invoke(url, 'plans:create', { studentId, semesterId: SEMESTER, goals: 'Apmeklēt skolu katru dienu.' });
  let plan = await invoke(url, 'plans:update', {
    planId: draft.id,
    version: draft.version,
    goals: draft.goals,
    consent: { by: 'Ilze Priede', relation: 'mother', on: '2025-10-01' },
    measures: [
      {
        kindCode: 'consultation.psychologist',
        plannedMinutes: 120,
        responsibleId: psychologistId,
        startsOn: '2025-10-01',
        endsOn: '2025-12-19',
        justification: 'Sarunas par kavējumiem.',
        riskFactorIds: ['school.absences'],
      },
    ],
  });
  plan = await invoke(url, 'plans:transition', { planId: plan.id, version: plan.version, action: 'submit' });
  await invoke(url, 'auth:signIn', { username: director.username, password: PASSWORD });
  plan = await invoke(url, 'plans:transition', { planId: plan.id, version: plan.version, action: 'approve' });
  await invoke(url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
  plan = await invoke(url, 'plans:transition', { planId: plan.id, version: plan.version, action: 'start' });
  await invoke(url, 'deliveries:add', {
    measureId: plan.measures[0]!.id,
    deliveredOn: '2025-10-10',
    specialistId: psychologistId,
    minutes: 45,
    studentConfirmed: true,
  });
}
