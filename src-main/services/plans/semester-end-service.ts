/**
 * Semester end: evaluate each measure (delivered full/partial/none), each
 * risk present in the semester's screening (lessened/unchanged/grew) and
 * the student's outcome; then close the plan (`complete`: it becomes
 * inactive with closed_at). Evaluations may be saved bit by bit while the
 * plan runs; closing needs all of them. Saving bumps the plan's version, so
 * two people evaluating at once do not overwrite each other unseen.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { sumAmounts } from '../../../src-shared/domain/delivery-rules';
import { localDay } from '../../../src-shared/domain/plan-fields';
import { acceptsEvaluation, PLAN_STATUSES } from '../../../src-shared/domain/plan-lifecycle';
import type { Actor } from '../../../src-shared/domain/roles';
import {
  missingEvaluations,
  semesterEndCloseInputSchema,
  semesterEndSaveInputSchema,
  type OpenPlanItem,
  type OpenPlanList,
  type SemesterEndSaveInput,
  type SemesterEndView,
} from '../../../src-shared/domain/semester-end';
import { AppError, type FieldError } from '../../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../../src-shared/ipc/zod-issues';
import { presentRiskFactorIds } from '../../db/present-risks';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';
import { changePlanStatus, getPlanRow, type PlanRow } from './plan-status';
import { getSemester, requireStaffActor, requireVersion, semesterOn } from '../school/school-work-checks';

const collator = new Intl.Collator('lv', { sensitivity: 'base' });

export class SemesterEndService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  /** The evaluation, as semesterEnd:get opens it: audited as an opening of the student's record. */
  async get(actor: Actor, planId: string): Promise<SemesterEndView> {
    const view = await this.read(actor, planId);
    await recordAudit(this.db, actor, this.clock.now(), { action: 'open', entity: 'semesterEnd', entityId: view.planId });
    return view;
  }

  /**
   * The semester's open plans (default: the current semester) with how much
   * of each evaluation is in, in one statement: the measures, the risks the
   * evaluation asks about (present in the screening or addressed by a
   * measure, as in view()) and the student's outcome. The list names
   * students: one 'open' row for the list, never one per student.
   */
  async listOpen(actor: Actor, semesterId?: string): Promise<OpenPlanList> {
    requirePermission(actor, 'school.read');
    const semester = semesterId ? await getSemester(this.db, semesterId) : await semesterOn(this.db, localDay(this.clock.now()));
    if (!semester) return { semesterId: null, plans: [] };
    const open = PLAN_STATUSES.filter(acceptsEvaluation);
    const risks = sql`(SELECT sa.risk_factor_id FROM screening sc JOIN screening_answer sa ON sa.screening_id = sc.id
        WHERE sc.student_id = plan.student_id AND sc.semester_id = plan.semester_id AND sa.answer = 'present'
      UNION SELECT mr.risk_factor_id FROM measure_risk mr JOIN measure m ON m.id = mr.measure_id WHERE m.plan_id = plan.id)`;
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('plan')
        .innerJoin('student', 'student.id', 'plan.student_id')
        .select([
          'plan.id',
          'plan.code',
          'plan.student_id',
          'plan.status',
          'student.first_name',
          'student.last_name',
          'student.education_level',
          'student.grade',
          'student.class_label',
        ])
        .select([
          sql<number>`(SELECT count(*) FROM measure m WHERE m.plan_id = plan.id)`.as('measures'),
          sql<number>`(SELECT count(*) FROM measure m JOIN measure_outcome mo ON mo.measure_id = m.id WHERE m.plan_id = plan.id)`.as('measures_done'),
          sql<number>`(SELECT count(*) FROM ${risks})`.as('risks'),
          sql<number>`(SELECT count(*) FROM risk_outcome ro WHERE ro.plan_id = plan.id AND ro.risk_factor_id IN ${risks})`.as('risks_done'),
          sql<number>`(SELECT count(*) FROM plan_outcome po WHERE po.plan_id = plan.id)`.as('outcome_done'),
        ])
        .where('plan.semester_id', '=', semester.id)
        .where('plan.status', 'in', open)
        .execute();
      const plans = rows
        .map((r): OpenPlanItem => ({
          id: r.id,
          code: r.code,
          studentId: r.student_id,
          studentName: `${r.last_name} ${r.first_name}`,
          educationLevel: r.education_level,
          grade: r.grade,
          classLabel: r.class_label,
          status: r.status as OpenPlanItem['status'],
          evaluated: Number(r.measures_done) + Number(r.risks_done) + Number(r.outcome_done),
          toEvaluate: Number(r.measures) + Number(r.risks) + 1,
        }))
        .sort((a, b) => collator.compare(a.studentName, b.studentName) || a.code.localeCompare(b.code));
      await recordAudit(trx, actor, this.clock.now(), { action: 'open', entity: 'plan_list', entityId: semester.id, detail: { plans: plans.length } });
      return { semesterId: semester.id, plans };
    });
  }

  private async read(actor: Actor, planId: string): Promise<SemesterEndView> {
    requirePermission(actor, 'school.read');
    return this.view(this.db, await getPlanRow(this.db, planId));
  }

  async save(actor: Actor, raw: SemesterEndSaveInput): Promise<SemesterEndView> {
    requirePermission(actor, 'outcome.write');
    const parsed = semesterEndSaveInputSchema.safeParse(raw);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    const input = parsed.data;
    const now = this.clock.now();
    const at = now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      await requireStaffActor(trx, actor);
      const plan = await this.openPlan(trx, input.planId, input.version);
      const current = await this.view(trx, plan);
      const measureIds = new Set(current.measures.map((m) => m.measureId));
      const riskIds = new Set(current.risks.map((r) => r.riskFactorId));
      const problems: FieldError[] = [];
      input.measures.forEach((m, i) => {
        if (!measureIds.has(m.measureId)) problems.push({ path: `measures.${i}.measureId`, messageKey: 'errors.measure.notInPlan' });
      });
      input.risks.forEach((r, i) => {
        if (!riskIds.has(r.riskFactorId))
          problems.push({ path: `risks.${i}.riskFactorId`, messageKey: 'errors.semesterEnd.riskNotInScreening', params: { factorId: r.riskFactorId } });
      });
      if (problems.length > 0) throw AppError.validation(problems);
      for (const m of input.measures) {
        await trx
          .insertInto('measure_outcome')
          .values({ measure_id: m.measureId, delivered: m.delivered, evaluated_by: actor.userId, evaluated_at: at })
          .onConflict((oc) => oc.column('measure_id').doUpdateSet({ delivered: m.delivered, evaluated_by: actor.userId, evaluated_at: at }))
          .execute();
      }
      for (const r of input.risks) {
        await trx
          .insertInto('risk_outcome')
          .values({ plan_id: plan.id, risk_factor_id: r.riskFactorId, change: r.change, evaluated_by: actor.userId, evaluated_at: at })
          .onConflict((oc) => oc.columns(['plan_id', 'risk_factor_id']).doUpdateSet({ change: r.change, evaluated_by: actor.userId, evaluated_at: at }))
          .execute();
      }
      if (input.studentOutcome !== null) {
        await trx
          .insertInto('plan_outcome')
          .values({ plan_id: plan.id, student_outcome: input.studentOutcome, note: input.note, evaluated_by: actor.userId, evaluated_at: at })
          .onConflict((oc) =>
            oc.column('plan_id').doUpdateSet({ student_outcome: input.studentOutcome!, note: input.note, evaluated_by: actor.userId, evaluated_at: at }),
          )
          .execute();
      }
      await trx
        .updateTable('plan')
        .set({ version: plan.version + 1, updated_at: at })
        .where('id', '=', plan.id)
        .execute();
      await recordAudit(trx, actor, now, {
        action: 'update',
        entity: 'semesterEnd',
        entityId: plan.id,
        detail: { measures: input.measures.length, risks: input.risks.length, studentOutcome: input.studentOutcome },
      });
    });
    return this.read(actor, input.planId);
  }

  /** Closes the plan once every evaluation is in. */
  async close(actor: Actor, raw: unknown): Promise<SemesterEndView> {
    requirePermission(actor, 'outcome.write');
    const parsed = semesterEndCloseInputSchema.safeParse(raw);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const plan = await this.openPlan(trx, parsed.data.planId, parsed.data.version);
      const missing = missingEvaluations(await this.view(trx, plan));
      if (missing.length > 0) throw AppError.validation(missing);
      await changePlanStatus(trx, plan, 'complete', actor, now);
    });
    return this.read(actor, parsed.data.planId);
  }

  private async openPlan(trx: Transaction<DB>, planId: string, version: number): Promise<PlanRow> {
    const plan = await getPlanRow(trx, planId);
    requireVersion(version, plan.version);
    if (!acceptsEvaluation(plan.status)) {
      throw new AppError('RULE_VIOLATION', { messageKey: 'errors.semesterEnd.planNotRunning', details: { params: { status: plan.status } } });
    }
    return plan;
  }

  private async view(db: Kysely<DB>, plan: PlanRow): Promise<SemesterEndView> {
    const measures = await db
      .selectFrom('measure')
      .innerJoin('measure_kind', 'measure_kind.code', 'measure.kind_code')
      .leftJoin('measure_outcome', 'measure_outcome.measure_id', 'measure.id')
      .select(['measure.id', 'measure.kind_code', 'measure_kind.category', 'measure.planned_minutes', 'measure.planned_cents', 'measure_outcome.delivered'])
      .where('measure.plan_id', '=', plan.id)
      .orderBy(sql`measure.rowid`)
      .execute();
    const deliveries = measures.length
      ? await db
          .selectFrom('delivery')
          .select(['measure_id', 'minutes', 'cents'])
          .where(
            'measure_id',
            'in',
            measures.map((m) => m.id),
          )
          .execute()
      : [];
    const present = await presentRiskFactorIds(db, plan.student_id, plan.semester_id);
    const linked = measures.length
      ? await db
          .selectFrom('measure_risk')
          .select('risk_factor_id')
          .where(
            'measure_id',
            'in',
            measures.map((m) => m.id),
          )
          .execute()
      : [];
    const riskIds = [...new Set([...present, ...linked.map((r) => r.risk_factor_id)])];
    const factors = riskIds.length
      ? await db.selectFrom('risk_factor').selectAll().where('id', 'in', riskIds).orderBy('sort_order').orderBy('id').execute()
      : [];
    const outcomes = new Map(
      (await db.selectFrom('risk_outcome').selectAll().where('plan_id', '=', plan.id).execute()).map((o) => [o.risk_factor_id, o.change]),
    );
    const planOutcome = await db.selectFrom('plan_outcome').selectAll().where('plan_id', '=', plan.id).executeTakeFirst();
    const view = {
      planId: plan.id,
      status: plan.status,
      version: plan.version,
      measures: measures.map((m) => {
        const own = deliveries.filter((d) => d.measure_id === m.id);
        const amounts = own.map((d) => (m.category === 'consultation' ? (d.minutes ?? 0) : m.category === 'compensation' ? (d.cents ?? 0) : 1));
        return {
          measureId: m.id,
          kindCode: m.kind_code,
          category: m.category,
          planned: m.category === 'consultation' ? m.planned_minutes : m.category === 'compensation' ? m.planned_cents : null,
          delivered: sumAmounts(amounts),
          evaluation: m.delivered ?? null,
        };
      }),
      risks: factors.map((f) => ({ riskFactorId: f.id, labelLv: f.label_lv, labelEn: f.label_en, change: outcomes.get(f.id) ?? null })),
      studentOutcome: planOutcome?.student_outcome ?? null,
      note: planOutcome?.note ?? '',
    };
    return { ...view, complete: missingEvaluations(view).length === 0 };
  }
}
