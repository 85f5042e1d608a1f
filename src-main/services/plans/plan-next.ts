/**
 * Carrying measures over to the next semester's plan. A measure is still
 * relevant when at least one risk it addresses is still there:
 *  - if the student already has a screening for the new semester: the risk
 *    is `present` in it (links to risks no longer present are dropped);
 *  - otherwise: the risk was not evaluated as `lessened` at semester end.
 * Copied measures take the new semester's dates, keep kind, planned amount,
 * justification and the responsible person (if still active). Consent is
 * not copied: each plan needs its own.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { presentRiskFactorIds } from '../../db/present-risks';
import type { DB } from '../../db/schema';
import type { SemesterTable } from '../../db/school-tables';
import { measureRiskLinks } from './plan-queries';
import type { PlanRow } from './plan-status';

export async function copyRelevantMeasures(trx: Transaction<DB>, previous: PlanRow, newPlanId: string, semester: SemesterTable, at: string): Promise<number> {
  const measures = await trx
    .selectFrom('measure')
    .innerJoin('measure_kind', 'measure_kind.code', 'measure.kind_code')
    .selectAll('measure')
    .select('measure_kind.active as kind_active')
    .where('plan_id', '=', previous.id)
    .orderBy(sql`measure.rowid`)
    .execute();
  if (measures.length === 0) return 0;
  const links = await measureRiskLinks(
    trx,
    measures.map((m) => m.id),
  );
  const screening = await trx
    .selectFrom('screening')
    .select('id')
    .where('student_id', '=', previous.student_id)
    .where('semester_id', '=', semester.id)
    .executeTakeFirst();
  let stillThere: (factorId: string) => boolean;
  if (screening) {
    const present = await presentRiskFactorIds(trx, previous.student_id, semester.id);
    stillThere = (id) => present.has(id);
  } else {
    const lessened = new Set(
      (await trx.selectFrom('risk_outcome').select('risk_factor_id').where('plan_id', '=', previous.id).where('change', '=', 'lessened').execute()).map(
        (r) => r.risk_factor_id,
      ),
    );
    stillThere = (id) => !lessened.has(id);
  }
  const activeStaff = new Set((await trx.selectFrom('staff_user').select('id').where('active', '=', 1).execute()).map((s) => s.id));
  let copied = 0;
  for (const m of measures) {
    if (m.kind_active !== 1) continue;
    const risks = links.filter((l) => l.measure_id === m.id && stillThere(l.risk_factor_id)).map((l) => l.risk_factor_id);
    if (risks.length === 0) continue;
    const id = randomUUID();
    await trx
      .insertInto('measure')
      .values({
        id,
        plan_id: newPlanId,
        kind_code: m.kind_code,
        planned_minutes: m.planned_minutes,
        planned_cents: m.planned_cents,
        responsible_id: m.responsible_id !== null && activeStaff.has(m.responsible_id) ? m.responsible_id : null,
        starts_on: semester.starts_on,
        ends_on: semester.ends_on,
        justification: m.justification,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await trx
      .insertInto('measure_risk')
      .values(risks.map((r) => ({ measure_id: id, risk_factor_id: r })))
      .execute();
    copied++;
  }
  return copied;
}
