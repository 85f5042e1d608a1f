/**
 * School -> municipality, in the app, in Chromium: two bridges (a school and
 * its municipality, each with its own data folder and database), both set
 * up through the wizard; key cards saved and loaded through the (scripted)
 * native dialogs, the fingerprint compared on both screens; the school's
 * year's work (student, screening, plan, delivery) made through its
 * services; the package exported and imported through the UI: dry run,
 * confirm, the school's last package, its plan without the free-text notes,
 * counts with money; the same file again is "already imported" and changes
 * nothing; a copy with one flipped byte is refused with the Latvian message.
 * Every main screen is photographed (test-results/screens/exchange-*.png)
 * and checked with axe.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, startBridge, test, watchConsole } from './fixtures';
import { saveScreenshot } from './screens';
import { invoke, personalCode, SEMESTER } from './seed';

const SCHOOL = { name: 'Madonas pilsētas vidusskola', regNo: '4313900456', municipality: 'Madonas novads' };
const SCHOOL_COORDINATOR = { name: 'Anna Ozola', username: 'anna.ozola', password: 'kalni un upes 2025' };
const MUNI_COORDINATOR = { name: 'Ilze Kalniņa', username: 'ilze.kalnina', password: 'novada dati 2025 droši' };
const DIRECTOR = { name: 'Dace Liepa', username: 'dace.liepa', password: 'ezers un meži 2025' };
/** Free text written at school: none of it may reach the municipality. */
const NOTES = {
  screening: 'Septembrī neattaisnoti kavētas 34 mācību stundas.',
  goals: 'Regulāri apmeklēt skolu un mazināt kavējumus līdz semestra beigām.',
  measure: 'Autobusa biļetes no Lazdonas uz skolu.',
  consultation: 'Sarunas par mācību motivāciju un situāciju ģimenē.',
  delivery: 'Biļetes par oktobri, čeks pievienots mapē.',
};

async function checkScreen(page: Page, name: string) {
  await expectNoSeriousA11yIssues(page, name);
  await saveScreenshot(page, `exchange-${name}`);
}

function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name, exact: true });
}

async function fillCoordinator(page: Page, who: { name: string; username: string; password: string }) {
  await page.getByLabel('Vārds, uzvārds').fill(who.name);
  await page.getByLabel('Lietotājvārds').fill(who.username);
  await page.getByLabel('Parole', { exact: true }).fill(who.password);
  await page.getByLabel('Parole vēlreiz').fill(who.password);
  await page.getByRole('button', { name: 'Pabeigt iestatīšanu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sākums' })).toBeVisible();
}

/** The digits of a fingerprint as shown (groups separated by single spaces). */
async function shownFingerprint(page: Page, testId: string): Promise<string> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return text.replace(/\s+/g, ' ').trim();
}

