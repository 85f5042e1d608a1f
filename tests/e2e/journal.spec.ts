/**
 * E-journal early warning in Chromium: the import wizard asks what an
 * unknown column means and imports only then (saving the mapping as a
 * preset); the register shows and filters the signals; the suggested list
 * gives the reasons and starts a screening, where the signal becomes the
 * justification in one click. Axe on each screen.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { addStudents, invoke, setUpSchool } from './seed';

// The whole journey in one test; on a loaded machine the bridge alone may take most of a minute to start.
test.describe.configure({ timeout: 300_000 });

test('import with the mapping step, signals in the register, the suggested list, and a screening justified by the signal', async ({ page, bridge }) => {
  const problems = watchConsole(page);
  await setUpSchool(bridge.url);
  const [absent, present] = await addStudents(bridge.url, 2, 0);
  const dir = await mkdtemp(join(tmpdir(), 'pumpurs-journal-e2e-'));
  try {
    const file = join(dir, 'e-klase.csv');
    // Student 1 by personal code, student 2 by name and class; a title row, an unknown column, a totals row.
    await writeFile(
      file,
      [
        'E-klase: kavējumu kopsavilkums;;;;;',
        'Personas kods;Skolēns;Klase;Stundu skaits;Kav. (n);Matemātika',
        `${absent!.personalCode};${absent!.firstName} ${absent!.lastName};${absent!.grade}.${absent!.classLabel};300;30;3`,
        `;${present!.lastName} ${present!.firstName};${present!.grade}.${present!.classLabel};300;1;8`,
        'Kopā;;;;31;',
      ].join('\r\n'),
    );

    await page.goto(bridge.url);
    await page.getByLabel('Valoda').selectOption('en');
    await page.getByRole('link', { name: 'Early warning' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Early warning' })).toBeVisible();
    await expect(page.getByText('No e-journal export has been imported yet.')).toBeVisible();
    await page.getByRole('link', { name: 'Import the e-journal' }).click();

    // The mapping step: the unknown column must be given a meaning before anything is imported.
    await bridge.answerDialogs({ open: [[file]] });
    await page.getByRole('button', { name: 'Choose a file…' }).click();
    await expect(page.getByText('Unknown column "Kav. (n)": say what it holds.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
    await expect(page.getByLabel('Meaning of the column "Personas kods"')).toHaveValue('personalCode');
    await expectNoSeriousA11yIssues(page, 'journal import: mapping');
    await saveScreenshot(page, 'journal-mapping-en');
    await page.getByLabel('Meaning of the column "Kav. (n)"').selectOption('unexcused');
    await page.getByRole('button', { name: 'Check with these meanings' }).click();
    await expect(page.getByText('Students in the file: 2; matched to the register: 2; not matched: 0; rows skipped: 2; with signals: 1.')).toBeVisible();
    await page.getByLabel('Save the column meanings as a preset (name)').fill('E-klase kavējumi');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByRole('heading', { name: '3. Imported' })).toBeVisible();
    await expect(page.getByText('Row 1: title above the table')).toBeVisible();
    await expect(page.getByText('Row 5: totals row')).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'journal import: result');
    expect((await invoke(bridge.url, 'journal:presets', {})).map((p) => p.name)).toEqual(['E-klase kavējumi']);

    // The register: the signals column, and the filter down to the signalled student.
    await page.getByRole('link', { name: 'Register: students with signals' }).click();
    await expect(page.getByLabel('E-journal signals')).toHaveValue('any');
    const rows = page.locator('.register-list [role="option"]');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(`${absent!.lastName} ${absent!.firstName}`);
    await expect(rows.first()).toContainText('Absences');
    await expectNoSeriousA11yIssues(page, 'register with signals');
    await page.getByLabel('E-journal signals').selectOption('');
    await expect(rows).toHaveCount(2);

    // The suggested list, with the reasons; starting the screening from it.
    await page.getByRole('link', { name: 'Early warning' }).click();
    const suggested = page.locator(`tr[data-student-id="${absent!.id}"]`);
    await expect(suggested).toContainText('30 lessons missed without excuse (threshold 20)');
    await expect(suggested).toContainText('10% of lessons missed without excuse (threshold 5%)');
    await expect(page.locator(`tr[data-student-id="${present!.id}"]`)).toHaveCount(0);
    await expect(page.getByText('These are signals, not verdicts')).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'suggested for screening');
    await saveScreenshot(page, 'journal-suggested-en');
    await suggested.getByRole('link', { name: /^Start screening/ }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Risk screening' })).toBeVisible();
    const absences = page.getByRole('group', { name: 'Many absences' });
    await expect(absences.getByRole('radio', { name: 'Present' })).not.toBeChecked();
    await absences.getByRole('button', { name: 'Use the e-journal signal as the justification' }).click();
    await expect(absences.getByRole('radio', { name: 'Present' })).toBeChecked();
    await expect(absences.getByLabel('Justification')).toHaveValue(
      /^E-journal \(.*\): 30 lessons missed without excuse \(threshold 20\); 10% of lessons missed/,
    );
    await expectNoSeriousA11yIssues(page, 'screening with a journal signal');
    await page.getByRole('button', { name: 'Save screening' }).click();
    await expect(page.getByText('Screening saved.', { exact: true })).toBeVisible();

    // Screened now: no longer suggested. The card shows the trend.
    await page.goto(`${bridge.url}/#/journal`);
    await expect(page.getByText('No student who is not yet screened has a signal.')).toBeVisible();
    await page.goto(`${bridge.url}/#/students/${absent!.id}`);
    await expect(page.getByRole('heading', { name: 'E-journal indicators' })).toBeVisible();
    await expectNoSeriousA11yIssues(page, 'student card with the journal trend');
    expect(problems).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
