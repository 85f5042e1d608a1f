import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePersonalCode } from '../../../src-shared/domain/personal-code';
import { historyIsConsistent, type PlanStatus } from '../../../src-shared/domain/plan-lifecycle';
import { submissionProblems } from '../../../src-shared/domain/plan-readiness';
import type { RiskCatalogueFile } from '../../../src-shared/domain/risk-catalogue';
import type { OpenedDatabase } from '../../db/connection';
import { makeTempDir, openTempDatabase } from '../../db/testing/temp-db';
import { fixedClock } from '../../ports/clock';
import { generateDemoData, type DemoDataSummary } from './demo-data';
import { SURNAMES } from './latvian-names';
import { PlanService } from '../plans/plan-service';
import { loadRiskCatalogue } from '../school/risk-catalogue-service';
import { SemesterEndService } from '../plans/semester-end-service';
import { useTempDatabase } from '../../db/testing/use-temp-database';

const TODAY = '2025-11-28';
let catalogue: RiskCatalogueFile;
let database: OpenedDatabase;
let summary: DemoDataSummary;
beforeAll(async () => {
  catalogue = await loadRiskCatalogue(join(import.meta.dirname, '..', '..', '..', 'resources'));
});
useTempDatabase('test', async (opened) => {
  database = opened;
  summary = await generateDemoData(database.db, { students: 400, seed: 7, today: TODAY, riskCatalogue: catalogue });
});

const coordinator = { userId: 'x', name: 'x', roles: ['coordinator' as const] };

