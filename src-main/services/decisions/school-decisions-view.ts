/**
 * What a school sees of its municipality's work (issue 9): each plan's
 * status and where it stands with the municipality (who it waits for, the
 * decision, approved amounts, payments), the next package deadline, and
 * the youth NGO projects register.
 */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { decisionMeasureSchema, type AuthorityState, type DecisionOutcome } from '../../../src-shared/domain/decisions';
import type { Actor } from '../../../src-shared/domain/roles';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { requireMode, requirePermission } from '../accounts/access';
import { localDay } from '../../../src-shared/domain/plan-fields';
import { currentSemester } from '../../../src-shared/domain/calendar';
import { deadlineView, type DecisionsOverview, type PlanDecisions, type ReceivedYouthProject } from '../../../src-shared/domain/school-decisions';
import { AppError } from '../../../src-shared/ipc/result';
import { recordAudit } from '../audit';
import { loadSchoolYears } from '../school/calendar-service';
import { receivedSettings } from './school-authority';

const decisionMeasuresSchema = z.array(decisionMeasureSchema);

export interface SchoolPlanDecisionRow {
  id: string;
  code: string;
  semesterId: string;
  status: string;
  classLabel: string;
  authorityState: AuthorityState | null;
  /** Who the plan waits for (the authority's organisation id), when it waits. */
  waitingFor: string | null;
  decision: { outcome: DecisionOutcome; comment: string; decidedAt: string; stale: boolean } | null;
  staleDecisions: number;
  measures: Array<{ id: string; kindCode: string; plannedCents: number | null; approvedCents: number | null; refused: boolean; paidCents: number }>;
}

export class SchoolDecisionsView {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async plans(actor: Actor, input: { status?: string; semesterId?: string } = {}): Promise<SchoolPlanDecisionRow[]> {
    requirePermission(actor, 'school.read');
    await requireMode(this.db, ['school']);
    const authority = await this.db.selectFrom('exchange_org').select('id').where('role', '=', 'recipient').executeTakeFirst();
    let q = this.db
      .selectFrom('plan')
      .innerJoin('student', 'student.id', 'plan.student_id')
      .select(['plan.id', 'plan.code', 'plan.semester_id', 'plan.status', 'plan.authority_state', 'student.class_label'])
      .orderBy('plan.code');
    if (input.status) q = q.where((eb) => eb.or([eb('plan.status', '=', input.status as never), eb('plan.authority_state', '=', input.status as never)]));
    if (input.semesterId) q = q.where('plan.semester_id', '=', input.semesterId);
    const plans = await q.execute();
    const decisions = await this.db.selectFrom('received_decision').selectAll().orderBy('decided_at').orderBy('id').execute();
    const measures = await sql<{
      id: string;
      plan_id: string;
      kind_code: string;
      planned_cents: number | null;
      approved_cents: number | null;
      authority_refused: number;
      paid: number;
    }>`
      SELECT m.id, m.plan_id, m.kind_code, m.planned_cents, m.approved_cents, m.authority_refused,
        coalesce((SELECT sum(p.cents) FROM received_payment p WHERE p.measure_id = m.id), 0) AS paid
      FROM measure m ORDER BY m.plan_id, m.starts_on, m.kind_code, m.id`.execute(this.db);
    const byPlan = new Map<string, SchoolPlanDecisionRow['measures']>();
    for (const m of measures.rows) {
      const list = byPlan.get(m.plan_id) ?? [];
      list.push({
        id: m.id,
        kindCode: m.kind_code,
        plannedCents: m.planned_cents,
        approvedCents: m.approved_cents,
        refused: m.authority_refused === 1,
        paidCents: Number(m.paid),
      });
      byPlan.set(m.plan_id, list);
    }
    return plans.map((p) => {
      const own = decisions.filter((d) => d.plan_id === p.id);
      const last = own.at(-1);
      return {
        id: p.id,
        code: p.code,
        semesterId: p.semester_id,
        status: p.status,
        classLabel: p.class_label,
        authorityState: p.authority_state,
        waitingFor: p.authority_state === 'waiting' ? (authority?.id ?? null) : null,
        decision: last ? { outcome: last.outcome, comment: last.comment, decidedAt: last.decided_at, stale: last.stale === 1 } : null,
        staleDecisions: own.filter((d) => d.stale === 1).length,
        measures: byPlan.get(p.id) ?? [],
      };
    });
  }

  /** The next package deadline the municipality set (today or later), or null. */
  async nextDeadline(): Promise<string | null> {
    const settings = await receivedSettings(this.db);
    const today = localDay(this.clock.now());
    return settings?.deadlines.find((d) => d >= today) ?? null;
  }

  async youthProjects(actor: Actor) {
    requirePermission(actor, 'school.read');
    return this.db.selectFrom('received_youth_project').select(['id', 'title', 'ngo', 'starts_on', 'ends_on', 'budget_cents']).orderBy('starts_on').execute();
  }

