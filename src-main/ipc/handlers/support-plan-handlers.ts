/**
 * Handlers for screening, plans, measure kinds, deliveries and semester end.
 * Each finds the signed-in actor from the caller's client id; the services
 * check permissions themselves.
 */
import type { supportPlanChannels } from '../../../src-shared/ipc/contract/support-plans';
import { AppError } from '../../../src-shared/ipc/result';
import type { SupportPlanServices } from '../../services/support-plan-services';
import type { CallContext, Handlers } from '../router';

type SupportPlanChannel = keyof typeof supportPlanChannels;

export function supportPlanHandlers(s: SupportPlanServices): Pick<Handlers, SupportPlanChannel> {
  // The same rule as every other area: touching the session keeps it alive; an idle one ends and the window is told.
  const actor = async (ctx: CallContext) => {
    const state = await s.sessions.touch(ctx.clientId);
    if (state.expired) ctx.emit('session:changed', { signedIn: false });
    if (!state.actor) throw new AppError('NOT_SIGNED_IN');
    return state.actor;
  };
  return {
    'screening:get': async (input, ctx) => s.screenings.get(await actor(ctx), input.studentId, input.semesterId),
    'screening:save': async (input, ctx) => s.screenings.save(await actor(ctx), input),
    'screening:riskSummary': async (input, ctx) => s.screenings.riskSummary(await actor(ctx), input.semesterId),
    'riskLevel:getRule': async (_input, ctx) => s.screenings.getLevelRule(await actor(ctx)),
    'riskLevel:saveRule': async (input, ctx) => s.screenings.saveLevelRule(await actor(ctx), input.rule),

    'plans:get': async (input, ctx) => s.plans.get(await actor(ctx), input.planId),
    'plans:listForStudent': async (input, ctx) => s.plans.listForStudent(await actor(ctx), input.studentId),
    'plans:create': async (input, ctx) => s.plans.create(await actor(ctx), input),
    'plans:update': async (input, ctx) => s.plans.update(await actor(ctx), input),
    'plans:transition': async (input, ctx) => s.plans.transition(await actor(ctx), input),
    'plans:delete': async (input, ctx) => s.plans.delete(await actor(ctx), input),
    'plans:startNext': async (input, ctx) => s.plans.startNext(await actor(ctx), input),
    'plans:listWaiting': async (_input, ctx) => s.plans.listWaiting(await actor(ctx)),
    'plans:summary': async (input, ctx) => s.plans.summary(await actor(ctx), input.semesterId),
    'plans:listOpen': async (input, ctx) => s.semesterEnd.listOpen(await actor(ctx), input.semesterId),

    'measureKinds:list': async (_input, ctx) => s.measureKinds.list(await actor(ctx)),
    'measureKinds:update': async (input, ctx) => s.measureKinds.update(await actor(ctx), input),

    'deliveries:listForPlan': async (input, ctx) => s.deliveries.listForPlan(await actor(ctx), input.planId),
    'deliveries:add': async (input, ctx) => s.deliveries.add(await actor(ctx), input),
    'deliveries:remove': async (input, ctx) => s.deliveries.remove(await actor(ctx), input.deliveryId),
    'deliveries:month': async (input, ctx) => s.deliveries.month(await actor(ctx), input.month),
    'deliveries:spending': async (input, ctx) => s.deliveries.spending(await actor(ctx), input.semesterId),

    'semesterEnd:get': async (input, ctx) => s.semesterEnd.get(await actor(ctx), input.planId),
    'semesterEnd:save': async (input, ctx) => s.semesterEnd.save(await actor(ctx), input),
    'semesterEnd:close': async (input, ctx) => s.semesterEnd.close(await actor(ctx), input),
  };
}
