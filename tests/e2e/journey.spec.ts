/**
 * The whole year's work on one student, as a new school would do it, in
 * Chromium against the real services and a real SQLite file:
 * set up the school (wizard) -> add students -> screen one -> write a plan
 * with two measures -> submit -> a director (made in settings) approves ->
 * log deliveries -> semester end -> print the plan (the PDF's text is read
 * back with pdftotext, Latvian diacritics included).
 * Each main screen is photographed (test-results/screens/journey-*.png) and
 * checked with axe.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { personalCode } from './seed';

const COORDINATOR = { name: 'Anna Ozola', username: 'anna.ozola', password: 'kalni un upes 2025' };
const DIRECTOR = { name: 'Dace Liepa', username: 'dace.liepa', password: 'ezers un meži 2025' };

async function checkScreen(page: Page, name: string) {
  await expectNoSeriousA11yIssues(page, name);
  await saveScreenshot(page, `journey-${name}`);
}

async function signIn(page: Page, who: { username: string; password: string }) {
  await expect(page.getByRole('heading', { name: 'Pierakstīšanās' })).toBeVisible();
  await page.getByLabel('Lietotājvārds').fill(who.username);
  await page.getByLabel('Parole').fill(who.password);
  await page.getByRole('button', { name: 'Pierakstīties' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sākums' })).toBeVisible();
}

async function addStudent(page: Page, s: { first: string; last: string; code: string; gender: string; grade: string; letter: string; guardian?: string }) {
  await page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Skolēni' }).click();
  await page.getByRole('link', { name: 'Pievienot skolēnu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jauns skolēns' })).toBeVisible();
  await page.getByLabel(/^Vārds( \*)?$/).fill(s.first);
  await page.getByLabel('Uzvārds').fill(s.last);
  await page.getByLabel('Personas kods').fill(s.code);
  await page.getByLabel('Dzimums').selectOption(s.gender);
  await page.getByLabel(/^Klase( \*)?$/).selectOption(s.grade);
  await page.getByLabel('Klases burts').fill(s.letter);
  if (s.guardian) {
    await page.getByRole('button', { name: 'Pievienot pārstāvi' }).click();
    const guardian = page.getByRole('group', { name: '1. pārstāvis' });
    await guardian.getByLabel('Vārds, uzvārds').fill(s.guardian);
    await guardian.getByLabel('Kas skolēnam ir').selectOption('mother');
  }
  await page.getByRole('button', { name: 'Saglabāt', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${s.last} ${s.first}` })).toBeVisible();
}

test('a school year with one student, from set-up to the printed plan', async ({ page, bridge }, testInfo) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.goto(bridge.url);

  // 1. Set up the school.
  await expect(page.getByRole('heading', { name: 'Skolas iestatīšana' })).toBeVisible();
  await page.getByLabel('Skolas nosaukums').fill('Madonas pilsētas vidusskola');
  await page.getByLabel('Reģistrācijas numurs (VIIS)').fill('4313900456');
  await page.getByLabel('Pašvaldība').selectOption('Madonas novads');
  await page.getByLabel('Skolas veids').selectOption('general');
  await page.getByRole('button', { name: 'Tālāk' }).click();
  await page.getByLabel('Vārds, uzvārds').fill(COORDINATOR.name);
  await page.getByLabel('Lietotājvārds').fill(COORDINATOR.username);
  await page.getByLabel('Parole', { exact: true }).fill(COORDINATOR.password);
  await page.getByLabel('Parole vēlreiz').fill(COORDINATOR.password);
  await page.getByRole('button', { name: 'Pabeigt iestatīšanu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sākums' })).toBeVisible();
  await checkScreen(page, '01-home');

  // 2. Add students.
  await addStudent(page, { first: 'Jānis', last: 'Kalniņš', code: personalCode(3, 9), gender: 'male', grade: '9', letter: 'a' });
  await addStudent(page, { first: 'Elza', last: 'Bērziņa', code: personalCode(10, 8), gender: 'female', grade: '8', letter: 'b', guardian: 'Ilze Bērziņa' });
  await checkScreen(page, '02-student-card');

  // 3. Screen Elza's risks this semester.
  await page.getByRole('link', { name: 'Izvērtēt riskus' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Risku izvērtējums' })).toBeVisible();
  await expect(page.getByTestId('risk-level')).toHaveText('Riski nav atrasti');
  const absences = page.getByRole('group', { name: 'Daudz kavējumu' });
  await absences.getByRole('radio', { name: 'Ir', exact: true }).check();
  await absences.getByLabel('Pamatojums').fill('Septembrī neattaisnoti kavētas 34 mācību stundas.');
  const crisis = page.getByRole('group', { name: 'Krīze ģimenē' });
  // Keyboard: the radio group is one Tab stop; the arrow keys choose.
  await crisis.getByRole('radio', { name: 'Nav zināms' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(crisis.getByRole('radio', { name: 'Nav', exact: true })).toBeChecked();
  await page.keyboard.press('ArrowLeft');
  await expect(crisis.getByRole('radio', { name: 'Ir', exact: true })).toBeChecked();
  await crisis.getByLabel('Pamatojums').fill('Vecāki šķiras; skolēns par to stāsta klases audzinātājai.');
  await expect(page.getByTestId('summary-school')).toHaveText('Ir: 1 · nav zināms: 7 · nav: 0');
  await expect(page.getByTestId('risk-level')).toHaveText('Vidējs riska līmenis');
  await expect(page.getByText('Riski konstatēti 2 grupās (slieksnis: 2).')).toBeVisible();
  for (const group of ['Ar izglītības iestādi un mācībām saistītie', 'Ar personību, veselību un uzvedību saistītie', 'Ar ģimeni saistītie', 'Ekonomiskie']) {
    await page.getByRole('region', { name: group }).getByRole('button', { name: 'Atzīmēt atlikušos “Nav zināms” kā “Nav”' }).click();
  }
  await expect(page.getByTestId('summary-school')).toHaveText('Ir: 1 · nav zināms: 0 · nav: 7');
  await page.getByRole('button', { name: 'Saglabāt izvērtējumu' }).click();
  await expect(page.getByText('Izvērtējums saglabāts.', { exact: true })).toBeVisible();
  await checkScreen(page, '03-screening');

  // 4. A plan with two measures.
  await page.getByRole('link', { name: 'Izveidot atbalsta plānu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jauns atbalsta plāns' })).toBeVisible();
  await expect(page.getByText('Konstatēti 2 riski')).toBeVisible();
  await page.getByLabel('Mērķi').fill('Regulāri apmeklēt skolu un mazināt kavējumus līdz semestra beigām.');
  await page.getByRole('button', { name: 'Izveidot plāna projektu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Atbalsta plāns 4313900456-2025\/26-1-0001$/ })).toBeVisible();

  // Sending it too early says what is missing, next to each field.
  await page.getByRole('button', { name: 'Nodot saskaņošanai' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Nodot saskaņošanai' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Lai turpinātu, izlabojiet:' });
  await expect(summary).toContainText('Reģistrējiet piekrišanu');
  await expect(summary).toContainText('Pievienojiet vismaz vienu atbalsta pasākumu.');

  await page.getByRole('button', { name: /Pievienot pasākumu/ }).click();
  const first = page.getByTestId('measure-0');
  await expect(first.getByLabel('Pasākuma veids')).toBeFocused();
  await first.getByLabel('Pasākuma veids').selectOption({ label: 'Psihologa konsultācija' });
  await first.getByLabel('Plānotais laiks, minūtes').fill('90');
  await first.getByLabel('Atbildīgais').selectOption({ label: COORDINATOR.name });
  await first.getByLabel(/^No( \*)?$/).fill('01.10.2025');
  await first.getByLabel('Pamatojums').fill('Sarunas par mācību motivāciju un situāciju ģimenē.');
  await first.getByRole('checkbox', { name: /Daudz kavējumu/ }).check();
  await first.getByRole('checkbox', { name: /Krīze ģimenē/ }).check();

  await page.getByRole('button', { name: /Pievienot pasākumu/ }).click();
  const second = page.getByTestId('measure-1');
  await second.getByLabel('Pasākuma veids').selectOption({ label: 'Sabiedriskā transporta izdevumu kompensācija' });
  await second.getByLabel('Plānotā summa, €').fill('12,5x');
  await second.getByLabel('Pamatojums').fill('Autobusa biļetes no Lazdonas uz skolu.');
  await second.getByRole('checkbox', { name: /Daudz kavējumu/ }).check();
  await page.getByRole('button', { name: 'Aizpildīt: Ilze Bērziņa' }).click();
  await page.getByLabel('Piekrišanas datums').fill('01.10.2025');
  await page.getByRole('button', { name: 'Saglabāt projektu' }).click();
  await expect(second.getByText('Ievadiet summu eiro, piemēram, 12,50.')).toBeVisible();
  await expect(second.getByLabel('Plānotā summa, €')).toBeFocused();
  await second.getByLabel('Plānotā summa, €').fill('30,00');
  await page.getByRole('button', { name: 'Saglabāt projektu' }).click();
  await expect(page.getByText('Plāna projekts saglabāts.', { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Kas vajadzīgs saskaņošanai' }).getByRole('listitem')).toHaveText([
    /izpildīts.*Ierakstīti mērķi/,
    /izpildīts.*Reģistrēta piekrišana/,
    /izpildīts.*Vismaz viens pasākums/,
    /izpildīts.*Katram pasākumam ir veids, pamatojums un konstatēts risks/,
  ]);
  await checkScreen(page, '04-plan-draft');

  await page.getByRole('button', { name: 'Nodot saskaņošanai' }).click();
  await expect(page.getByRole('dialog', { name: 'Nodot plānu saskaņošanai?' })).toBeVisible();
  await checkScreen(page, '05-submit-dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Nodot saskaņošanai' }).click();
  await expect(page.getByText('Plāns nodots saskaņošanai.', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: /Statuss/ }).getByText('Saskaņošanā')).toBeVisible();
  const planUrl = page.url();

  // 5. A director account, made in settings; the director approves.
  await page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Iestatījumi' }).click();
  await page.getByRole('link', { name: 'Lietotāji un lomas' }).click();
  await page.getByRole('button', { name: 'Pievienot lietotāju' }).click();
  const dialog = page.getByRole('dialog', { name: 'Jauns lietotājs' });
  await dialog.getByLabel('Vārds, uzvārds').fill(DIRECTOR.name);
  await dialog.getByLabel('Lietotājvārds').fill(DIRECTOR.username);
  await dialog.getByLabel('Pirmā parole').fill(DIRECTOR.password);
  await dialog.getByRole('checkbox', { name: /direktors/ }).check();
  await dialog.getByRole('button', { name: 'Saglabāt lietotāju' }).click();
  await expect(page.getByRole('row', { name: new RegExp(DIRECTOR.name) })).toBeVisible();
  await page.getByRole('button', { name: 'Iziet' }).click();
  await signIn(page, DIRECTOR);
  await expect(page.getByRole('row').filter({ hasText: 'jāapstiprina' })).toBeVisible();
  await page.getByRole('link', { name: 'Elza Bērziņa' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Atbalsta plāns/ })).toBeVisible();
  await expect(page.getByText('Psihologa konsultācija').first()).toBeVisible();
  await expect(page.getByText('30,00 €')).toBeVisible();
  await checkScreen(page, '06-plan-director');
  await page.getByRole('button', { name: 'Apstiprināt' }).click();
  await page.getByRole('dialog').getByLabel('Komentārs').fill('Saskaņots ar skolas atbalsta komandu.');
  await page.getByRole('dialog').getByRole('button', { name: 'Apstiprināt' }).click();
  await expect(page.getByText('Plāns apstiprināts.', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Statusa vēsture' })).toContainText('Saskaņots ar skolas atbalsta komandu.');
  await page.getByRole('button', { name: 'Iziet' }).click();
  await signIn(page, COORDINATOR);

  // 6. Log deliveries: keyboard-first, the form stays for the next entry.
  await page.goto(planUrl);
  await page.getByRole('link', { name: 'Sniegtais atbalsts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sniegtais atbalsts' })).toBeVisible();
  const minutes = page.getByLabel('Ilgums, minūtes');
  await expect(minutes).toBeFocused();
  await page.getByLabel('Datums').fill('06.10.2025');
  await minutes.fill('45');
  await page.getByLabel('Skolēns apstiprināja konsultāciju (KA veidlapa)').check();
  await minutes.press('Enter');
  await expect(page.getByText('Reģistrēts: 45 min, 06.10.2025.')).toBeVisible();
  await expect(minutes).toBeFocused();
  await expect(minutes).toHaveValue('');
  await page.getByLabel('Datums').fill('13.10.2025');
  await minutes.fill('45');
  await minutes.press('Enter');
  await expect(page.getByTestId('measure-progress-0')).toHaveText('Sniegts 90 min no plānotajiem 90 min (100 %).');
  // One more session goes over the plan: the reason is asked for.
  await page.getByLabel('Datums').fill('15.10.2025');
  await minutes.fill('30');
  await expect(page.getByText('Tiek pārsniegts plānotais apjoms: norādiet iemeslu.')).toBeVisible();
  await minutes.press('Enter');
  await expect(page.getByLabel('Pārsniegšanas iemesls')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Pārsniegšanas iemesls').fill('Papildu saruna pēc konflikta ar klasesbiedriem.');
  await page.getByLabel('Pārsniegšanas iemesls').press('Enter');
  await expect(page.getByTestId('measure-progress-0')).toHaveText('Sniegts 120 min no plānotajiem 90 min (133 %).');
  // A payment under the second measure.
  await page.getByLabel('Pasākums', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Summa, €').fill('12,50');
  await page.getByLabel('Attaisnojuma dokuments').fill('Biļetes 10.2025');
  await page.getByLabel('Summa, €').press('Enter');
  await expect(page.getByTestId('measure-progress-1')).toHaveText('Sniegts 12,50 € no plānotajiem 30,00 € (42 %).');
  await checkScreen(page, '07-deliveries');

  // 7. Semester end, step by step, and closing the plan.
  await page.getByRole('link', { name: 'Atpakaļ uz plānu' }).click();
  // The plan's own link (the navigation has one of the same name for the semester's open plans).
  await page.getByRole('main').getByRole('link', { name: 'Semestra noslēgums' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '1. solis no 4: Pasākumu īstenošana' })).toBeVisible();
  await page.getByRole('group', { name: '1. Psihologa konsultācija' }).getByRole('radio', { name: 'Pilnībā' }).check();
  await page.getByRole('group', { name: '2. Sabiedriskā transporta izdevumu kompensācija' }).getByRole('radio', { name: 'Daļēji' }).check();
  await checkScreen(page, '08-semester-end-measures');
  await page.getByRole('button', { name: 'Saglabāt un turpināt →' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '2. solis no 4: Risku izmaiņas' })).toBeFocused();
  await page.getByRole('group', { name: 'Daudz kavējumu' }).getByRole('radio', { name: 'Mazinājās' }).check();
  await page.getByRole('group', { name: 'Krīze ģimenē' }).getByRole('radio', { name: 'Nemainījās' }).check();
  await page.getByRole('button', { name: 'Saglabāt un turpināt →' }).click();
  await page.getByRole('radio', { name: 'Turpina mācības' }).check();
  await page.getByRole('button', { name: 'Saglabāt un turpināt →' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '4. solis no 4: Pārskats un noslēgšana' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Daudz kavējumu/ })).toContainText('Mazinājās');
  await checkScreen(page, '09-semester-end-close');
  await page.getByRole('button', { name: 'Noslēgt plānu' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Noslēgt plānu' }).click();
  await expect(page.getByText('Plāns ir noslēgts. Semestra rezultāti:')).toBeVisible();

  // 8. Print the plan: an A4 PDF from the same page, read back as text.
  await page.goto(planUrl);
  await page.getByRole('link', { name: 'Drukāt' }).click();
  await expect(page.getByTestId('print-document')).toBeVisible();
  await checkScreen(page, '10-print');
  const pdf = await page.pdf({ format: 'A4' });
  mkdirSync(testInfo.outputDir, { recursive: true });
  const pdfFile = join(testInfo.outputDir, 'plan.pdf');
  writeFileSync(pdfFile, pdf);
  await testInfo.attach('plan.pdf', { path: pdfFile, contentType: 'application/pdf' });
  const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, ' ');
  for (const expected of [
    'Madonas pilsētas vidusskola',
    'Reģ. Nr. 4313900456',
    'INDIVIDUĀLAIS ATBALSTA PLĀNS',
    'Plāna kods: 4313900456-2025/26-1-0001',
    'Elza Bērziņa',
    '2025/26, 1. semestris',
    'Ar izglītības iestādi un mācībām saistītie',
    'Daudz kavējumu',
    'Septembrī neattaisnoti kavētas 34 mācību stundas.',
    'Krīze ģimenē',
    'Psihologa konsultācija',
    '90 min',
    '30,00 €',
    'Ilze Bērziņa (māte) piekrīt plānam',
    'Vecāks vai likumiskais pārstāvis',
    'Plāna autors',
    'Direktors',
    DIRECTOR.name,
    'Paraksts',
  ]) {
    expect(flat, `the PDF text should contain "${expected}"`).toContain(expected);
  }
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(problems).toEqual([]);
});
