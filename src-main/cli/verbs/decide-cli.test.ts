/**
 * The decisions round trip by the CLI (issue 9), on two data folders: a
 * school with demo data and its municipality, linked by key cards. Two plans
 * with compensations are written through the services (the CLI has no plan
 * editor); everything that travels goes by the CLI: export, import, decide
 * (approve with a smaller amount; return with a comment), export --to,
 * import at the school, plans list --json; then the revision, export --all,
 * and the payment (pay) the school sees.
 */
import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../ports/clock';
import { openAppAt } from '../../services/exchange/testing/exchange-fixture';
import { approvedPlanWithCompensation, authorOf, directorOf, freeStudents, SEMESTER } from '../../services/decisions/testing/decision-fixture';
import { useCliSession } from '../testing/cli-session';

let at = new Date('2026-02-10T10:00:00.000Z').getTime();
const clock: Clock = { now: () => new Date(at) };
const later = (hours: number) => void (at += hours * 3_600_000);

const { out, err, run, json, file } = useCliSession('pumpurs-decide-cli-', clock);
let schoolDir: string;
let muniDir: string;

/** The school's app, opened for what the CLI cannot do (writing plans), then closed again. */
async function withSchool<T>(
  fn: (school: { app: Awaited<ReturnType<typeof openAppAt>>; raw: Awaited<ReturnType<typeof openAppAt>>['database']['raw'] }) => Promise<T>,
): Promise<T> {
  const app = await openAppAt(clock, schoolDir);
  try {
    return await fn({ app, raw: app.database.raw });
  } finally {
    await app.close();
  }
}

beforeAll(() => {
  schoolDir = file('school');
  muniDir = file('municipality');
});

type PlanRow = {
  code: string;
  status: string;
  authorityState: string | null;
  decision: { outcome: string; comment: string } | null;
  measures: { kindCode: string; approvedCents: number | null; paidCents: number }[];
};

