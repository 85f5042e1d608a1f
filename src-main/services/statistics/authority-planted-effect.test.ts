/**
 * The planted-effect recovery at municipality and state level, over real
 * imports: two demo schools plant +20 points on the chance that a risk
 * addressed by a delivered psychologist's consultation lessens (nothing for
 * the social pedagogue), export every ended semester to their municipality
 * (which forwards to the state), and the authorities' effect estimates
 * (AuthorityStatisticsService over the analytic model filled at import)
 * must recover it: the 95% interval covers +20 and excludes zero for the
 * planted kind, and covers zero for the other. Enough evaluated plans: two
 * schools of 1 500 students over two ended semesters each (about as many as
 * the school-level test's one school of 3 000). Fixed seeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatEffectiveness } from '../../../src-shared/domain/statistics/report';
import { generateDemoData } from '../demo-data/demo-data';
import { programmeIndicators } from './programme-indicators';
import { ACTOR, link, movableClock, openInstallation, RESOURCES_DIR, type Installation } from '../exchange/testing/exchange-fixture';
import { municipalityNamed, stateInstallation, tmpFile } from '../exchange/testing/national-fixture';
import { loadRiskCatalogue } from '../school/risk-catalogue-service';

const TODAY = '2026-11-28';
const ENDED = ['2025/26-1', '2025/26-2'];
const PLANTED = 'consultation.psychologist';
const NOT_PLANTED = 'consultation.socialPedagogue';
const clock = movableClock(`${TODAY}T10:00:00.000Z`);
const installations: Installation[] = [];
let muni: Installation;
let schools: Installation[] = [];
let state: Installation;

async function plantedSchool(regNo: string, name: string, seed: number): Promise<Installation> {
  const school = await openInstallation(clock, 'pumpurs-school-');
  installations.push(school);
  await school.app.services.setUp.setUp(
    { profile: { name, regNo, municipality: 'Madonas novads', schoolType: 'general' } },
    { by: ACTOR, requireNoProfile: true },
  );
  await school.app.services.exchange.keys.ensure();
  await generateDemoData(school.app.database.db, {
    students: 1500,
    today: TODAY,
    seed,
    riskCatalogue: await loadRiskCatalogue(RESOURCES_DIR),
    plantedEffects: { [PLANTED]: { riskLessenedPoints: 20 } },
  });
  return school;
}

async function send(from: Installation, to: Installation, semesterId: string): Promise<void> {
  const file = tmpFile(from, `${semesterId.replace('/', '-')}.pumpurs`);
  await from.app.services.exchange.exporter.export(ACTOR, { path: file, semesterId });
  expect((await to.app.services.exchange.importer.commit(ACTOR, [file])).files[0]?.status).toBe('imported');
}

beforeAll(async () => {
  schools = [await plantedSchool('4313900456', 'Madonas pilsētas vidusskola', 21), await plantedSchool('4313900789', 'Lubānas vidusskola', 22)];
  muni = await municipalityNamed(clock, 'Madonas novads');
  state = await stateInstallation(clock);
  installations.push(muni, state);
  for (const school of schools) {
    await link(school, muni);
    for (const semester of ENDED) await send(school, muni, semester);
  }
  await link(muni, state);
  for (const semester of ENDED) await send(muni, state, semester);
}, 900_000);
afterAll(async () => {
  for (const i of installations) await i.close();
});

function estimate(e: StatEffectiveness, kind: string) {
  const k = e.kinds.find((x) => x.kindCode === kind);
  if (!k) throw new Error(`no estimate row for ${kind}`);
  return k.risksLessened;
}

describe('planted effect recovered at the municipality and the state', () => {
  for (const level of ['municipality', 'state'] as const) {
    it(`${level}: the interval covers +20 points for the planted kind and excludes zero; covers zero for the other`, async () => {
      const inst = level === 'municipality' ? muni : state;
      const e = await inst.app.services.authorityStatistics.effectiveness(ACTOR, { semesterIds: [] });
      const planted = estimate(e, PLANTED);
      const none = estimate(e, NOT_PLANTED);
      console.log(level, JSON.stringify(planted), JSON.stringify(none));
      if (planted.kind !== 'estimate') throw new Error(`not enough data for ${PLANTED}: ${JSON.stringify(planted)}`);
      expect(planted.lower).toBeLessThanOrEqual(0.2);
      expect(planted.upper).toBeGreaterThanOrEqual(0.2);
      expect(planted.lower).toBeGreaterThan(0);
      if (none.kind !== 'estimate') throw new Error(`not enough data for ${NOT_PLANTED}: ${JSON.stringify(none)}`);
      expect(none.lower).toBeLessThanOrEqual(0);
      expect(none.upper).toBeGreaterThanOrEqual(0);
    }, 300_000);
  }

  it('the estimates use what was imported: both ended semesters from both schools', async () => {
    const semesters = await state.app.services.authorityStatistics.semesters(ACTOR);
    expect(semesters).toEqual(expect.arrayContaining(ENDED));
    const plans = (muni.raw.prepare('SELECT count(*) AS n FROM stat_plan').get() as { n: number }).n;
    expect(plans).toBeGreaterThan(200);
  });
});

describe('programme indicators over the same imports', () => {
  it('count each supported student once, as the schools themselves would, with the schools and the municipality taking part', async () => {
    // The schools' own count: students whose plan in the period had a delivery.
    let expected = 0;
    for (const school of schools) {
      const row = school.raw
        .prepare(
          `SELECT count(DISTINCT p.student_id) AS n FROM plan p WHERE p.semester_id IN (${ENDED.map(() => '?').join(',')})
             AND EXISTS (SELECT 1 FROM measure m JOIN delivery d ON d.measure_id = m.id WHERE m.plan_id = p.id)`,
        )
        .get(...ENDED) as { n: number };
      expected += row.n;
    }
    expect(expected).toBeGreaterThan(50);
    for (const inst of [muni, state]) {
      const p = await programmeIndicators(inst.app.database.db, inst.app.services.authorityStatistics, ACTOR, { semesterIds: [] });
      expect(p.semesterIds).toEqual(ENDED);
      expect(p.students.total).toBe(expected);
      expect(p.schools).toBe(2);
      expect(p.municipalities).toBe(1);
      expect(p.measuresDelivered).toBeGreaterThan(0);
      expect(p.compensationDeliveredCents).toBeGreaterThan(0);
      // Protected: no count from 1 to 4 leaves, and the shown cells add up to the totals they sit under.
      const counts = [...p.students.cells.flat(), ...p.students.levelTotals, ...p.students.genderTotals, p.students.total];
      expect(counts.filter((v) => v !== null && v > 0 && v < p.threshold)).toEqual([]);
      p.students.cells.forEach((row, i) => {
        if (row.every((v) => v !== null) && p.students.levelTotals[i] !== null) expect(row.reduce((a, v) => a + (v ?? 0), 0)).toBe(p.students.levelTotals[i]);
      });
    }
    // One semester only: fewer or as many students.
    const one = await programmeIndicators(muni.app.database.db, muni.app.services.authorityStatistics, ACTOR, { semesterIds: [ENDED[0]!] });
    expect(one.semesterIds).toEqual([ENDED[0]]);
    expect(one.students.total ?? 0).toBeLessThanOrEqual(expected);
    expect(one.students.total ?? 0).toBeGreaterThan(0);
  }, 300_000);
});
