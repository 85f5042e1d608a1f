/**
 * benchStatistics: the state's dashboards at national scale. The analytic
 * model (migration 0011) of a state installation holds three school years
 * (six semesters) of synthetic national data: ~190,000 student-semesters,
 * ~60,000 plans, ~150,000 measures carrying ~1,000,000 deliveries (summed
 * per measure, as the model keeps them), risks present and evaluated.
 * Rows go straight into the model with prepared statements (the import
 * that fills it is benched by state-import). Every dashboard query runs
 * through the real AuthorityStatisticsService, protection included, and is
 * reported with its time and its ratio to one full scan of the
 * student-semester table in the same run. Goal: each under 100 ms and
 * under 10x the scan. PUMPURS_BENCH_STUDENTS=N runs smaller (said so).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { BREAKDOWNS } from '../src-shared/domain/statistics/report';
import { seededRandom as rng } from '../src-shared/domain/seeded-random';
import { ACTOR, movableClock } from '../src-main/services/exchange/testing/exchange-fixture';
import { stateInstallation } from '../src-main/services/exchange/testing/national-fixture';
import { fillEffectColumns, rebuildSummaries } from '../src-main/services/statistics/analytic-model';
import { ms, ratio, time, type BenchResult } from './measure';

const SEMESTERS = ['2023/24-1', '2023/24-2', '2024/25-1', '2024/25-2', '2025/26-1', '2025/26-2'];
const SENDERS = 43;
const SCHOOLS = 665;
const NATIONAL_STUDENT_SEMESTERS = 190_000;
const GROUPS = ['school', 'personal', 'family', 'economic'];
const KINDS = [
  ['consultation.psychologist', 'consultation'],
  ['consultation.teacher', 'consultation'],
  ['consultation.socialPedagogue', 'consultation'],
  ['compensation.publicTransport', 'compensation'],
  ['compensation.meals', 'compensation'],
  ['ngo.activity', 'ngo'],
] as const;
const OUTCOMES = ['continues', 'continues', 'continues', 'extendedYear', 'repeatsYear', 'movedSchool', 'leftEducation', 'graduated'];
const CHANGES = ['lessened', 'unchanged', 'increased'];

/** Fills the analytic model (and its summaries) of a state installation with `total` synthetic student-semesters. */
export function buildNationalModel(raw: Database.Database, total: number): { students: number; plans: number; measures: number; deliveries: number } {
  const r = rng(20261201);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const counts = { students: 0, plans: 0, measures: 0, deliveries: 0 };
  const org = raw.prepare(
    "INSERT INTO exchange_org (id, kind, name, role, enrolled_at, enrolled_by, updated_at) VALUES (?, 'municipality', ?, 'sender', 'x', 'bench', 'x')",
  );
  for (let k = 0; k < SENDERS; k++) org.run(`novads-${k + 1}`, `Novads ${k + 1}`);
  const student = raw.prepare('INSERT INTO stat_student VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)');
  const factor = raw.prepare('INSERT OR IGNORE INTO stat_factor VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const plan = raw.prepare(
    'INSERT INTO stat_plan (sender_id, period, school_id, plan_id, student_id, status, outcome, gender, education_level, grade_band, risk_groups) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const measure = raw.prepare('INSERT INTO stat_measure VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const measureRisk = raw.prepare('INSERT OR IGNORE INTO stat_measure_risk VALUES (?, ?, ?, ?)');
  const riskOutcome = raw.prepare(
    'INSERT OR IGNORE INTO stat_risk_outcome (sender_id, period, school_id, plan_id, factor_key, risk_group, change, grade_band) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const source = raw.prepare('INSERT INTO stat_source VALUES (?, ?, ?)');
  raw.transaction(() => {
    const perSemester = Math.floor(total / SEMESTERS.length);
    for (const period of SEMESTERS) {
      for (let k = 0; k < SENDERS; k++) source.run(`novads-${k + 1}`, period, 'x');
      for (let i = 0; i < perSemester; i++) {
        // Each school belongs to one municipality (its sender), as in the country: ~15 schools a municipality.
        const schoolIndex = i % SCHOOLS;
        const sender = `novads-${(schoolIndex % SENDERS) + 1}`;
        const school = String(4_000_000_000 + schoolIndex);
        const id = `s${i}`;
        const gender = i % 2 ? 'female' : 'male';
        const level = r() < 0.1 ? 'vocational' : 'general';
        const band = level === 'vocational' ? 'vocational' : pick(['1-4', '5-6', '7-9', '10-12']);
        const atRisk = r() < 0.45;
        const groups = atRisk ? [...new Set([pick(GROUPS), ...(r() < 0.4 ? [pick(GROUPS)] : [])])].sort() : [];
        student.run(sender, period, school, id, gender, level, band, atRisk ? 1 : 0, groups.join(','));
        counts.students++;
        for (const g of groups) factor.run(sender, period, school, id, `${g}.f${Math.floor(r() * 8)}`, g, gender, level, band);
        if (!atRisk || r() > 0.7) continue;
        const planId = `p${i}`;
        const outcome = pick(OUTCOMES);
        plan.run(sender, period, school, planId, id, pick(['active', 'approved', 'inactive']), outcome, gender, level, band, groups.join(','));
        counts.plans++;
        const risks = groups.map((g) => `${g}.f${Math.floor(r() * 8)}`);
        for (const f of risks) riskOutcome.run(sender, period, school, planId, f, f.split('.')[0]!, pick(CHANGES), band);
        const nMeasures = 2 + Math.floor(r() * 2);
        for (let m = 0; m < nMeasures; m++) {
          const [kind, category] = pick(KINDS);
          const deliveries = Math.floor(r() * 13);
          measure.run(
            sender,
            period,
            school,
            `${planId}m${m}`,
            planId,
            kind,
            category,
            category === 'consultation' ? 600 : 0,
            category === 'compensation' ? 5000 : 0,
            deliveries,
            category === 'consultation' ? deliveries * 45 : 0,
            category === 'compensation' ? deliveries * 400 : 0,
            null,
            null,
            gender,
            level,
            band,
          );
          counts.measures++;
          counts.deliveries += deliveries;
          if (risks.length > 0) measureRisk.run(sender, period, `${planId}m${m}`, pick(risks));
        }
      }
    }
    // What each import does for its (sender, period) after writing the rows: the effect columns.
    fillEffectColumns(raw);
  })();
  // And the summary counts (migration 0014) each import keeps for its (sender, period): here all at once.
  rebuildSummaries(raw);
  raw.exec('ANALYZE');
  return counts;
}

export async function benchStatistics(): Promise<BenchResult> {
  const requested = Number(process.env.PUMPURS_BENCH_STUDENTS ?? NATIONAL_STUDENT_SEMESTERS);
  const total = Number.isInteger(requested) && requested >= 6_000 ? Math.min(requested, NATIONAL_STUDENT_SEMESTERS) : NATIONAL_STUDENT_SEMESTERS;
  const state = await stateInstallation(movableClock('2026-02-10T10:00:00.000Z'));
  try {
    const raw = state.raw;
    let counts = { students: 0, plans: 0, measures: 0, deliveries: 0 };
    const made = await time(1, () => {
      counts = buildNationalModel(raw, total);
    });
    const stats = state.app.services.authorityStatistics;
    const scan = await time(5, () => raw.prepare('SELECT sum(at_risk + screened + length(risk_groups)) FROM stat_student').get());
    const semester = SEMESTERS[SEMESTERS.length - 1]!;
    const queries: Array<[string, () => Promise<unknown>]> = [
      ...BREAKDOWNS.map((b) => [`overview, by ${b}`, () => stats.overview(ACTOR, { semesterId: semester, breakdown: b })] as [string, () => Promise<unknown>]),
      ['overview, one municipality (its schools)', () => stats.overview(ACTOR, { semesterId: semester, breakdown: 'gradeBand', senderId: 'novads-7' })],
      ['trends, six semesters', () => stats.trends(ACTOR, {})],
      ['effectiveness, one semester', () => stats.effectiveness(ACTOR, { semesterIds: [semester] })],
      ['effectiveness, all semesters', () => stats.effectiveness(ACTOR, { semesterIds: [] })],
    ];
    const lines = [
      `model: ${counts.students} student-semesters, ${counts.plans} plans, ${counts.measures} measures carrying ${counts.deliveries} deliveries (made in ${ms(made.medianMs)}, not counted)`,
      `full scan of the student-semester table: ${ms(scan.medianMs)} (median of 5)`,
    ];
    for (const [name, run] of queries) {
      const t = await time(3, run);
      const goal = t.medianMs < 100 && t.medianMs < 10 * scan.medianMs ? 'meets the goal' : 'MISSES the goal (100 ms, 10x scan)';
      lines.push(`${name.padEnd(42)} ${ms(t.medianMs).padStart(10)}  ${ratio(t.medianMs, scan.medianMs).padStart(8)} the scan  ${goal}`);
    }
    const scaleNote = total === NATIONAL_STUDENT_SEMESTERS ? 'national scale' : `scaled down to ${total} student-semesters (PUMPURS_BENCH_STUDENTS)`;
    return { name: `state statistics dashboards over three school years (${scaleNote})`, lines };
  } finally {
    await state.close();
  }
}