  /** The projects register the municipality sent down, for the plan editor's NGO-participation measure. */
  async youthProjectList(actor: Actor): Promise<ReceivedYouthProject[]> {
    await requireMode(this.db, ['school']);
    const rows = await this.youthProjects(actor);
    return rows.map((r) => ({ id: r.id, title: r.title, ngo: r.ngo, startsOn: r.starts_on, endsOn: r.ends_on, budgetCents: r.budget_cents }));
  }

  /** The trusted authority's name (municipality, or the state for a state vocational school), or null. */
  private async authorityName(): Promise<string | null> {
    const row = await this.db.selectFrom('exchange_org').select('name').where('role', '=', 'recipient').executeTakeFirst();
    return row?.name ?? null;
  }

  /**
   * For home, the exchange screen and the plan lists: who the plans wait for,
   * the deadline (next, or missed with nothing sent), and each plan that
   * stands somewhere with the municipality. Codes and states only: no names.
   */
  async overview(actor: Actor): Promise<DecisionsOverview> {
    requirePermission(actor, 'school.read');
    await requireMode(this.db, ['school']);
    const settings = await receivedSettings(this.db);
    const today = localDay(this.clock.now());
    const semesterId = currentSemester(await loadSchoolYears(this.db), today)?.id ?? null;
    const sent = semesterId ? await this.db.selectFrom('exchange_export').select('created_at').where('period', '=', semesterId).execute() : [];
    const plans = await sql<{ id: string; code: string; authority_state: DecisionsOverview['plans'][number]['authorityState']; stale: number }>`
      SELECT p.id, p.code, p.authority_state,
        (SELECT count(*) FROM received_decision d WHERE d.plan_id = p.id AND d.stale = 1) AS stale
      FROM plan p
      WHERE p.authority_state IS NOT NULL OR EXISTS (SELECT 1 FROM received_decision d WHERE d.plan_id = p.id AND d.stale = 1)
      ORDER BY p.code`.execute(this.db);
    return {
      authorityName: await this.authorityName(),
      settingsReceived: settings !== null,
      deadline: deadlineView(
        settings?.deadlines ?? [],
        today,
        sent.map((s) => localDay(new Date(s.created_at))),
      ),
      plans: plans.rows.map((p) => ({ planId: p.id, code: p.code, authorityState: p.authority_state, staleDecisions: Number(p.stale) })),
    };
  }

  /** One plan's standing with the municipality: decisions (newest first, flagged ones too), measures, payments. Opening it is audited. */
  async forPlan(actor: Actor, planId: string): Promise<PlanDecisions> {
    requirePermission(actor, 'school.read');
    await requireMode(this.db, ['school']);
    const plan = await this.db.selectFrom('plan').select(['id', 'authority_state']).where('id', '=', planId).executeTakeFirst();
    if (!plan) throw new AppError('NOT_FOUND', { messageKey: 'errors.plan.notFound' });
    const decisions = await this.db
      .selectFrom('received_decision')
      .selectAll()
      .where('plan_id', '=', planId)
      .orderBy('decided_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const measures = await sql<{
      id: string;
      kind_code: string;
      category: string;
      planned_cents: number | null;
      approved_cents: number | null;
      authority_refused: number;
      paid: number;
    }>`
      SELECT m.id, m.kind_code, coalesce(k.category, '') AS category, m.planned_cents, m.approved_cents, m.authority_refused,
        coalesce((SELECT sum(p.cents) FROM received_payment p WHERE p.measure_id = m.id), 0) AS paid
      FROM measure m LEFT JOIN measure_kind k ON k.code = m.kind_code
      WHERE m.plan_id = ${planId} ORDER BY m.starts_on, m.kind_code, m.id`.execute(this.db);
    const payments = await this.db
      .selectFrom('received_payment')
      .select(['id', 'measure_id', 'paid_on', 'cents', 'payee'])
      .where('plan_id', '=', planId)
      .orderBy('paid_on')
      .orderBy('id')
      .execute();
    await recordAudit(this.db, actor, this.clock.now(), { action: 'open', entity: 'plan_decisions', entityId: planId });
    return {
      planId,
      authorityName: await this.authorityName(),
      authorityState: plan.authority_state,
      decisions: decisions.map((d) => ({
        id: d.id,
        outcome: d.outcome,
        comment: d.comment,
        decidedAt: d.decided_at,
        receivedAt: d.received_at,
        stale: d.stale === 1,
        planVersion: d.plan_version,
        measures: parseDecisionMeasures(d.measures),
      })),
      measures: measures.rows.map((m) => ({
        id: m.id,
        kindCode: m.kind_code,
        category: m.category,
        plannedCents: m.planned_cents,
        approvedCents: m.approved_cents,
        refused: m.authority_refused === 1,
        paidCents: Number(m.paid),
      })),
      payments: payments.map((p) => ({
        id: p.id,
        measureId: p.measure_id,
        paidOn: p.paid_on,
        cents: p.cents,
        payee: p.payee === 'student' ? 'student' : 'guardian',
      })),
    };
  }
}

/** The measures of a stored decision (JSON written by the importer from a checked record). */
function parseDecisionMeasures(json: string): PlanDecisions['decisions'][number]['measures'] {
  const parsed = decisionMeasuresSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}
