/** Reading plans: the full view, list rows with the student's name, counts. */
import { sql, type Kysely } from 'kysely';
import type { PlanListItem, PlanView } from '../../../src-shared/domain/plan';
import { availableActions, isOwnReview, type PlanStatus } from '../../../src-shared/domain/plan-lifecycle';
import { can, permissionsOf, type Actor } from '../../../src-shared/domain/roles';
import type { DB } from '../../db/schema';
import type { PlanRow } from './plan-status';

/** The risk links (measure_risk rows) of these measures, by risk factor id; none for no measures. */
export async function measureRiskLinks(db: Kysely<DB>, measureIds: readonly string[]) {
  if (measureIds.length === 0) return [];
  return db.selectFrom('measure_risk').selectAll().where('measure_id', 'in', measureIds).orderBy('risk_factor_id').execute();
}

/** A plan's consent, or null until all three parts (who, relation, date) are given. */
export function consentOf(plan: Pick<PlanRow, 'consent_by' | 'consent_relation' | 'consent_on'>): PlanView['consent'] {
  return plan.consent_by !== null && plan.consent_relation !== null && plan.consent_on !== null
    ? { by: plan.consent_by, relation: plan.consent_relation, on: plan.consent_on }
    : null;
}

export async function planView(db: Kysely<DB>, plan: PlanRow, actor: Actor): Promise<PlanView> {
  const measures = await db
    .selectFrom('measure')
    .innerJoin('measure_kind', 'measure_kind.code', 'measure.kind_code')
    .selectAll('measure')
    .select('measure_kind.category')
    .where('plan_id', '=', plan.id)
    .orderBy(sql`measure.rowid`)
    .execute();
  const links = await measureRiskLinks(
    db,
    measures.map((m) => m.id),
  );
  const history = await db.selectFrom('plan_status_change').selectAll().where('plan_id', '=', plan.id).orderBy('id').execute();
  const deliveries = await countDeliveries(db, plan.id);
  const outcome =
    plan.status === 'inactive' ? await db.selectFrom('plan_outcome').select('plan_id').where('plan_id', '=', plan.id).executeTakeFirst() : undefined;
  const actions = availableActions(plan.status, permissionsOf(actor.roles)).filter((a) => !isOwnReview(a, plan.author_id, actor.userId));
  return {
    id: plan.id,
    code: plan.code,
    studentId: plan.student_id,
    semesterId: plan.semester_id,
    status: plan.status,
    goals: plan.goals,
    authorId: plan.author_id,
    consent: consentOf(plan),
    previousPlanId: plan.previous_plan_id,
    closedAt: plan.closed_at,
    // Deactivating needs a comment and no outcome; closing at semester end needs the outcome and takes no comment.
    completed: outcome !== undefined && history.at(-1)?.to_status === 'inactive' && history.at(-1)?.comment === '',
    version: plan.version,
    createdAt: plan.created_at,
    updatedAt: plan.updated_at,
    measures: measures.map((m) => ({
      id: m.id,
      kindCode: m.kind_code,
      category: m.category,
      plannedMinutes: m.planned_minutes,
      plannedCents: m.planned_cents,
      responsibleId: m.responsible_id,
      startsOn: m.starts_on,
      endsOn: m.ends_on,
      justification: m.justification,
      riskFactorIds: links.filter((l) => l.measure_id === m.id).map((l) => l.risk_factor_id),
      youthProjectId: m.youth_project_id,
      version: m.version,
    })),
    history: history.map((h) => ({ from: h.from_status, to: h.to_status, comment: h.comment, changedBy: h.changed_by, changedAt: h.changed_at })),
    allowedActions: actions,
    deletable: plan.status === 'draft' && deliveries === 0 && can(actor.roles, 'plan.write'),
  };
}

export async function countDeliveries(db: Kysely<DB>, planId: string): Promise<number> {
  const row = await db
    .selectFrom('delivery')
    .innerJoin('measure', 'measure.id', 'delivery.measure_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('measure.plan_id', '=', planId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function planListQuery(db: Kysely<DB>) {
  return db
    .selectFrom('plan')
    .innerJoin('student', 'student.id', 'plan.student_id')
    .innerJoin('semester', 'semester.id', 'plan.semester_id')
    .select([
      'plan.id',
      'plan.code',
      'plan.student_id',
      'plan.semester_id',
      'plan.status',
      'plan.author_id',
      'plan.updated_at',
      'student.first_name',
      'student.last_name',
      'student.class_label',
      'student.grade',
      'student.education_level',
      'semester.ends_on',
    ]);
}

export function toListItem(r: {
  id: string;
  code: string;
  student_id: string;
  semester_id: string;
  status: PlanStatus;
  author_id: string;
  updated_at: string;
  first_name: string;
  last_name: string;
  class_label: string;
}): PlanListItem {
  return {
    id: r.id,
    code: r.code,
    studentId: r.student_id,
    studentName: `${r.first_name} ${r.last_name}`,
    classLabel: r.class_label,
    semesterId: r.semester_id,
    status: r.status,
    authorId: r.author_id,
    updatedAt: r.updated_at,
  };
}