/** A student with a screening, a plan (approved by the director) with two measures, and a paid delivery, through the school's services. */
async function schoolYearWork(url: string): Promise<{ planCode: string }> {
  const student = await invoke(url, 'students:create', {
    firstName: 'Elza',
    lastName: 'Bērziņa',
    personalCode: personalCode(10, 8),
    gender: 'female',
    educationLevel: 'general',
    grade: 8,
    classLabel: 'b',
  });
  const studentId = student.student.id;
  const factors = await invoke(url, 'risks:catalogue', {});
  const factor = factors.find((f) => f.group === 'school' && f.retiredAt === null);
  if (!factor) throw new Error('no school risk factor in the catalogue');
  await invoke(url, 'screening:save', {
    studentId,
    semesterId: SEMESTER,
    answers: [{ riskFactorId: factor.id, answer: 'present', justification: NOTES.screening }],
  });
  // A kind the school added itself: the municipality's catalogue does not know its code.
  await invoke(url, 'measureKinds:update', {
    kinds: [
      {
        code: 'consultation.speechClub',
        category: 'consultation',
        labelLv: 'Runas pulciņš skolā',
        labelEn: 'Speech club at school',
        rateCents: null,
        capCents: null,
        active: true,
      },
    ],
  });
  const created = await invoke(url, 'plans:create', { studentId, semesterId: SEMESTER, goals: NOTES.goals });
  const staff = await invoke(url, 'staff:list', {});
  const me = staff.find((s) => s.username === SCHOOL_COORDINATOR.username);
  const updated = await invoke(url, 'plans:update', {
    planId: created.id,
    version: created.version,
    goals: NOTES.goals,
    consent: { by: 'Ilze Bērziņa', relation: 'mother', on: '2025-10-01' },
    measures: [
      {
        kindCode: 'consultation.psychologist',
        plannedMinutes: 90,
        responsibleId: me?.id ?? null,
        startsOn: '2025-10-01',
        endsOn: '2025-12-19',
        justification: NOTES.consultation,
        riskFactorIds: [factor.id],
      },
      {
        kindCode: 'compensation.publicTransport',
        plannedCents: 3000,
        startsOn: '2025-10-01',
        endsOn: '2025-12-19',
        justification: NOTES.measure,
        riskFactorIds: [factor.id],
      },
      {
        kindCode: 'consultation.speechClub',
        plannedMinutes: 45,
        responsibleId: me?.id ?? null,
        startsOn: '2025-10-01',
        endsOn: '2025-12-19',
        justification: NOTES.measure,
        riskFactorIds: [factor.id],
      },
    ],
  });
  const submitted = await invoke(url, 'plans:transition', { planId: updated.id, version: updated.version, action: 'submit' });
  await invoke(url, 'staff:create', { username: DIRECTOR.username, displayName: DIRECTOR.name, password: DIRECTOR.password, roles: ['director'] });
  await invoke(url, 'auth:signIn', { username: DIRECTOR.username, password: DIRECTOR.password });
  await invoke(url, 'plans:transition', { planId: submitted.id, version: submitted.version, action: 'approve' });
  await invoke(url, 'auth:signIn', { username: SCHOOL_COORDINATOR.username, password: SCHOOL_COORDINATOR.password });
  const transport = updated.measures.find((m) => m.kindCode === 'compensation.publicTransport');
  if (!transport) throw new Error('transport measure missing');
  await invoke(url, 'deliveries:add', { measureId: transport.id, deliveredOn: '2025-10-10', cents: 1250, receiptRef: 'ČEKS-1012', note: NOTES.delivery });
  return { planCode: updated.code };
}