describe('demo data', () => {
  it('makes the students asked for, about 15% at risk, over the last two school years', async () => {
    expect(summary.students).toBe(400);
    expect(summary.atRisk / 400).toBeGreaterThan(0.08);
    expect(summary.atRisk / 400).toBeLessThan(0.25);
    expect(summary.semesters).toEqual(['2024/25-1', '2024/25-2', '2025/26-1']);
    expect(summary.plans).toBeGreaterThan(summary.atRisk);
    expect(summary.deliveries).toBeGreaterThan(summary.plans);
    const grades = await database.db.selectFrom('student').select('grade').distinct().execute();
    expect(grades.map((g) => g.grade).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(Object.keys(summary.plansByStatus).sort()).toEqual(expect.arrayContaining(['active', 'inactive', 'draft']));
  });

  it('gives Latvian names with surnames in the right gender, and valid personal codes', async () => {
    const students = await database.db.selectFrom('student').select(['first_name', 'last_name', 'gender', 'personal_code', 'birth_date']).execute();
    const male = new Set(SURNAMES.map(([m]) => m));
    const female = new Set(SURNAMES.map(([, f]) => f));
    for (const s of students) expect((s.gender === 'male' ? male : female).has(s.last_name), `${s.first_name} ${s.last_name}`).toBe(true);
    let newForm = 0;
    for (const s of students) {
      const parsed = parsePersonalCode(s.personal_code);
      if (!parsed.ok) throw new Error(`invalid code ${s.personal_code}`);
      if (parsed.kind === 'new') newForm++;
      else {
        expect(parsed.checkDigitOk, s.personal_code).toBe(true);
        expect(parsed.birthDate).toBe(s.birth_date);
      }
    }
    expect(newForm).toBeGreaterThan(0);
    expect(newForm).toBeLessThan(students.length / 5);
  });

  it('keeps every plan consistent with the rules the services enforce', async () => {
    const db = database.db;
    const plans = await db.selectFrom('plan').innerJoin('student', 'student.id', 'plan.student_id').selectAll('plan').select('student.birth_date').execute();
    const codes = new Set(plans.map((p) => p.code));
    expect(codes.size).toBe(plans.length);
    for (const plan of plans) {
      expect(plan.code).toMatch(/^9000000001-\d{4}\/\d{2}-[12]-\d{4}$/);
      const history = await db.selectFrom('plan_status_change').selectAll().where('plan_id', '=', plan.id).orderBy('id').execute();
      expect(
        historyIsConsistent(
          history.map((h) => ({ from: h.from_status, to: h.to_status })),
          plan.status,
        ),
        plan.code,
      ).toBe(true);
      expect(history.every((h) => h.changed_at.slice(0, 10) <= TODAY || h.to_status === 'inactive')).toBe(true);
      if (plan.status === 'draft' && history.length === 1) continue;
      const measures = await db.selectFrom('measure').select(['id', 'justification']).where('plan_id', '=', plan.id).execute();
      const links = await db
        .selectFrom('measure_risk')
        .selectAll()
        .where(
          'measure_id',
          'in',
          measures.map((m) => m.id),
        )
        .execute();
      const present = await db
        .selectFrom('screening_answer')
        .innerJoin('screening', 'screening.id', 'screening_answer.screening_id')
        .select('risk_factor_id')
        .where('screening.student_id', '=', plan.student_id)
        .where('screening.semester_id', '=', plan.semester_id)
        .where('answer', '=', 'present')
        .execute();
      const problems = submissionProblems({
        goals: plan.goals,
        consent: { by: plan.consent_by!, relation: plan.consent_relation!, on: plan.consent_on! },
        studentBirthDate: plan.birth_date,
        measures: measures.map((m) => ({
          justification: m.justification,
          riskFactorIds: links.filter((l) => l.measure_id === m.id).map((l) => l.risk_factor_id),
        })),
        presentRiskFactorIds: new Set(present.map((p) => p.risk_factor_id)),
        today: TODAY,
      });
      expect(problems, plan.code).toEqual([]);
    }
  });

  it('logs deliveries only on started plans, inside the measure period, with a reason when over the plan', async () => {
    const rows = await database.db
      .selectFrom('delivery')
      .innerJoin('measure', 'measure.id', 'delivery.measure_id')
      .innerJoin('plan', 'plan.id', 'measure.plan_id')
      .select([
        'delivery.delivered_on',
        'delivery.minutes',
        'delivery.cents',
        'delivery.over_plan_reason',
        'measure.id as measure_id',
        'measure.starts_on',
        'measure.ends_on',
        'measure.planned_minutes',
        'measure.planned_cents',
        'plan.status',
      ])
      .orderBy('delivery.delivered_on')
      .execute();
    const started: PlanStatus[] = ['active', 'underReview', 'suspended', 'inactive'];
    const running = new Map<string, number>();
    for (const d of rows) {
      expect(started).toContain(d.status);
      expect(d.delivered_on >= d.starts_on && d.delivered_on <= d.ends_on && d.delivered_on <= TODAY).toBe(true);
      const total = (running.get(d.measure_id) ?? 0) + (d.minutes ?? d.cents ?? 0);
      running.set(d.measure_id, total);
      const planned = d.planned_minutes ?? d.planned_cents;
      if (planned !== null && total > planned) expect(d.over_plan_reason).not.toBeNull();
    }
  });

  it('closes past plans with every semester-end evaluation, and the services read the result', async () => {
    const closed = await database.db.selectFrom('plan').innerJoin('plan_outcome', 'plan_outcome.plan_id', 'plan.id').select('plan.id').execute();
    expect(closed.length).toBeGreaterThan(10);
    const semesterEnd = new SemesterEndService(database.db, fixedClock(`${TODAY}T10:00:00Z`));
    for (const { id } of closed.slice(0, 20)) expect((await semesterEnd.get(coordinator, id)).complete).toBe(true);
    const summaryNow = await new PlanService(database.db, fixedClock(`${TODAY}T10:00:00Z`)).summary(coordinator);
    expect(summaryNow.semesterId).toBe('2025/26-1');
    expect(summaryNow.total).toBeGreaterThan(0);
  });

  it('is deterministic for a seed, differs for another seed, and refuses a database that has students', async () => {
    const dump = async (db: OpenedDatabase) =>
      JSON.stringify([
        await db.db.selectFrom('student').select(['first_name', 'last_name', 'personal_code']).orderBy('personal_code').execute(),
        await db.db.selectFrom('plan').select(['code', 'status', 'goals']).orderBy('code').execute(),
        await db.db.selectFrom('delivery').select(['delivered_on', 'minutes', 'cents']).orderBy('id').execute(),
      ]);
    const againDir = await makeTempDir();
    const again = await openTempDatabase(againDir.dir);
    await generateDemoData(again.db, { students: 400, seed: 7, today: TODAY, riskCatalogue: catalogue });
    expect(await dump(again)).toBe(await dump(database));
    await again.close();
    await againDir.remove();
    const otherDir = await makeTempDir();
    const other = await openTempDatabase(otherDir.dir);
    await generateDemoData(other.db, { students: 400, seed: 8, today: TODAY, riskCatalogue: catalogue });
    expect(await dump(other)).not.toBe(await dump(database));
    await other.close();
    await otherDir.remove();
    await expect(generateDemoData(database.db, { students: 10, today: TODAY })).rejects.toMatchObject({ messageKey: 'errors.demoData.notEmpty' });
  });
});
