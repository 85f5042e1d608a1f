/**
 * The school's statistics screen: counts from screenings the school made,
 * a breakdown kept in the address, the effect table's plain wording, axe
 * clean, in Latvian and English.
 */
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { addStudents, invoke, screen, SEMESTER, setUpSchool } from './seed';

test('school statistics: counts, a breakdown kept in the address, effect estimates worded as associations', async ({ page, bridge }) => {
  const problems = watchConsole(page);
  await setUpSchool(bridge.url);
  const students = await addStudents(bridge.url, 6);
  await screen(bridge.url, students[0]!.id, ['school.absences', 'economic.transport']);
  await screen(bridge.url, students[1]!.id, ['school.absences']);
  await screen(bridge.url, students[2]!.id, ['family.lowParentalInvolvement']);
  await invoke(bridge.url, 'screening:save', { studentId: students[3]!.id, semesterId: SEMESTER, answers: [{ riskFactorId: 'personal.health', answer: 'absent' }] });

  await page.goto(`${bridge.url}/#/statistics?semester=${encodeURIComponent(SEMESTER)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Statistika' })).toBeVisible();
  const studentsTable = page.getByRole('table', { name: 'Izvērtētie skolēni' });
  await expect(studentsTable.getByRole('row', { name: /^Izvērtēti \d/ })).toContainText('4');
  await expect(studentsTable.getByRole('row', { name: /Ar risku/ })).toContainText('3');
  const groups = page.getByRole('table', { name: 'Skolēni ar risku pa grupām' });
  await expect(groups.getByRole('row', { name: /Ar izglītības iestādi/ })).toContainText('2');
  await expect(page.getByText(/Tā ir sakarība, nevis pierādījums/)).toBeVisible();
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
  await expectNoSeriousA11yIssues(page, 'statistics in English');
  expect(problems).toEqual([]);
});
