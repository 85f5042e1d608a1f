/** The student register. */
import type { studentChannels } from '../../../src-shared/ipc/contract/students';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';

export function studentHandlers({ services }: HandlerDeps): Pick<Handlers, keyof typeof studentChannels> {
  const { students } = services;
  return {
    'students:list': async (input, ctx) => students.list(ctx.actor, input),
    'students:get': async (input, ctx) => students.get(ctx.actor, input.id),
    'students:create': async (input, ctx) => students.create(ctx.actor, input),
    'students:update': async (input, ctx) => students.update(ctx.actor, input),
    'students:setGuardians': async (input, ctx) => students.setGuardians(ctx.actor, input),
  };
}
