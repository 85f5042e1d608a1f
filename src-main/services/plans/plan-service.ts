/**
 * Individual support plans: one per student per semester. The lifecycle is
 * the table in src-shared/domain/plan-lifecycle.ts; what submission needs is
 * src-shared/domain/plan-readiness.ts. Every write runs in one transaction
 * with its status history and audit entry, and checks the version the user
 * read (optimistic concurrency).
 *
 * Decisions: a plan may be deleted only while it is a draft and has no
 * deliveries at all (no money paid, no consultation given); an author may
 * not approve (or return) their own plan; `inactive` is final.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import {
  planCreateInputSchema,
  planDeleteInputSchema,
  planStartNextInputSchema,
  planTransitionInputSchema,
  planUpdateInputSchema,
  type PlanListItem,
  type PlanSummary,
  type PlanTransitionInput,
  type PlanUpdateInput,
  type PlanView,
  type WaitingPlan,
} from '../../../src-shared/domain/plan';
import { localDay } from '../../../src-shared/domain/plan-fields';
import { findTransition, isEditable, isOwnReview, PLAN_STATUSES, TRANSITIONS, type PlanStatus } from '../../../src-shared/domain/plan-lifecycle';
import { submissionProblems } from '../../../src-shared/domain/plan-readiness';
import { can, type Actor } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../../src-shared/ipc/zod-issues';
import type { z } from 'zod';
import { presentRiskFactorIds } from '../../db/present-risks';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';
import { nextPlanCode } from './plan-code';
import { writeMeasures } from './plan-measures';
import { consentOf, countDeliveries, measureRiskLinks, planListQuery, planView, toListItem } from './plan-queries';
import { changePlanStatus, getPlanRow, type PlanRow } from './plan-status';
import { copyRelevantMeasures } from './plan-next';
import { getSemester, getStudentRow, nextSemester, requireStaffActor, requireVersion, semesterOn } from '../school/school-work-checks';

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
  return parsed.data;
}

export class PlanService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, planId: string): Promise<PlanView> {
    requirePermission(actor, 'school.read');
    const plan = await getPlanRow(this.db, planId);
    await recordAudit(this.db, actor, this.clock.now(), { action: 'open', entity: 'plan', entityId: plan.id });
    return planView(this.db, plan, actor);
  }

  async listForStudent(actor: Actor, studentId: string): Promise<PlanListItem[]> {
    requirePermission(actor, 'school.read');
    return this.db.transaction().execute(async (trx) => {
      await getStudentRow(trx, studentId);
      const rows = await planListQuery(trx).where('plan.student_id', '=', studentId).orderBy('semester.starts_on', 'desc').execute();
      // The list shows the student's plans: an opening of the student's record.
      await recordAudit(trx, actor, this.clock.now(), { action: 'open', entity: 'student_plans', entityId: studentId, detail: { plans: rows.length } });
      return rows.map(toListItem);
    });
  }

  async create(actor: Actor, raw: unknown): Promise<PlanView> {
    requirePermission(actor, 'plan.write');
    const input = parse(planCreateInputSchema, raw);
    const now = this.clock.now();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await requireStaffActor(trx, actor);
      const student = await getStudentRow(trx, input.studentId);
      if (student.status !== 'active') throw new AppError('RULE_VIOLATION', { messageKey: 'errors.plan.studentNotActive' });
      await getSemester(trx, input.semesterId);
      await this.requireNoPlan(trx, input.studentId, input.semesterId);
      await this.insertDraft(trx, actor, now, { id, studentId: input.studentId, semesterId: input.semesterId, goals: input.goals, previousPlanId: null });
    });
    return planView(this.db, await getPlanRow(this.db, id), actor);
  }

  async update(actor: Actor, raw: PlanUpdateInput): Promise<PlanView> {
    requirePermission(actor, 'plan.write');
    const input = parse(planUpdateInputSchema, raw);
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const plan = await getPlanRow(trx, input.planId);
      requireVersion(input.version, plan.version);
      if (!isEditable(plan.status))
        throw new AppError('RULE_VIOLATION', { messageKey: 'errors.plan.notEditable', details: { params: { status: plan.status } } });
      const semester = await getSemester(trx, plan.semester_id);
      const at = now.toISOString();
      await writeMeasures(trx, plan.id, semester, input.measures, at);
      await trx
        .updateTable('plan')
        .set({
          goals: input.goals,
          consent_by: input.consent?.by ?? null,
          consent_relation: input.consent?.relation ?? null,
          consent_on: input.consent?.on ?? null,
          version: plan.version + 1,
          updated_at: at,
        })
        .where('id', '=', plan.id)
        .execute();
      await recordAudit(trx, actor, now, {
        action: 'update',
        entity: 'plan',
        entityId: plan.id,
        detail: { measures: input.measures.length, consent: input.consent !== null },
      });
    });
    return planView(this.db, await getPlanRow(this.db, input.planId), actor);
  }

  async transition(actor: Actor, raw: PlanTransitionInput): Promise<PlanView> {
    requirePermission(actor, 'school.read');
    const input = parse(planTransitionInputSchema, raw);
    // Whoever may take this action from no status at all (read-only, a specialist) is refused before anything is looked up.
    const anyFrom = TRANSITIONS.filter((t) => t.action === input.action).flatMap((t) => t.permissions);
    if (!anyFrom.some((p) => can(actor.roles, p))) throw new AppError('FORBIDDEN', { details: { params: { permission: [...new Set(anyFrom)].join('|') } } });
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const plan = await getPlanRow(trx, input.planId);
      requireVersion(input.version, plan.version);
      const transition = findTransition(plan.status, input.action);
      if (transition && !transition.permissions.some((p) => can(actor.roles, p))) {
        throw new AppError('FORBIDDEN', { details: { params: { permission: transition.permissions.join('|') } } });
      }
      if (transition && isOwnReview(input.action, plan.author_id, actor.userId)) {
        throw new AppError('RULE_VIOLATION', { messageKey: 'errors.plan.selfApproval' });
      }
      if (input.action === 'submit' && transition) await this.requireReady(trx, plan, now);
      await changePlanStatus(trx, plan, input.action, actor, now, input.comment);
    });
    return planView(this.db, await getPlanRow(this.db, input.planId), actor);
  }

  async delete(actor: Actor, raw: unknown): Promise<{ deleted: true }> {
    requirePermission(actor, 'plan.write');
    const input = parse(planDeleteInputSchema, raw);
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const plan = await getPlanRow(trx, input.planId);
      requireVersion(input.version, plan.version);
      if (plan.status !== 'draft') throw new AppError('RULE_VIOLATION', { messageKey: 'errors.plan.deleteOnlyDraft' });
      if ((await countDeliveries(trx, plan.id)) > 0) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.plan.deleteHasDeliveries' });
      await trx.updateTable('plan').set({ previous_plan_id: null }).where('previous_plan_id', '=', plan.id).execute();
      await trx.deleteFrom('plan').where('id', '=', plan.id).execute();
      await recordAudit(trx, actor, now, {
        action: 'delete',
        entity: 'plan',
        entityId: plan.id,
        detail: { code: plan.code, studentId: plan.student_id, semesterId: plan.semester_id },
      });
    });
    return { deleted: true };
  }

  /** Starts the next semester's draft from a plan: goals and the measures still relevant. */
  async startNext(actor: Actor, raw: unknown): Promise<PlanView> {
    requirePermission(actor, 'plan.write');
    const input = parse(planStartNextInputSchema, raw);
    const now = this.clock.now();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await requireStaffActor(trx, actor);
      const previous = await getPlanRow(trx, input.previousPlanId);
      const prevSemester = await getSemester(trx, previous.semester_id);
      const semester = input.semesterId ? await getSemester(trx, input.semesterId) : await nextSemester(trx, prevSemester);
      if (!semester) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.plan.noNextSemester' });
      if (semester.starts_on <= prevSemester.ends_on) throw AppError.validation([{ path: 'semesterId', messageKey: 'errors.plan.nextSemesterNotLater' }]);
      const student = await getStudentRow(trx, previous.student_id);
      if (student.status !== 'active') throw new AppError('RULE_VIOLATION', { messageKey: 'errors.plan.studentNotActive' });
      await this.requireNoPlan(trx, previous.student_id, semester.id);
      await this.insertDraft(trx, actor, now, {
        id,
        studentId: previous.student_id,
        semesterId: semester.id,
        goals: previous.goals,
        previousPlanId: previous.id,
      });
      const copied = await copyRelevantMeasures(trx, previous, id, semester, now.toISOString());
      await recordAudit(trx, actor, now, { action: 'update', entity: 'plan', entityId: id, detail: { copiedFrom: previous.id, measures: copied } });
    });
    return planView(this.db, await getPlanRow(this.db, id), actor);
  }

  /**
   * Plans that wait for this user: approvals for a director (oldest submission
   * first, with who submitted and when), own drafts and follow-ups for an author.
   */
  async listWaiting(actor: Actor): Promise<WaitingPlan[]> {
    requirePermission(actor, 'school.read');
    const today = localDay(this.clock.now());
    const out: Omit<WaitingPlan, 'sentBy' | 'sentAt'>[] = [];
    if (can(actor.roles, 'plan.approve')) {
      const rows = await planListQuery(this.db)
        .where('plan.status', '=', 'inApproval')
        .where('plan.author_id', '!=', actor.userId)
        .orderBy('plan.updated_at')
        .execute();
      out.push(...rows.map((r) => ({ ...toListItem(r), grade: r.grade, educationLevel: r.education_level, reason: 'toApprove' as const })));
    }
    if (can(actor.roles, 'plan.write')) {
      const mine = await planListQuery(this.db)
        .where('plan.author_id', '=', actor.userId)
        .where('plan.status', 'in', ['draft', 'approved', 'active', 'underReview', 'suspended'])
        .orderBy('plan.updated_at')
        .execute();
      const changes = mine.length
        ? await this.db
            .selectFrom('plan_status_change')
            .select(['plan_id', 'from_status', 'to_status'])
            .where(
              'plan_id',
              'in',
              mine.map((m) => m.id),
            )
            .orderBy('id')
            .execute()
        : [];
      const lastChange = new Map(changes.map((c) => [c.plan_id, c]));
      const returned = new Set([...lastChange.values()].filter((c) => c.from_status === 'inApproval' && c.to_status === 'draft').map((c) => c.plan_id));
      for (const r of mine) {
        const reason =
          r.status === 'draft'
            ? returned.has(r.id)
              ? 'returned'
              : 'draft'
            : r.ends_on < today
              ? 'semesterEnded'
              : r.status === 'approved'
                ? 'toStart'
                : r.status === 'underReview'
                  ? 'underReview'
                  : null;
        if (reason) out.push({ ...toListItem(r), grade: r.grade, educationLevel: r.education_level, reason });
      }
    }
    // Who moved each plan into its present status, and when (the last status change).
    const sent = out.length
      ? await this.db
          .selectFrom('plan_status_change')
          .leftJoin('staff_user', 'staff_user.id', 'plan_status_change.changed_by')
          .select(['plan_status_change.plan_id', 'plan_status_change.to_status', 'plan_status_change.changed_at', 'staff_user.display_name'])
          .where('plan_status_change.plan_id', 'in', [...new Set(out.map((p) => p.id))])
          .orderBy('plan_status_change.id')
          .execute()
      : [];
    const last = new Map(sent.map((c) => [c.plan_id, c]));
    const listed = out.map((p) => {
      const change = last.get(p.id);
      const current = change && change.to_status === p.status ? change : undefined;
      return { ...p, sentBy: current?.display_name ?? null, sentAt: current?.changed_at ?? null };
    });
    // A director's approvals: the longest waiting first (a submission of long ago before one of today).
    return listed.sort((a, b) => (a.reason === 'toApprove' && b.reason === 'toApprove' ? (a.sentAt ?? a.updatedAt).localeCompare(b.sentAt ?? b.updatedAt) : 0));
  }

  /** Counts of plans by status in a semester (default: the current one). */
  async summary(actor: Actor, semesterId?: string): Promise<PlanSummary> {
    requirePermission(actor, 'school.read');
    const semester = semesterId ? await getSemester(this.db, semesterId) : await semesterOn(this.db, localDay(this.clock.now()));
    const byStatus = Object.fromEntries(PLAN_STATUSES.map((s) => [s, 0])) as Record<PlanStatus, number>;
    if (!semester) return { semesterId: null, total: 0, byStatus };
    const rows = await this.db
      .selectFrom('plan')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('semester_id', '=', semester.id)
      .groupBy('status')
      .execute();
    for (const r of rows) byStatus[r.status] = Number(r.n);
    return { semesterId: semester.id, total: rows.reduce((s, r) => s + Number(r.n), 0), byStatus };
  }

  private async requireNoPlan(trx: Kysely<DB>, studentId: string, semesterId: string): Promise<void> {
    const exists = await trx.selectFrom('plan').select('id').where('student_id', '=', studentId).where('semester_id', '=', semesterId).executeTakeFirst();
    if (exists) throw new AppError('CONFLICT', { messageKey: 'errors.plan.exists', details: { params: { planId: exists.id } } });
  }

  private async insertDraft(
    trx: Parameters<typeof nextPlanCode>[0],
    actor: Actor,
    now: Date,
    p: { id: string; studentId: string; semesterId: string; goals: string; previousPlanId: string | null },
  ): Promise<void> {
    const at = now.toISOString();
    const code = await nextPlanCode(trx, p.semesterId, now);
    await trx
      .insertInto('plan')
      .values({
        id: p.id,
        code,
        student_id: p.studentId,
        semester_id: p.semesterId,
        status: 'draft',
        goals: p.goals,
        author_id: actor.userId,
        consent_by: null,
        consent_relation: null,
        consent_on: null,
        previous_plan_id: p.previousPlanId,
        closed_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await trx
      .insertInto('plan_status_change')
      .values({ plan_id: p.id, from_status: null, to_status: 'draft', changed_by: actor.userId, changed_at: at })
      .execute();
    await recordAudit(trx, actor, now, {
      action: 'create',
      entity: 'plan',
      entityId: p.id,
      detail: { code, studentId: p.studentId, semesterId: p.semesterId },
    });
  }

  private async requireReady(trx: Kysely<DB>, plan: PlanRow, now: Date): Promise<void> {
    const student = await getStudentRow(trx, plan.student_id);
    const measures = await trx
      .selectFrom('measure')
      .select(['id', 'justification'])
      .where('plan_id', '=', plan.id)
      .orderBy(sql`measure.rowid`)
      .execute();
    const links = await measureRiskLinks(
      trx,
      measures.map((m) => m.id),
    );
    const problems = submissionProblems({
      goals: plan.goals,
      consent: consentOf(plan),
      studentBirthDate: student.birth_date,
      measures: measures.map((m) => ({
        justification: m.justification,
        riskFactorIds: links.filter((l) => l.measure_id === m.id).map((l) => l.risk_factor_id),
      })),
      presentRiskFactorIds: await presentRiskFactorIds(trx, plan.student_id, plan.semester_id),
      today: localDay(now),
    });
    if (problems.length > 0) throw AppError.validation(problems);
  }
}
