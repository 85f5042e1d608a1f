/**
 * Handlers for screening, plans, measure kinds, deliveries and semester end.
 * The router has found the caller and checked the channel's access; the
 * services add their finer rules (who may take which step of a plan).
 */
import type { supportPlanChannels } from '../../../src-shared/ipc/contract/support-plans';
import type { SupportPlanServices } from '../../services/plans/support-plan-services';
import type { Handlers } from '../router';

type SupportPlanChannel = keyof typeof supportPlanChannels;

export function supportPlanHandlers(s: SupportPlanServices): Pick<Handlers, SupportPlanChannel> {
  return {
    'screening:get': async (input, ctx) => s.screenings.get(ctx.actor, input.studentId, input.semesterId),
    'screening:save': async (input, ctx) => s.screenings.save(ctx.actor, input),
    'screening:riskSummary': async (input, ctx) => s.screenings.riskSummary(ctx.actor, input.semesterId),
    'riskLevel:getRule': async (_input, ctx) => s.screenings.getLevelRule(ctx.actor),
    'riskLevel:saveRule': async (input, ctx) => s.screenings.saveLevelRule(ctx.actor, input.rule),

    'plans:get': async (input, ctx) => s.plans.get(ctx.actor, input.planId),
    'plans:listForStudent': async (input, ctx) => s.plans.listForStudent(ctx.actor, input.studentId),
    'plans:create': async (input, ctx) => s.plans.create(ctx.actor, input),
    'plans:update': async (input, ctx) => s.plans.update(ctx.actor, input),
    'plans:transition': async (input, ctx) => s.plans.transition(ctx.actor, input),
    'plans:delete': async (input, ctx) => s.plans.delete(ctx.actor, input),
    'plans:startNext': async (input, ctx) => s.plans.startNext(ctx.actor, input),
    'plans:listWaiting': async (_input, ctx) => s.plans.listWaiting(ctx.actor),
    'plans:summary': async (input, ctx) => s.plans.summary(ctx.actor, input.semesterId),
    'plans:listOpen': async (input, ctx) => s.semesterEnd.listOpen(ctx.actor, input.semesterId),

    'measureKinds:list': async (_input, ctx) => s.measureKinds.list(ctx.actor),
    'measureKinds:update': async (input, ctx) => s.measureKinds.update(ctx.actor, input),

    'deliveries:listForPlan': async (input, ctx) => s.deliveries.listForPlan(ctx.actor, input.planId),
    'deliveries:add': async (input, ctx) => s.deliveries.add(ctx.actor, input),
    'deliveries:remove': async (input, ctx) => s.deliveries.remove(ctx.actor, input.deliveryId),
    'deliveries:month': async (input, ctx) => s.deliveries.month(ctx.actor, input.month),
    'deliveries:spending': async (input, ctx) => s.deliveries.spending(ctx.actor, input.semesterId),

    'semesterEnd:get': async (input, ctx) => s.semesterEnd.get(ctx.actor, input.planId),
    'semesterEnd:save': async (input, ctx) => s.semesterEnd.save(ctx.actor, input),
    'semesterEnd:close': async (input, ctx) => s.semesterEnd.close(ctx.actor, input),
  };
}
