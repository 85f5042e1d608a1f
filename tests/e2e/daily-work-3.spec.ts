/**
 * The daily work without friction (issue 16), items the earlier daily-work
 * specs do not cover: a plan closed at semester end is named "closed" and its
 * print carries its results (9); periods look alike everywhere, and the
 * municipality overview reads as hours (18); Settings → measure kinds shows
 * whole names with aligned checkboxes (17). At 1366×768; screenshots:
 * test-results/screens/daily3-*.png.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { expect, startBridge, test } from './fixtures';
import { saveScreenshot } from './screens';
import { pumpurs } from './cli-fixture';
import { addStudents, COORDINATOR, invoke, screen, SEMESTER, setUpSchool } from './seed';

test.use({ viewport: { width: 1366, height: 768 } });

async function checkScreen(page: Page, name: string) {
  await expectNoSeriousA11yIssues(page, name);
  await saveScreenshot(page, `daily3-${name}`);
}

test.describe.serial('a plan at its end', () => {
  let school: Awaited<ReturnType<typeof startBridge>>;
  const PASSWORD = 'skolas darbs 2025 rudenī';
  const psychologist = {
    username: 'peteris.zarins',
    displayName: 'Pēteris Zariņš',
    roles: ['planAuthor', 'specialist'] as const,
    specialistKind: 'psychologist' as const,
  };
  const director = { username: 'dace.liepa', displayName: 'Dace Liepa', roles: ['director'] as const, specialistKind: null };

  test.beforeAll(async () => {
    // A new bridge's first start (database key, exchange keys, set-up) is slow on a busy machine.
    test.setTimeout(180_000);
    school = await startBridge({ today: '2025-12-19' });
    await setUpSchool(school.url);
  });
  test.afterAll(async () => {
    await school?.close();
  });

  test('item 9: a plan closed with its results is "closed", and its print shows what was delivered and what came of it', async ({ page }) => {
    const [student] = await addStudents(school.url, 1);
    await invoke(school.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
    const psychologistId = (await invoke(school.url, 'staff:create', { ...psychologist, roles: [...psychologist.roles], password: PASSWORD })).id;
    await invoke(school.url, 'staff:create', { ...director, roles: [...director.roles], password: PASSWORD });
    await screen(school.url, student!.id, ['school.absences']);
    const draft = await invoke(school.url, 'plans:create', { studentId: student!.id, semesterId: SEMESTER, goals: 'Apmeklēt skolu katru dienu.' });
    let plan = await invoke(school.url, 'plans:update', {
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
    plan = await invoke(school.url, 'plans:transition', { planId: plan.id, version: plan.version, action: 'submit' });
    await invoke(school.url, 'auth:signIn', { username: director.username, password: PASSWORD });
    plan = await invoke(school.url, 'plans:transition', { planId: plan.id, version: plan.version, action: 'approve' });
    await invoke(school.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
    plan = await invoke(school.url, 'plans:transition', { planId: plan.id, version: plan.version, action: 'start' });
    await invoke(school.url, 'deliveries:add', {
      measureId: plan.measures[0]!.id,
      deliveredOn: '2025-11-05',
      specialistId: psychologistId,
      minutes: 45,
      studentConfirmed: true,
    });
    const view = await invoke(school.url, 'semesterEnd:get', { planId: plan.id });
    const saved = await invoke(school.url, 'semesterEnd:save', {
      planId: plan.id,
      version: view.version,
      measures: view.measures.map((m) => ({ measureId: m.measureId, delivered: 'partial' as const })),
      risks: view.risks.map((r) => ({ riskFactorId: r.riskFactorId, change: 'lessened' as const })),
      studentOutcome: 'continues',
      note: 'Kavējumu mazāk.',
    });
    await invoke(school.url, 'semesterEnd:close', { planId: plan.id, version: saved.version });

    // The plan's page names it closed, not "Neaktīvs" like a deactivated plan.
    await page.goto(`${school.url}/#/plans/${plan.id}`);
    await expect(page.locator('.badge-inactive').first()).toHaveText('Noslēgts');
    await expect(page.getByText('Neaktīvs')).toHaveCount(0);

    // The print: status closed (with when), and the results: delivered against planned, how it went, the risk's change, the outcome.
    await page.goto(`${school.url}/#/plans/${plan.id}/print`);
    const doc = page.getByTestId('print-document');
    await expect(doc).toBeVisible();
    await expect(doc.locator('.print-facts')).toContainText('Noslēgts (apstiprināts');
    await expect(doc.locator('.print-facts')).toContainText('noslēgts 19.12.2025');
    await expect(doc).not.toContainText('Neaktīvs');
    // Item 18: every period is "dd.mm.yyyy – dd.mm.yyyy".
    await expect(doc.locator('.print-facts')).toContainText('(01.09.2025 – 19.12.2025)');
    await expect(doc.locator('.print-table').first()).toContainText('01.10.2025 – 19.12.2025');
    const results = page.getByTestId('print-results');
    await expect(results.getByRole('heading', { name: 'Rezultāti semestra beigās' })).toBeVisible();
    const row = results.locator('tbody tr').first();
    await expect(row).toContainText('120 min');
    await expect(row).toContainText('45 min');
    await expect(row).toContainText('Daļēji');
    await expect(results).toContainText('Mazinājās');
    await expect(results).toContainText('Skolēna turpmākās gaitas: Turpina mācības');
    await expect(results).toContainText('Kavējumu mazāk.');
    await checkScreen(page, '01-print-closed-plan');
  });

  test('item 17: Settings → measure kinds at 1366×768 shows whole names, and the "in use" checkboxes line up across the three tables', async ({ page }) => {
    await page.goto(`${school.url}/#/settings`);
    const sections = page.getByRole('navigation', { name: 'Iestatījumu sadaļas' });
    await sections.getByRole('link', { name: 'Atbalsta pasākumi' }).click();
    const tables = page.locator('section[aria-labelledby="settings-measures"] table');
    await expect(tables).toHaveCount(3);
    // Every name field holds its whole text (no horizontal overflow).
    const cut = await page
      .locator('section[aria-labelledby="settings-measures"] table tbody td:nth-child(-n+2) input')
      .evaluateAll((inputs) => (inputs as HTMLInputElement[]).filter((i) => i.scrollWidth > i.clientWidth + 1).map((i) => i.value));
    expect(cut).toEqual([]);
    // All checkboxes stand in one column.
    const xs = await page
      .locator('section[aria-labelledby="settings-measures"] table input[type="checkbox"]')
      .evaluateAll((boxes) => boxes.map((b) => Math.round(b.getBoundingClientRect().left)));
    expect(xs.length).toBeGreaterThan(5);
    expect(new Set(xs).size).toBe(1);
    await checkScreen(page, '03-settings-measure-kinds');
  });

  test('item 17: in the plan editor at 1366×768 the measure kind select shows the longest kind whole', async ({ page }) => {
    const [student] = await addStudents(school.url, 1, 1);
    await invoke(school.url, 'auth:signIn', { username: COORDINATOR.username, password: COORDINATOR.password });
    await screen(school.url, student!.id, ['school.absences']);
    const draft = await invoke(school.url, 'plans:create', { studentId: student!.id, semesterId: SEMESTER, goals: 'Apmeklēt skolu.' });
    await invoke(school.url, 'plans:update', {
      planId: draft.id,
      version: draft.version,
      goals: draft.goals,
      consent: null,
      measures: [
        {
          kindCode: 'consultation.specialEducationTeacher',
          plannedMinutes: 60,
          responsibleId: null,
          startsOn: '2025-10-01',
          endsOn: '2025-12-19',
          justification: 'x',
          riskFactorIds: ['school.absences'],
        },
      ],
    });
    await page.goto(`${school.url}/#/plans/${draft.id}`);
    const select = page.getByTestId('measure-0').getByLabel('Pasākuma veids');
    await expect(select).toBeVisible();
    // The chosen option's text, measured in the select's own font, fits inside it (with room for the arrow).
    const fit = await select.evaluate((el) => {
      const s = el as HTMLSelectElement;
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = getComputedStyle(s).font;
      return { text: ctx.measureText(s.selectedOptions[0]!.text).width, room: s.clientWidth - 36 };
    });
    expect(fit.text).toBeLessThanOrEqual(fit.room);
    await checkScreen(page, '04-plan-editor-measure');
  });
});

test.describe('the municipality overview (item 18)', () => {
  const MUNI = { username: 'ilze.kalnina', displayName: 'Ilze Kalniņa', password: 'novada dati 2025 droši' };
  const TODAY = '2025-12-10';

  test('hours with a decimal comma and grouped thousands, a subtotal that reads as a total, kinds by group and name', async ({ page }) => {
    // Nine CLI runs: a few seconds each on an idle PC, much more on a busy machine.
    test.setTimeout(420_000);
    const work = await mkdtemp(join(tmpdir(), 'pumpurs-daily3-'));
    const school = join(work, 'school');
    const muniDir = join(work, 'muni');
    let muni: Awaited<ReturnType<typeof startBridge>> | undefined;
    try {
      await writeFile(join(work, 'pw'), `${MUNI.password}\n`);
      await pumpurs('init', '--data-dir', school, '--name', 'Madonas pilsētas vidusskola', '--code', '4313900456', '--municipality', 'Madonas novads');
      await pumpurs('demo-data', '--data-dir', school, '--students', '150', '--today', TODAY);
      await pumpurs(
        'init',
        '--data-dir',
        muniDir,
        '--mode',
        'municipality',
        '--municipality',
        'Madonas novads',
        '--admin-user',
        MUNI.username,
        '--admin-name',
        MUNI.displayName,
        '--admin-password-file',
        join(work, 'pw'),
      );
      const schoolCard = JSON.parse(await pumpurs('keys', 'export', '--data-dir', school, '--out', join(work, 'school.card.json'), '--json')) as {
        fingerprint: { digits: string };
      };
      await pumpurs('enrol', '--data-dir', muniDir, join(work, 'school.card.json'), '--fingerprint', schoolCard.fingerprint.digits);
      const muniCard = JSON.parse(await pumpurs('keys', 'export', '--data-dir', muniDir, '--out', join(work, 'muni.card.json'), '--json')) as {
        fingerprint: { hex: string };
      };
      await pumpurs('trust', '--data-dir', school, join(work, 'muni.card.json'), '--fingerprint', muniCard.fingerprint.hex);
      await pumpurs('export', '--data-dir', school, '--period', '2025/26-1', '--out', join(work, 'report.pumpurs'));
      await pumpurs('import', '--data-dir', muniDir, join(work, 'report.pumpurs'));
      muni = await startBridge({ today: TODAY, dataDir: muniDir });
      await invoke(muni.url, 'auth:signIn', { username: MUNI.username, password: MUNI.password });

      await page.goto(`${muni.url}/#/counts`);
      const table = page.getByTestId('counts-table');
      await expect(table).toBeVisible();
      await expect(table.getByRole('columnheader', { name: 'Stundas' })).toBeVisible();
      const hoursAt = 6;
      const body = table.locator('tbody tr:not(.subtotal)');
      const count = await body.count();
      expect(count).toBeGreaterThan(2);
      const kinds: { group: string; name: string }[] = [];
      let sawHours = false;
      for (let i = 0; i < count; i++) {
        const cells = body.nth(i).locator('td');
        const hours = (await cells.nth(hoursAt - 1).textContent())!.trim();
        // "1 091,8" (non-breaking space between thousands), never raw minutes like "65505".
        expect(hours).toMatch(/^(—|\d{1,3}(\u00a0\d{3})*,\d)$/);
        if (hours !== '—') sawHours = true;
        kinds.push({ name: (await cells.nth(0).textContent())!.trim(), group: (await cells.nth(1).textContent())!.trim() });
      }
      expect(sawHours).toBe(true);
      // Kinds by group (consultations, compensations, projects), then by name in Latvian order.
      const groups = ['Konsultācijas', 'Kompensācijas', 'Jauniešu NVO iniciatīvu projekti'];
      const sorted = [...kinds].sort((a, b) => groups.indexOf(a.group) - groups.indexOf(b.group) || a.name.localeCompare(b.name, 'lv'));
      expect(kinds).toEqual(sorted);
      // The school's subtotal reads as a total (bold, in the text colour), not greyed out as if disabled.
      const subtotal = table.locator('tr.subtotal td').first();
      await expect(subtotal).toHaveText('Skolā kopā');
      const look = await subtotal.evaluate((el) => ({ weight: getComputedStyle(el).fontWeight, color: getComputedStyle(el).color }));
      expect(Number(look.weight)).toBeGreaterThanOrEqual(600);
      expect(look.color).toBe('rgb(27, 31, 36)');
      await checkScreen(page, '02-municipality-overview');
    } finally {
      await muni?.close();
      await rm(work, { recursive: true, force: true });
    }
  });
});
