/**
 * What a school sees of its municipality's work (issue 9): each plan's
 * status and where it stands with the municipality (who it waits for, the
 * decision, approved amounts, payments), the next package deadline, and
 * the youth NGO projects register.
 */
import { sql, type Kysely } from 'kysely';
import type { AuthorityState, DecisionOutcome } from '../../../src-shared/domain/decisions';
import type { Actor } from '../../../src-shared/domain/roles';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { requireMode, requirePermission } from '../access';
import { localDay } from '../../../src-shared/domain/plan-fields';
import { receivedSettings } from './school-authority';

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
    const measures = await sql<{ id: string; plan_id: string; kind_code: string; planned_cents: number | null; approved_cents: number | null; authority_refused: number; paid: number }>`
      SELECT m.id, m.plan_id, m.kind_code, m.planned_cents, m.approved_cents, m.authority_refused,
        coalesce((SELECT sum(p.cents) FROM received_payment p WHERE p.measure_id = m.id), 0) AS paid
      FROM measure m ORDER BY m.plan_id, m.starts_on, m.kind_code, m.id`.execute(this.db);
    const byPlan = new Map<string, SchoolPlanDecisionRow['measures']>();
    for (const m of measures.rows) {
      const list = byPlan.get(m.plan_id) ?? [];
      list.push({ id: m.id, kindCode: m.kind_code, plannedCents: m.planned_cents, approvedCents: m.approved_cents, refused: m.authority_refused === 1, paidCents: Number(m.paid) });
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
}