describe('pumpurs decide, export --to/--all, import at a school, plans list', () => {
  let one: string;
  let two: string;

  it('sets up and links a school and its municipality', async () => {
    expect(
      await run('init', '--data-dir', schoolDir, '--name', 'Madonas pilsētas vidusskola', '--code', '4313900456', '--municipality', 'Madonas novads'),
    ).toBe(0);
    expect(await run('demo-data', '--data-dir', schoolDir, '--students', '40', '--today', '2026-02-10')).toBe(0);
    expect(await run('init', '--data-dir', muniDir, '--mode', 'municipality', '--municipality', 'Madonas novads')).toBe(0);
    expect(await run('keys', 'export', '--data-dir', schoolDir, '--out', file('school.card.json'), '--json')).toBe(0);
    const schoolPrint = (json().fingerprint as { digits: string }).digits;
    expect(await run('keys', 'export', '--data-dir', muniDir, '--out', file('muni.card.json'), '--json')).toBe(0);
    const muniPrint = (json().fingerprint as { digits: string }).digits;
    expect(await run('enrol', '--data-dir', muniDir, file('school.card.json'), '--fingerprint', schoolPrint)).toBe(0);
    expect(await run('trust', '--data-dir', schoolDir, file('muni.card.json'), '--fingerprint', muniPrint)).toBe(0);
    // The municipality's first package carries its settings (which plans need approval) to every school.
    await mkdir(file('first'));
    expect(await run('export', '--data-dir', muniDir, '--all', '--period', SEMESTER, '--out', file('first'), '--json')).toBe(0);
    const first = json().packages as { path: string; seq: number }[];
    expect(first.map((p) => p.seq)).toEqual([1]);
    expect(await run('import', '--data-dir', schoolDir, first[0]?.path as string)).toBe(0);
  });

  it('two plans with compensations wait for the municipality', async () => {
    [one, two] = await withSchool(async (school) => {
      const [a, b] = freeStudents(school, 2);
      return [(await approvedPlanWithCompensation(school, a as string, 5000)).code, (await approvedPlanWithCompensation(school, b as string, 8000)).code];
    });
    expect(await run('plans', 'list', '--data-dir', schoolDir, '--status', 'waiting', '--json')).toBe(0);
    expect((json().plans as PlanRow[]).map((p) => p.code).sort()).toEqual([one, two].sort());
  });

  it('the municipality approves one with a smaller amount and returns the other', async () => {
    later(1);
    expect(await run('export', '--data-dir', schoolDir, '--period', SEMESTER, '--out', file('report-1.pumpurs'))).toBe(0);
    expect(await run('import', '--data-dir', muniDir, file('report-1.pumpurs'))).toBe(0);
    later(1);
    // Usage errors: no choice, a return without a comment, a malformed amount.
    expect(await run('decide', '--data-dir', muniDir, one, '--period', SEMESTER)).toBe(2);
    expect(await run('decide', '--data-dir', muniDir, one, '--approve', '--amount', 'x', '--period', SEMESTER)).toBe(2);
    expect(await run('decide', '--data-dir', muniDir, two, '--return', '--period', SEMESTER)).toBe(1);
    expect(await run('decide', '--data-dir', muniDir, 'NO-SUCH-PLAN', '--approve', '--period', SEMESTER)).toBe(1);
    // Measure 1 is the transport, 2 the consultation (same start day, so by kind code).
    expect(
      await run('decide', '--data-dir', muniDir, one, '--approve', '--amount', '1=30', '--period', SEMESTER, '--json'),
      out.join('\n') + err.join('\n'),
    ).toBe(0);
    expect(json()).toMatchObject({ ok: true, decision: { planCode: one, outcome: 'approved' } });
    expect(await run('decide', '--data-dir', muniDir, two, '--return', '--comment', 'Lūdzu pamatot summu', '--period', SEMESTER)).toBe(0);
    expect(out[0]).toBe(`Plan ${two} (4313900456) returned for changes.`);
    expect(await run('decide', '--data-dir', muniDir, one, '--approve', '--period', SEMESTER)).toBe(1);
    later(1);
    expect(await run('export', '--data-dir', muniDir, '--to', '4313900456', '--period', SEMESTER, '--out', file('decisions-1.pumpurs'), '--json')).toBe(0);
    expect(json()).toMatchObject({ ok: true, packages: [{ schoolId: '4313900456', seq: 2, counts: { decisions: 2 } }] });
  });

  it('the school imports the decisions and sees both', async () => {
    later(1);
    expect(await run('import', '--data-dir', schoolDir, file('decisions-1.pumpurs'), '--json')).toBe(0);
    expect(json()).toMatchObject({ ok: true, files: [{ status: 'imported', sender: { id: 'madonas-novads' } }] });
    expect(await run('import', '--data-dir', schoolDir, file('decisions-1.pumpurs'))).toBe(0);
    expect(await run('plans', 'list', '--data-dir', schoolDir, '--json')).toBe(0);
    const plans = json().plans as PlanRow[];
    const first = plans.find((p) => p.code === one);
    const second = plans.find((p) => p.code === two);
    expect(first).toMatchObject({ status: 'approved', authorityState: 'approved', decision: { outcome: 'approved' } });
    expect(first?.measures.find((m) => m.kindCode === 'compensation.publicTransport')?.approvedCents).toBe(3000);
    expect(second).toMatchObject({ status: 'draft', authorityState: 'returned', decision: { outcome: 'returned', comment: 'Lūdzu pamatot summu' } });
  });

  it('revised and sent again, it is approved and paid, and the school sees it paid', async () => {
    later(1);
    await withSchool(async (school) => {
      const plans = school.app.services.supportPlans.plans;
      const id = (school.raw.prepare('SELECT id FROM plan WHERE code = ?').get(two) as { id: string }).id;
      let plan = await plans.get(authorOf(school), id);
      plan = await plans.update(authorOf(school), {
        planId: plan.id,
        version: plan.version,
        goals: 'Mazināt kavējumus',
        consent: { by: 'Māte', relation: 'mother', on: '2026-02-02' },
        measures: plan.measures.map((m) => ({ ...m, plannedCents: m.kindCode.startsWith('compensation') ? 6000 : m.plannedCents })),
      });
      plan = await plans.transition(authorOf(school), { planId: plan.id, version: plan.version, action: 'submit' });
      await plans.transition(directorOf(school), { planId: plan.id, version: plan.version, action: 'approve' });
    });
    later(1);
    expect(await run('export', '--data-dir', schoolDir, '--period', SEMESTER, '--out', file('report-2.pumpurs'))).toBe(0);
    expect(await run('import', '--data-dir', muniDir, file('report-2.pumpurs'))).toBe(0);
    later(1);
    expect(await run('decide', '--data-dir', muniDir, two, '--approve', '--period', SEMESTER, '--json')).toBe(0);
    // The payment by `pumpurs pay`, measure 1 (the transport): bad arguments are usage errors; more than approved is refused.
    expect(
      await run(
        'pay',
        '--data-dir',
        muniDir,
        two,
        '--measure',
        '1',
        '--amount',
        '60',
        '--date',
        '2026-02-12',
        '--payee',
        'uncle',
        '--reference',
        'MK-17',
        '--period',
        SEMESTER,
      ),
    ).toBe(2);
    expect(
      await run(
        'pay',
        '--data-dir',
        muniDir,
        two,
        '--measure',
        '1',
        '--amount',
        'sixty',
        '--date',
        '2026-02-12',
        '--payee',
        'guardian',
        '--reference',
        'MK-17',
        '--period',
        SEMESTER,
      ),
    ).toBe(2);
    expect(
      await run(
        'pay',
        '--data-dir',
        muniDir,
        two,
        '--measure',
        '1',
        '--amount',
        '60,01',
        '--date',
        '2026-02-12',
        '--payee',
        'guardian',
        '--reference',
        'MK-17',
        '--period',
        SEMESTER,
      ),
    ).toBe(1);
    expect(
      await run(
        'pay',
        '--data-dir',
        muniDir,
        two,
        '--measure',
        '9',
        '--amount',
        '60',
        '--date',
        '2026-02-12',
        '--payee',
        'guardian',
        '--reference',
        'MK-17',
        '--period',
        SEMESTER,
      ),
    ).toBe(1);
    expect(
      await run(
        'pay',
        '--data-dir',
        muniDir,
        two,
        '--measure',
        '1',
        '--amount',
        '60',
        '--date',
        '2026-02-12',
        '--payee',
        'guardian',
        '--reference',
        'MK-17',
        '--period',
        SEMESTER,
        '--json',
      ),
    ).toBe(0);
    expect(json()).toMatchObject({ ok: true, payment: { planCode: two, kindCode: 'compensation.publicTransport', cents: 6000, payee: 'guardian' } });
    later(1);
    await mkdir(file('outbox'));
    expect(await run('export', '--data-dir', muniDir, '--all', '--period', SEMESTER, '--out', file('outbox'), '--json')).toBe(0);
    const packages = json().packages as { path: string; seq: number }[];
    expect(packages).toHaveLength(1);
    expect(packages[0]?.seq).toBe(3);
    // Nothing new since: --all writes nothing.
    expect(await run('export', '--data-dir', muniDir, '--all', '--period', SEMESTER, '--out', file('outbox'), '--json')).toBe(0);
    expect(json().packages).toEqual([]);
    later(1);
    expect(await run('import', '--data-dir', schoolDir, packages[0]?.path as string)).toBe(0);
    expect(await run('plans', 'list', '--data-dir', schoolDir, '--json')).toBe(0);
    const paid = (json().plans as PlanRow[]).find((p) => p.code === two);
    expect(paid).toMatchObject({ status: 'approved', authorityState: 'approved' });
    expect(paid?.measures.find((m) => m.kindCode === 'compensation.publicTransport')).toMatchObject({ approvedCents: 6000, paidCents: 6000 });
    expect(await run('plans', 'list', '--data-dir', schoolDir)).toBe(0);
    expect(out.find((l) => l.startsWith(`${two}:`))).toContain('approved by the municipality; approved 60,00\u00a0€, paid 60,00\u00a0€');
  });
});