test('a school sends its semester package to its municipality, through the app', async ({ page, bridge, context }) => {
  test.setTimeout(240_000);
  const muniBridge = await startBridge({ today: '2025-10-15' });
  const files = await mkdtemp(join(tmpdir(), 'pumpurs-exchange-'));
  try {
    const schoolCard = join(files, 'madonas-vidusskola.card.json');
    const muniCard = join(files, 'madonas-novads.card.json');
    const packagePath = join(files, 'madonas-vidusskola-2025-26-1.pumpurs');
    const school = page;
    const muni = await context.newPage();
    const schoolProblems = watchConsole(school);
    const muniProblems = watchConsole(muni);
    await school.setViewportSize({ width: 1360, height: 900 });
    await muni.setViewportSize({ width: 1360, height: 900 });

    // 1. The school sets itself up (school is the wizard's default).
    await school.goto(bridge.url);
    await expect(school.getByRole('heading', { name: 'Skolas iestatīšana' })).toBeVisible();
    await expect(school.getByRole('radio', { name: 'Skola' })).toBeChecked();
    await school.getByLabel('Skolas nosaukums').fill(SCHOOL.name);
    await school.getByLabel('Reģistrācijas numurs (VIIS)').fill(SCHOOL.regNo);
    await school.getByLabel('Pašvaldība').selectOption(SCHOOL.municipality);
    await school.getByLabel('Skolas veids').selectOption('general');
    await school.getByRole('button', { name: 'Tālāk' }).click();
    await fillCoordinator(school, SCHOOL_COORDINATOR);
    await expect(nav(school, 'Datu apmaiņa')).toBeVisible();

    // 2. The municipality sets itself up: the wizard's other kind.
    await muni.goto(muniBridge.url);
    await muni.getByRole('radio', { name: 'Novads vai valstspilsēta' }).check();
    await expect(muni.getByRole('heading', { level: 1, name: 'Novada vai valstspilsētas iestatīšana' })).toBeVisible();
    await expect(muni.getByRole('radio', { name: 'Novads vai valstspilsēta' })).toBeFocused();
    await expect(muni.getByLabel('Skolas nosaukums')).toHaveCount(0);
    await muni.getByLabel('Pašvaldība').selectOption(SCHOOL.municipality);
    await checkScreen(muni, '01-setup-municipality');
    await muni.getByRole('button', { name: 'Tālāk' }).click();
    await fillCoordinator(muni, MUNI_COORDINATOR);
    await expect(muni.getByTestId('school-name')).toHaveText('Madonas novads');
    await expect(nav(muni, 'Skolas')).toBeVisible();
    await expect(nav(muni, 'Skolēni')).toHaveCount(0);
    await checkScreen(muni, '02-muni-home-empty');

    // 3. The school saves its key card; the fingerprint is on its screen.
    await nav(school, 'Datu apmaiņa').click();
    await expect(school.getByRole('heading', { level: 1, name: 'Datu apmaiņa' })).toBeVisible();
    const schoolFingerprint = await shownFingerprint(school, 'own-fingerprint');
    expect(schoolFingerprint).toMatch(/^(\d{5} ){11}\d{5}$/);
    await expect(school.getByText('Saņēmēja atslēgas karte vēl nav ielādēta.')).toBeVisible();
    await expect(school.getByRole('button', { name: 'Izveidot pakotni…' })).toBeDisabled();
    await checkScreen(school, '03-school-exchange');
    await bridge.answerDialogs({ save: [schoolCard] });
    await school.getByRole('button', { name: 'Saglabāt atslēgas karti' }).click();
    await expect(school.getByText(`Atslēgas karte saglabāta: ${schoolCard}`)).toBeVisible();

    // 4. The municipality enrols the school from the card, typing the digits read out on the phone.
    await nav(muni, 'Skolas').click();
    await expect(muni.getByRole('heading', { level: 1, name: 'Skolas' })).toBeVisible();
    await muniBridge.answerDialogs({ open: [[schoolCard]] });
    await muni.getByRole('button', { name: 'Reģistrēt skolu…' }).click();
    const enrol = muni.getByRole('dialog', { name: 'Reģistrēt iestādi pēc atslēgas kartes' });
    await expect(enrol).toBeVisible();
    await expect(enrol.getByTestId('key-file-name')).toHaveText(SCHOOL.name);
    await expect(enrol.getByTestId('key-file-id')).toHaveText(SCHOOL.regNo);
    expect(await shownFingerprint(muni, 'key-file-fingerprint')).toBe(schoolFingerprint);
    // Confirming without comparing is not possible.
    await enrol.getByRole('button', { name: 'Reģistrēt' }).click();
    await expect(enrol.getByText('Atzīmējiet, ka salīdzinājāt nospiedumu, vai ierakstiet to.')).toBeVisible();
    await enrol.getByLabel('Nospiedums, ko jums nolasīja').fill(schoolFingerprint.replace(/ /g, ''));
    await checkScreen(muni, '04-enrol-dialog');
    await enrol.getByRole('button', { name: 'Reģistrēt' }).click();
    await expect(muni.getByText(`“${SCHOOL.name}” reģistrēta.`)).toBeVisible();
    const row = muni.getByTestId('schools-table').getByRole('row', { name: new RegExp(SCHOOL.name) });
    await expect(row).toContainText(SCHOOL.regNo);
    await expect(row).toContainText('vēl nav iesūtīta');
    await expect(row).toContainText(schoolFingerprint);
    await checkScreen(muni, '05-schools');

    // 5. The municipality saves its own card; the school trusts it after comparing.
    await nav(muni, 'Datu apmaiņa').click();
    await expect(muni.getByRole('heading', { level: 1, name: 'Datu apmaiņa' })).toBeVisible();
    const muniFingerprint = await shownFingerprint(muni, 'own-fingerprint');
    await expect(muni.getByRole('heading', { name: 'Semestra datu pakotne' })).toHaveCount(0);
    await checkScreen(muni, '06-muni-exchange');
    await muniBridge.answerDialogs({ save: [muniCard] });
    await muni.getByRole('button', { name: 'Saglabāt atslēgas karti' }).click();
    await expect(muni.getByText(`Atslēgas karte saglabāta: ${muniCard}`)).toBeVisible();

    await bridge.answerDialogs({ open: [[muniCard]] });
    await school.getByRole('button', { name: 'Ielādēt atslēgas karti…' }).click();
    const trust = school.getByRole('dialog', { name: 'Uzticēt saņēmēja atslēgas karti' });
    await expect(trust.getByTestId('key-file-name')).toHaveText('Madonas novads');
    expect(await shownFingerprint(school, 'key-file-fingerprint')).toBe(muniFingerprint);
    await trust.getByLabel('Salīdzināju nospiedumu ar otru iestādi, un tas sakrīt').check();
    await checkScreen(school, '07-trust-dialog');
    await trust.getByRole('button', { name: 'Uzticēt' }).click();
    await expect(school.getByText('“Madonas novads” atslēga uzticēta.')).toBeVisible();
    await expect(school.getByTestId('recipient-name')).toContainText('Madonas novads');
    expect(await shownFingerprint(school, 'recipient-fingerprint')).toBe(muniFingerprint);

    // 6. The year's work at school (through its services), then the export through the UI.
    const { planCode } = await schoolYearWork(bridge.url);
    await school.reload();
    await expect(school.getByRole('heading', { level: 1, name: 'Datu apmaiņa' })).toBeVisible();
    await expect(school.getByLabel('Semestris')).toHaveValue(SEMESTER);
    await expect(school.getByLabel('Semestris').locator('option:checked')).toHaveText('2025/26, 1. semestris (pašreizējais)');
    await bridge.answerDialogs({ save: [packagePath] });
    await school.getByRole('button', { name: 'Izveidot pakotni…' }).click();
    const made = school.getByRole('status').filter({ hasText: 'Pakotne izveidota' });
    await expect(made).toBeVisible();
    await expect(made.getByTestId('export-path')).toHaveText(packagePath);
    await expect(made.getByTestId('export-seq')).toHaveText('1');
    await expect(made.getByRole('row', { name: 'Izglītojamie' })).toContainText('1');
    await expect(made.getByRole('row', { name: 'Atbalsta plāni' })).toContainText('1');
    await expect(made.getByRole('row', { name: 'Atbalsta pasākumi' })).toContainText('3');
    await checkScreen(school, '08-school-exported');
    const packageBytes = await readFile(packagePath);
    expect(packageBytes.subarray(38, 38 + 35).toString('ascii')).toBe('application/vnd.pumpurs.package+zip');

    // 7. The municipality's dry run, then the import.
    await nav(muni, 'Importēt').click();
    await expect(muni.getByRole('heading', { level: 1, name: 'Pakotņu importēšana' })).toBeVisible();
    await checkScreen(muni, '09-import-choose');
    await muniBridge.answerDialogs({ open: [[packagePath]] });
    await muni.getByRole('button', { name: 'Izvēlēties failus…' }).click();
    await expect(muni.getByRole('heading', { name: 'Pārbaudes rezultāts' })).toBeVisible();
    await expect(muni.getByTestId('preview-summary')).toHaveText('Pārbaudīta 1 pakotne. 1 gatava importēšanai.');
    const previewRow = muni.getByTestId('files-table').getByRole('row', { name: /madonas-vidusskola/ });
    await expect(previewRow).toContainText('Gatava importēšanai');
    await expect(previewRow).toContainText(SCHOOL.name);
    await expect(previewRow).toContainText('15.10.2025');
    const detail = muni.getByTestId('import-file');
    const createdCell = (type: string) =>
      detail
        .getByRole('row', { name: new RegExp(`^${type}`) })
        .getByRole('cell')
        .first();
    await expect(createdCell('Izglītojamie')).toHaveText('1');
    await expect(createdCell('Risku izvērtējumi')).toHaveText('1');
    await expect(createdCell('Atbalsta plāni')).toHaveText('1');
    await expect(createdCell('Atbalsta pasākumi')).toHaveText('3');
    await expect(createdCell('Sniegtais atbalsts')).toHaveText('1');
    await expect(muni.getByText('Šī ir tikai pārbaude: nekas vēl nav ierakstīts.')).toBeVisible();
    await checkScreen(muni, '10-import-preview');
    // Nothing was written by the dry run.
    expect((await invoke(muniBridge.url, 'muni:counts', {})).rows).toEqual([]);
    await muni.getByRole('button', { name: 'Importēt 1 pakotni' }).click();
    await expect(muni.getByRole('heading', { name: 'Importēšanas rezultāts' })).toBeVisible();
    await expect(muni.getByTestId('result-summary')).toHaveText('Importēta 1 pakotne.');
    await expect(muni.getByTestId('files-table').getByRole('row', { name: /madonas-vidusskola/ })).toContainText('Importēta');
    await checkScreen(muni, '11-import-done');

    // 8. Home: the school's last package this semester.
    await nav(muni, 'Sākums').click();
    const sent = muni.getByTestId('sent-table').getByRole('row', { name: new RegExp(SCHOOL.name) });
    await expect(sent).toContainText('15.10.2025');
    await expect(sent.getByRole('cell').nth(3)).toHaveText('1');
    await expect(sent.getByRole('cell').nth(4)).toHaveText('nav');
    await expect(muni.getByTestId('stat-waiting')).toContainText('0');
    await checkScreen(muni, '12-muni-home');

    // 9. The imported plan, read-only and without the school's notes.
    await muni.getByRole('link', { name: `Plāni — ${SCHOOL.name}` }).click();
    await expect(muni.getByRole('heading', { level: 1, name: SCHOOL.name })).toBeVisible();
    await muni.getByTestId('plans-table').getByRole('button', { name: 'Bērziņa Elza' }).click();
    const plan = muni.getByTestId('imported-plan');
    await expect(plan).toHaveCount(1);
    await expect(plan.getByRole('heading', { name: /Bērziņa Elza/ })).toContainText(planCode);
    await expect(plan).toContainText('Īstenošanā');
    await expect(plan).toContainText(personalCode(10, 8));
    await expect(plan).toContainText('ir, 01.10.2025');
    const transportRow = plan.getByRole('row', { name: /Sabiedriskā transporta/ });
    await expect(transportRow).toContainText('30,00 €');
    await expect(transportRow).toContainText('12,50 €');
    await expect(plan.getByRole('row', { name: /Psihologa konsultācija/ })).toContainText('90 min');
    // The school's own kind reads with the label the school gave it, not as its code.
    await expect(plan.getByRole('row', { name: /Runas pulciņš skolā/ })).toContainText('45 min');
    await expect(plan).not.toContainText('consultation.speechClub');
    const pageText = (await muni.locator('body').textContent()) ?? '';
    for (const note of [...Object.values(NOTES), 'Ilze Bērziņa', 'ČEKS-1012', SCHOOL_COORDINATOR.name, DIRECTOR.name]) expect(pageText).not.toContain(note);
    await checkScreen(muni, '13-imported-plans');

    // 10. Counts per school and measure kind.
    await nav(muni, 'Pārskats').click();
    await expect(muni.getByRole('heading', { level: 1, name: 'Pārskats pa skolām' })).toBeVisible();
    const transportCount = muni.getByTestId('counts-table').getByRole('row', { name: /Sabiedriskā transporta/ });
    await expect(transportCount).toContainText('12,50 €');
    await expect(muni.getByTestId('counts-table').getByRole('row', { name: /Runas pulciņš skolā/ })).toBeVisible();
    await expect(muni.getByTestId('counts-table')).not.toContainText('consultation.speechClub');
    await expect(muni.getByTestId('counts-table').locator('tfoot')).toContainText('12,50 €');
    await checkScreen(muni, '14-counts');
    const countsBefore = await invoke(muniBridge.url, 'muni:counts', {});
    const schoolsBefore = await invoke(muniBridge.url, 'muni:schools', {});

    // 11. The same file again: "already imported", harmless, nothing to do.
    await nav(muni, 'Importēt').click();
    await muniBridge.answerDialogs({ open: [[packagePath]] });
    await muni.getByRole('button', { name: 'Izvēlēties failus…' }).click();
    const again = muni.getByTestId('files-table').getByRole('row', { name: /madonas-vidusskola/ });
    await expect(again).toContainText('Jau importēta');
    await expect(muni.getByText('Šī pakotne jau ir importēta. Tā netiks ierakstīta vēlreiz, un nekas nemainīsies — tā nav kļūda.')).toBeVisible();
    await expect(muni.getByTestId('import-file').locator('.problem')).toHaveCount(0);
    await expect(muni.getByRole('button', { name: 'Importēt', exact: true })).toBeDisabled();
    await expect(muni.getByText('Nav ko importēt.')).toBeVisible();
    await checkScreen(muni, '15-import-already');
    expect(await invoke(muniBridge.url, 'muni:counts', {})).toEqual(countsBefore);
    expect(await invoke(muniBridge.url, 'muni:schools', {})).toEqual(schoolsBefore);

    // 12. A tampered copy (one byte flipped inside an encrypted data file) is refused.
    const tampered = Buffer.from(packageBytes);
    const at = tampered.indexOf('age-encryption.org/v1') + 30;
    expect(at).toBeGreaterThan(100);
    tampered[at] = (tampered[at] ?? 0) ^ 0xff;
    const tamperedPath = join(files, 'madonas-vidusskola-kopija.pumpurs');
    await writeFile(tamperedPath, tampered);
    await muni.getByRole('button', { name: 'Atcelt' }).click();
    await muniBridge.answerDialogs({ open: [[tamperedPath]] });
    await muni.getByRole('button', { name: 'Izvēlēties failus…' }).click();
    const refused = muni.getByTestId('files-table').getByRole('row', { name: /kopija/ });
    await expect(refused).toContainText('Atteikta');
    const problem = muni.getByTestId('import-file').locator('.problem');
    await expect(problem).toContainText('Pakotnes saturs neatbilst parakstītajam sarakstam: tā ir bojāta. Palūdziet to nosūtīt vēlreiz.');
    await expect(problem).toContainText('Neimportējiet šo failu.');
    await expect(problem).toContainText('Kods: INTEGRITY_MISMATCH');
    await expect(muni.getByRole('button', { name: 'Importēt', exact: true })).toBeDisabled();
    await checkScreen(muni, '16-import-refused');
    expect(await invoke(muniBridge.url, 'muni:counts', {})).toEqual(countsBefore);

    expect(schoolProblems).toEqual([]);
    expect(muniProblems).toEqual([]);
  } finally {
    await muniBridge.close();
    await rm(files, { recursive: true, force: true });
  }
});
