/**
 * Deliveries of measures: consultation sessions, compensation payments,
 * NGO project participation.
 *
 * Decisions: deliveries are logged only on approved or active plans; the
 * first delivery on an approved plan starts it (approved -> active, in the
 * plan's history, by the person recording). The date must lie in the
 * measure's period and not in the future. Going over the measure's planned
 * amount or the kind's cap per student per semester needs a stated reason.
 * A delivery may be removed by the person who recorded it on the day they
 * recorded it, or by a school admin (coordinator) at any time, while the
 * plan is not closed; every removal is audited.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { checkLimits, kindCostCents, needsReason, sumAmounts } from '../../../src-shared/domain/delivery-rules';
import { deliveryAddInputSchema, type DeliveryAddInput, type DeliveryView, type MonthTotals, type Spending } from '../../../src-shared/domain/delivery';
import { localDay } from '../../../src-shared/domain/plan-fields';
import { acceptsDeliveries } from '../../../src-shared/domain/plan-lifecycle';
import { can, type Actor } from '../../../src-shared/domain/roles';
import { AppError, type FieldError } from '../../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../../src-shared/ipc/zod-issues';
import type { DB } from '../../db/schema';
import type { DeliveryTable } from '../../db/school-tables';
import type { Clock } from '../../ports/clock';
import { requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';
import { compensationWaits } from '../decisions/school-authority';
import { changePlanStatus, getPlanRow } from './plan-status';
import { getSemester, requireStaffActor, semesterOn } from '../school/school-work-checks';

type DeliveryRow = Omit<DeliveryTable, 'note' | 'version'> & { note: string; version: number };

export class DeliveryService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  /** The plan's deliveries, as deliveries:listForPlan opens them: audited as an opening of the student's record. */
  async listForPlan(actor: Actor, planId: string) {
    requirePermission(actor, 'school.read');
    return this.db.transaction().execute(async (trx) => {
      const plan = await getPlanRow(trx, planId);
      const view = await this.read(trx, actor, planId);
      await recordAudit(trx, actor, this.clock.now(), { action: 'open', entity: 'deliveries', entityId: plan.id, detail: { studentId: plan.student_id } });
      return view;
    });
  }

  /** The same view without an audit entry: add and remove return it after their own entry. */
  private async read(db: Kysely<DB>, actor: Actor, planId: string) {
    const plan = await getPlanRow(db, planId);
    const measures = await db
      .selectFrom('measure')
      .innerJoin('measure_kind', 'measure_kind.code', 'measure.kind_code')
      .select([
        'measure.id',
        'measure.kind_code',
        'measure_kind.category',
        'measure.planned_minutes',
        'measure.planned_cents',
        'measure.starts_on',
        'measure.ends_on',
        'measure.responsible_id',
      ])
      .where('measure.plan_id', '=', planId)
      .orderBy(sql`measure.rowid`)
      .execute();
    const rows = measures.length
      ? await db
          .selectFrom('delivery')
          .selectAll()
          .where(
            'measure_id',
            'in',
            measures.map((m) => m.id),
          )
          .orderBy('delivered_on')
          .orderBy('created_at')
          .execute()
      : [];
    const today = localDay(this.clock.now());
    return {
      planId,
      status: plan.status,
      measures: measures.map((m) => {
        const own = rows.filter((d) => d.measure_id === m.id);
        const amounts = own.map((d) => (m.category === 'consultation' ? (d.minutes ?? 0) : m.category === 'compensation' ? (d.cents ?? 0) : 1));
        return {
          measureId: m.id,
          kindCode: m.kind_code,
          category: m.category,
          startsOn: m.starts_on,
          endsOn: m.ends_on,
          responsibleId: m.responsible_id,
          planned: m.category === 'consultation' ? m.planned_minutes : m.category === 'compensation' ? m.planned_cents : null,
          delivered: sumAmounts(amounts),
          count: own.length,
          deliveries: own.map((d) => this.toView(d, actor, today, plan.status !== 'inactive')),
        };
      }),
    };
  }

  async add(actor: Actor, raw: DeliveryAddInput) {
    requirePermission(actor, 'delivery.write');
    const parsed = deliveryAddInputSchema.safeParse(raw);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    const input = parsed.data;
    const now = this.clock.now();
    const today = localDay(now);
    let planId = '';
    await this.db.transaction().execute(async (trx) => {
      await requireStaffActor(trx, actor);
      const measure = await trx.selectFrom('measure').selectAll().where('id', '=', input.measureId).executeTakeFirst();
      if (!measure) throw new AppError('NOT_FOUND', { messageKey: 'errors.measure.notFound' });
      const kind = await trx.selectFrom('measure_kind').selectAll().where('code', '=', measure.kind_code).executeTakeFirstOrThrow();
      const plan = await getPlanRow(trx, measure.plan_id);
      planId = plan.id;
      if (!acceptsDeliveries(plan.status)) {
        throw new AppError('RULE_VIOLATION', { messageKey: 'errors.delivery.planNotRunning', details: { params: { status: plan.status } } });
      }
      const problems: FieldError[] = [];
      // Compensations wait for the municipality's decision; consultations may start (issue 9).
      const waits = compensationWaits(plan.authority_state, kind.category, measure.authority_refused === 1);
      if (waits !== null) throw new AppError('RULE_VIOLATION', { messageKey: waits });
      if (input.deliveredOn < measure.starts_on || input.deliveredOn > measure.ends_on) {
        problems.push({ path: 'deliveredOn', messageKey: 'errors.delivery.outsidePeriod', params: { startsOn: measure.starts_on, endsOn: measure.ends_on } });
      } else if (input.deliveredOn > today) {
        problems.push({ path: 'deliveredOn', messageKey: 'errors.field.dateInFuture' });
      }
      let specialistId: string | null = null;
      let amount = 1;
      if (kind.category === 'consultation') {
        if (input.minutes === null) problems.push({ path: 'minutes', messageKey: 'errors.delivery.minutesRequired' });
        specialistId = input.specialistId ?? actor.userId;
        const specialist = await trx.selectFrom('staff_user').select('active').where('id', '=', specialistId).executeTakeFirst();
        if (specialist?.active !== 1) problems.push({ path: 'specialistId', messageKey: 'errors.delivery.specialistUnknown' });
        amount = input.minutes ?? 0;
      } else if (kind.category === 'compensation') {
        if (input.cents === null) problems.push({ path: 'cents', messageKey: 'errors.delivery.centsRequired' });
        amount = input.cents ?? 0;
      }
      if (kind.category !== 'consultation' && input.minutes !== null) problems.push({ path: 'minutes', messageKey: 'errors.delivery.amountNotForKind' });
      if (kind.category !== 'compensation' && input.cents !== null) problems.push({ path: 'cents', messageKey: 'errors.delivery.amountNotForKind' });
      if (problems.length > 0) throw AppError.validation(problems);

      const check = checkLimits({
        category: kind.category,
        amount,
        planned: kind.category === 'consultation' ? measure.planned_minutes : kind.category === 'compensation' ? measure.planned_cents : null,
        deliveredOnMeasure: await this.deliveredOnMeasure(trx, measure.id, kind.category),
        capCents: kind.cap_cents,
        rateCents: kind.rate_cents,
        deliveredOnKind: await this.deliveredOnKind(trx, plan.student_id, plan.semester_id, kind.code, kind.category),
      });
      const reason = input.overPlanReason && input.overPlanReason !== '' ? input.overPlanReason : null;
      if (needsReason(check) && reason === null) {
        throw AppError.validation([
          {
            path: 'overPlanReason',
            messageKey: check.overCap ? 'errors.delivery.overCapReasonRequired' : 'errors.delivery.overPlanReasonRequired',
            params: { overPlan: check.overPlan ? 1 : 0, overCap: check.overCap ? 1 : 0 },
          },
        ]);
      }
      const at = now.toISOString();
      const id = randomUUID();
      await trx
        .insertInto('delivery')
        .values({
          id,
          measure_id: measure.id,
          delivered_on: input.deliveredOn,
          specialist_id: specialistId,
          minutes: kind.category === 'consultation' ? input.minutes : null,
          student_confirmed: kind.category === 'consultation' ? (input.studentConfirmed ? 1 : 0) : null,
          cents: kind.category === 'compensation' ? input.cents : null,
          receipt_ref: kind.category === 'compensation' ? input.receiptRef : null,
          note: input.note,
          over_plan_reason: needsReason(check) ? reason : null,
          recorded_by: actor.userId,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await recordAudit(trx, actor, now, {
        action: 'create',
        entity: 'delivery',
        entityId: id,
        detail: {
          measureId: measure.id,
          planId: plan.id,
          kindCode: kind.code,
          minutes: input.minutes,
          cents: input.cents,
          overPlan: check.overPlan,
          overCap: check.overCap,
        },
      });
      if (plan.status === 'approved') await changePlanStatus(trx, plan, 'start', actor, now);
    });
    return this.read(this.db, actor, planId);
  }

  async remove(actor: Actor, deliveryId: string) {
    requirePermission(actor, 'delivery.write');
    const now = this.clock.now();
    let planId = '';
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('delivery').selectAll().where('id', '=', deliveryId).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', { messageKey: 'errors.delivery.notFound' });
      const measure = await trx.selectFrom('measure').select(['plan_id']).where('id', '=', row.measure_id).executeTakeFirstOrThrow();
      const plan = await getPlanRow(trx, measure.plan_id);
      planId = plan.id;
      if (!this.removable(row, actor, localDay(now), plan.status !== 'inactive')) {
        throw new AppError('RULE_VIOLATION', { messageKey: 'errors.delivery.notRemovable' });
      }
      await trx.deleteFrom('delivery').where('id', '=', row.id).execute();
      await recordAudit(trx, actor, now, {
        action: 'delete',
        entity: 'delivery',
        entityId: row.id,
        detail: {
          measureId: row.measure_id,
          planId: plan.id,
          deliveredOn: row.delivered_on,
          minutes: row.minutes,
          cents: row.cents,
          recordedBy: row.recorded_by,
        },
      });
    });
    return this.read(this.db, actor, planId);
  }

  /** Counts and sums of deliveries in a month (default: this month), for the home screen. */
  async month(actor: Actor, month?: string): Promise<MonthTotals> {
    requirePermission(actor, 'school.read');
    const m = month ?? localDay(this.clock.now()).slice(0, 7);
    const rows = await this.db
      .selectFrom('delivery')
      .innerJoin('measure', 'measure.id', 'delivery.measure_id')
      .innerJoin('measure_kind', 'measure_kind.code', 'measure.kind_code')
      .innerJoin('plan', 'plan.id', 'measure.plan_id')
      .select(['delivery.minutes', 'delivery.cents', 'delivery.recorded_by', 'measure_kind.category', 'plan.student_id'])
      .where('delivery.delivered_on', '>=', `${m}-01`)
      .where('delivery.delivered_on', '<=', `${m}-31`)
      .execute();
    return {
      month: m,
      count: rows.length,
      recordedByMe: rows.filter((r) => r.recorded_by === actor.userId).length,
      consultationMinutes: sumAmounts(rows.filter((r) => r.category === 'consultation').map((r) => r.minutes ?? 0)),
      compensationCents: sumAmounts(rows.filter((r) => r.category === 'compensation').map((r) => r.cents ?? 0)),
      ngoParticipations: rows.filter((r) => r.category === 'ngo').length,
      students: new Set(rows.map((r) => r.student_id)).size,
    };
  }

  /** Spending per kind in a semester (default: the current one) against the per-student cap. */
  async spending(actor: Actor, semesterId?: string): Promise<Spending> {
    requirePermission(actor, 'school.read');
    const semester = semesterId ? await getSemester(this.db, semesterId) : await semesterOn(this.db, localDay(this.clock.now()));
    const kinds = await this.db.selectFrom('measure_kind').selectAll().orderBy('sort_order').orderBy('code').execute();
    const priced = kinds.filter((k) => k.category === 'compensation' || (k.category === 'consultation' && k.rate_cents !== null));
    const totals = semester
      ? await this.db
          .selectFrom('delivery')
          .innerJoin('measure', 'measure.id', 'delivery.measure_id')
          .innerJoin('plan', 'plan.id', 'measure.plan_id')
          .select([
            'plan.student_id',
            'measure.kind_code',
            (eb) => eb.fn.coalesce(eb.fn.sum<number>('delivery.cents'), eb.lit(0)).as('cents'),
            (eb) => eb.fn.coalesce(eb.fn.sum<number>('delivery.minutes'), eb.lit(0)).as('minutes'),
          ])
          .where('plan.semester_id', '=', semester.id)
          .groupBy(['plan.student_id', 'measure.kind_code'])
          .execute()
      : [];
    return {
      semesterId: semester?.id ?? null,
      kinds: priced.map((k) => {
        const perStudent = totals
          .filter((t) => t.kind_code === k.code)
          .map((t) => kindCostCents({ category: k.category, rateCents: k.rate_cents }, Number(k.category === 'compensation' ? t.cents : t.minutes)));
        return {
          kindCode: k.code,
          category: k.category,
          labelLv: k.label_lv,
          labelEn: k.label_en,
          capCents: k.cap_cents,
          spentCents: sumAmounts(perStudent),
          students: perStudent.length,
          studentsOverCap: k.cap_cents === null ? 0 : perStudent.filter((c) => c > k.cap_cents!).length,
        };
      }),
    };
  }

  private removable(row: DeliveryRow, actor: Actor, today: string, planOpen: boolean): boolean {
    if (!planOpen || !can(actor.roles, 'delivery.write')) return false;
    if (can(actor.roles, 'school.admin')) return true;
    return row.recorded_by === actor.userId && localDay(new Date(row.created_at)) === today;
  }

  private toView(d: DeliveryRow, actor: Actor, today: string, planOpen: boolean): DeliveryView {
    return {
      id: d.id,
      measureId: d.measure_id,
      deliveredOn: d.delivered_on,
      specialistId: d.specialist_id,
      minutes: d.minutes,
      studentConfirmed: d.student_confirmed === null ? null : d.student_confirmed === 1,
      cents: d.cents,
      receiptRef: d.receipt_ref,
      note: d.note,
      overPlanReason: d.over_plan_reason,
      recordedBy: d.recorded_by,
      createdAt: d.created_at,
      removable: this.removable(d, actor, today, planOpen),
    };
  }

  private async deliveredOnMeasure(trx: Transaction<DB>, measureId: string, category: string): Promise<number> {
    const rows = await trx.selectFrom('delivery').select(['minutes', 'cents']).where('measure_id', '=', measureId).execute();
    return sumAmounts(rows.map((r) => (category === 'consultation' ? (r.minutes ?? 0) : category === 'compensation' ? (r.cents ?? 0) : 1)));
  }

  private async deliveredOnKind(trx: Transaction<DB>, studentId: string, semesterId: string, kindCode: string, category: string): Promise<number> {
    const rows = await trx
      .selectFrom('delivery')
      .innerJoin('measure', 'measure.id', 'delivery.measure_id')
      .innerJoin('plan', 'plan.id', 'measure.plan_id')
      .select(['delivery.minutes', 'delivery.cents'])
      .where('plan.student_id', '=', studentId)
      .where('plan.semester_id', '=', semesterId)
      .where('measure.kind_code', '=', kindCode)
      .execute();
    return sumAmounts(rows.map((r) => (category === 'consultation' ? (r.minutes ?? 0) : category === 'compensation' ? (r.cents ?? 0) : 1)));
  }
}
