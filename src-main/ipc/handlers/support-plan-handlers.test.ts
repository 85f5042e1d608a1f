/**
 * Every support-plan channel through the real router: input parsing, the
 * actor from the session, the service, and output parsing (a mismatch
 * between a service's result and the channel's output schema would come
 * back as INTERNAL).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src-shared/domain/roles';
import { supportPlanChannels } from '../../../src-shared/ipc/contract/support-plans';
import type { Result } from '../../../src-shared/ipc/result';
import { fixedClock } from '../../ports/clock';
import { silentLogger } from '../../ports/logger';
import { createSupportPlanServices } from '../../services/plans/support-plan-services';
import { actorOf, makeSchoolFixture, SEMESTER_1, type SchoolFixture } from '../../services/testing/school-fixture';
import { createRouter, type Handlers, type Router } from '../router';
import { supportPlanHandlers } from './support-plan-handlers';

let fx: SchoolFixture;
let router: Router;
const signedIn = new Map<string, Actor>([
  ['author-window', actorOf('author')],
  ['director-window', actorOf('director')],
  ['spec-window', actorOf('specialist')],
  ['coord-window', actorOf('coordinator')],
]);

beforeEach(async () => {
  fx = await makeSchoolFixture();
  const services = createSupportPlanServices(fx.db, fixedClock('2025-10-20T10:00:00Z'), {
    touch: async (clientId) => ({ actor: signedIn.get(clientId) ?? null, expired: clientId === 'expired-window' }),
  });
  router = createRouter(supportPlanHandlers(services) as unknown as Handlers, { log: silentLogger, sessions: services.sessions, mode: async () => 'school' });
});
afterEach(() => fx.close());

const called = new Set<string>();
async function call<T = Record<string, unknown>>(client: string, channel: keyof typeof supportPlanChannels, input: unknown): Promise<T> {
  called.add(channel);
  const result = (await router.invoke(channel, input, { clientId: client, emit: () => {} })) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('support-plan channels', () => {
  it('carry a student through screening, plan, approval, deliveries and semester end', async () => {
    const student = fx.students.minor;
    await call('author-window', 'screening:get', { studentId: student, semesterId: SEMESTER_1 });
    await call('author-window', 'screening:save', {
      studentId: student,
      semesterId: SEMESTER_1,
      screenedOn: '2025-09-10',
      answers: [{ riskFactorId: 'school.absences', answer: 'present', justification: 'Kavē' }],
    });
    await call('coord-window', 'riskLevel:saveRule', { rule: { levels: [{ level: 'high', minGroups: 1, minPresent: null }] } });
    expect(await call('author-window', 'riskLevel:getRule', {})).toMatchObject({ isDefault: false });

    const kinds = await call<{ code: string }[]>('author-window', 'measureKinds:list', {});
    expect(kinds).toHaveLength(15);
    await call('coord-window', 'measureKinds:update', {
      kinds: [{ code: 'compensation.meals', category: 'compensation', labelLv: 'Ēdināšana', labelEn: 'Meals', rateCents: null, capCents: 10000, active: true }],
    });

    let plan = await call<{ id: string; version: number; measures: { id: string }[] }>('author-window', 'plans:create', {
      studentId: student,
      semesterId: SEMESTER_1,
    });
    plan = await call('author-window', 'plans:update', {
      planId: plan.id,
      version: plan.version,
      goals: 'Mērķi',
      consent: { by: 'Tēvs', relation: 'father', on: '2025-09-11' },
      measures: [
        {
          kindCode: 'consultation.teacher',
          plannedMinutes: 90,
          startsOn: '2025-09-15',
          endsOn: '2025-12-19',
          justification: 'Palīdzība',
          riskFactorIds: ['school.absences'],
        },
      ],
    });
    plan = await call('author-window', 'plans:transition', { planId: plan.id, version: plan.version, action: 'submit' });
    expect(await call<unknown[]>('director-window', 'plans:listWaiting', {})).toHaveLength(1);
    plan = await call('director-window', 'plans:transition', { planId: plan.id, version: plan.version, action: 'approve', comment: 'Labi' });
    await call('director-window', 'plans:get', { planId: plan.id });
    expect(await call('author-window', 'plans:summary', {})).toMatchObject({ semesterId: SEMESTER_1, byStatus: { approved: 1 } });
    expect(await call('author-window', 'plans:listOpen', {})).toMatchObject({ semesterId: SEMESTER_1, plans: [{ status: 'approved', evaluated: 0 }] });
    expect(await call('author-window', 'screening:riskSummary', {})).toMatchObject({ semesterId: SEMESTER_1, total: 1 });

    const added = await call<{ status: string; measures: { deliveries: { id: string }[] }[] }>('spec-window', 'deliveries:add', {
      measureId: plan.measures[0]!.id,
      deliveredOn: '2025-10-01',
      minutes: 45,
      studentConfirmed: true,
    });
    expect(added.status).toBe('active');
    await call('spec-window', 'deliveries:add', { measureId: plan.measures[0]!.id, deliveredOn: '2025-10-02', minutes: 30 });
    await call('spec-window', 'deliveries:remove', { deliveryId: added.measures[0]!.deliveries[0]!.id });
    expect(await call('author-window', 'deliveries:listForPlan', { planId: plan.id })).toMatchObject({ measures: [{ planned: 90, delivered: 30 }] });
    expect(await call('author-window', 'deliveries:month', { month: '2025-10' })).toMatchObject({ count: 1, consultationMinutes: 30 });
    expect(await call('author-window', 'deliveries:spending', { semesterId: SEMESTER_1 })).toMatchObject({ semesterId: SEMESTER_1 });

    let end = await call<{ version: number }>('author-window', 'semesterEnd:get', { planId: plan.id });
    end = await call('author-window', 'semesterEnd:save', {
      planId: plan.id,
      version: end.version,
      measures: [{ measureId: plan.measures[0]!.id, delivered: 'partial' }],
      risks: [{ riskFactorId: 'school.absences', change: 'lessened' }],
      studentOutcome: 'continues',
    });
    expect(await call('author-window', 'semesterEnd:close', { planId: plan.id, version: end.version })).toMatchObject({ status: 'inactive' });

    const next = await call<{ id: string; version: number }>('author-window', 'plans:startNext', { previousPlanId: plan.id });
    expect(await call<unknown[]>('author-window', 'plans:listForStudent', { studentId: student })).toHaveLength(2);
    expect(await call('author-window', 'plans:delete', { planId: next.id, version: next.version })).toEqual({ deleted: true });

    expect([...called].sort()).toEqual(Object.keys(supportPlanChannels).sort());
  });

  it('return field errors with message keys, and refuse callers who are not signed in', async () => {
    const bad = await router.invoke('deliveries:month', { month: '2025-13' }, { clientId: 'author-window', emit: () => {} });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'month', messageKey: 'errors.field.month' }] } } });
    const complete = await router.invoke('plans:transition', { planId: 'p', version: 1, action: 'complete' }, { clientId: 'author-window', emit: () => {} });
    expect(complete).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'action' }] } } });
    const kinds = { kinds: [{ code: 'ngo.project', category: 'ngo', labelLv: 'NVO', labelEn: 'NGO', rateCents: null, capCents: null, active: false }] };
    const forbidden = await router.invoke('measureKinds:update', kinds, { clientId: 'author-window', emit: () => {} });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const anonymous = await router.invoke('plans:summary', {}, { clientId: 'nobody', emit: () => {} });
    expect(anonymous).toEqual({ ok: false, error: { code: 'NOT_SIGNED_IN', messageKey: 'errors.code.NOT_SIGNED_IN' } });
    const events: unknown[] = [];
    const expired = await router.invoke('plans:summary', {}, { clientId: 'expired-window', emit: (event, payload) => events.push({ event, payload }) });
    expect(expired).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(events).toEqual([{ event: 'session:changed', payload: { signedIn: false } }]);
  });
});
