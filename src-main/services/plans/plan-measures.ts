/**
 * Writing a draft plan's measures: each input is checked against the kind
 * configuration, the semester and the staff list, then measures are
 * inserted, updated or removed to match the input. A measure with
 * deliveries cannot be removed, change kind, or shrink its period past a
 * delivery (a revised plan keeps what was already given).
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { ParsedMeasureInput } from '../../../src-shared/domain/plan';
import { AppError, type FieldError } from '../../../src-shared/ipc/result';
import type { DB } from '../../db/schema';
import type { SemesterTable } from '../../db/school-tables';

export async function writeMeasures(
  trx: Transaction<DB>,
  planId: string,
  semester: SemesterTable,
  inputs: readonly ParsedMeasureInput[],
  at: string,
): Promise<void> {
  const kinds = new Map((await trx.selectFrom('measure_kind').selectAll().execute()).map((k) => [k.code, k]));
  const factorIds = new Set((await trx.selectFrom('risk_factor').select('id').execute()).map((f) => f.id));
  const projects = new Set((await trx.selectFrom('received_youth_project').select('id').execute()).map((p) => p.id));
  const staff = new Map((await trx.selectFrom('staff_user').select(['id', 'active']).execute()).map((s) => [s.id, s.active]));
  const existing = new Map((await trx.selectFrom('measure').selectAll().where('plan_id', '=', planId).execute()).map((m) => [m.id, m]));
  const deliveryRows = existing.size
    ? await trx
        .selectFrom('delivery')
        .select(['measure_id', 'delivered_on'])
        .where('measure_id', 'in', [...existing.keys()])
        .execute()
    : [];
  const deliveriesOf = (id: string) => deliveryRows.filter((d) => d.measure_id === id).map((d) => d.delivered_on);

  const problems: FieldError[] = [];
  inputs.forEach((m, i) => {
    const at = (field: string, messageKey: string, params?: Record<string, string>) =>
      problems.push({ path: `measures.${i}.${field}`, messageKey, ...(params ? { params } : {}) });
    const old = m.id === undefined ? undefined : existing.get(m.id);
    if (m.id !== undefined && !old) at('id', 'errors.measure.notInPlan');
    const kind = kinds.get(m.kindCode);
    if (!kind || (kind.active !== 1 && old?.kind_code !== m.kindCode)) at('kindCode', 'errors.measure.kindUnavailable');
    if (kind?.category === 'consultation') {
      if (m.plannedMinutes === null) at('plannedMinutes', 'errors.measure.plannedMinutesRequired');
      if (m.plannedCents !== null) at('plannedCents', 'errors.measure.amountNotForKind');
    } else if (kind?.category === 'compensation') {
      if (m.plannedCents === null) at('plannedCents', 'errors.measure.plannedCentsRequired');
      if (m.plannedMinutes !== null) at('plannedMinutes', 'errors.measure.amountNotForKind');
    } else if (kind?.category === 'ngo') {
      if (m.plannedMinutes !== null) at('plannedMinutes', 'errors.measure.amountNotForKind');
      if (m.plannedCents !== null) at('plannedCents', 'errors.measure.amountNotForKind');
    }
    if (m.startsOn < semester.starts_on || m.startsOn > semester.ends_on)
      at('startsOn', 'errors.measure.outsideSemester', { startsOn: semester.starts_on, endsOn: semester.ends_on });
    if (m.endsOn < semester.starts_on || m.endsOn > semester.ends_on)
      at('endsOn', 'errors.measure.outsideSemester', { startsOn: semester.starts_on, endsOn: semester.ends_on });
    if (m.startsOn > m.endsOn) at('endsOn', 'errors.measure.endsBeforeStart');
    if (m.responsibleId !== null && staff.get(m.responsibleId) !== 1) at('responsibleId', 'errors.measure.responsibleUnknown');
    if (m.youthProjectId !== null) {
      if (kind && kind.category !== 'ngo') at('youthProjectId', 'errors.decisions.youthProjectNotNgo');
      // A project the municipality has dropped since may stay where it was chosen, not be chosen anew.
      else if (!projects.has(m.youthProjectId) && old?.youth_project_id !== m.youthProjectId) at('youthProjectId', 'errors.decisions.youthProjectUnknown');
    }
    for (const id of m.riskFactorIds) if (!factorIds.has(id)) at('riskFactorIds', 'errors.screening.unknownFactor', { factorId: id });
    if (old) {
      const delivered = deliveriesOf(old.id);
      if (delivered.length > 0 && old.kind_code !== m.kindCode) at('kindCode', 'errors.measure.hasDeliveries');
      if (delivered.some((d) => d < m.startsOn || d > m.endsOn)) at('startsOn', 'errors.measure.deliveriesOutsidePeriod');
    }
  });
  const kept = new Set(inputs.map((m) => m.id).filter((id) => id !== undefined));
  if (kept.size !== inputs.filter((m) => m.id !== undefined).length) problems.push({ path: 'measures', messageKey: 'errors.measure.duplicate' });
  for (const id of existing.keys()) {
    if (!kept.has(id) && deliveriesOf(id).length > 0)
      problems.push({ path: 'measures', messageKey: 'errors.measure.hasDeliveries', params: { measureId: id } });
  }
  if (problems.length > 0) throw AppError.validation(problems);

  const removed = [...existing.keys()].filter((id) => !kept.has(id));
  if (removed.length > 0) await trx.deleteFrom('measure').where('id', 'in', removed).execute();
  for (const m of inputs) {
    const values = {
      kind_code: m.kindCode,
      planned_minutes: m.plannedMinutes,
      planned_cents: m.plannedCents,
      responsible_id: m.responsibleId,
      starts_on: m.startsOn,
      ends_on: m.endsOn,
      justification: m.justification,
      youth_project_id: m.youthProjectId,
      updated_at: at,
    };
    const old = m.id === undefined ? undefined : existing.get(m.id);
    const id = old?.id ?? randomUUID();
    if (old) {
      await trx
        .updateTable('measure')
        .set({ ...values, version: old.version + 1 })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('measure_risk').where('measure_id', '=', id).execute();
    } else {
      await trx
        .insertInto('measure')
        .values({ id, plan_id: planId, ...values, created_at: at })
        .execute();
    }
    const risks = [...new Set(m.riskFactorIds)];
    if (risks.length > 0)
      await trx
        .insertInto('measure_risk')
        .values(risks.map((r) => ({ measure_id: id, risk_factor_id: r })))
        .execute();
  }
}
