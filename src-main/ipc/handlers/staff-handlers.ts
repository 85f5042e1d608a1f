/** Staff accounts. */
import type { staffChannels } from '../../../src-shared/ipc/contract/staff';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';

export function staffHandlers({ services }: HandlerDeps): Pick<Handlers, keyof typeof staffChannels> {
  const { staff, sessions } = services;
  return {
    'staff:list': async (_input, ctx) => staff.list(ctx.actor),
    'staff:create': async (input, ctx) => staff.create(ctx.actor, input),
    'staff:update': async (input, ctx) => staff.update(ctx.actor, input),
    'staff:resetPassword': async (input, ctx) => {
      const { actor } = ctx;
      await staff.resetPassword(actor, input.id, input.password);
      // Whoever knew the old password is signed out everywhere (the coordinator resetting their own stays in).
      if (input.id !== actor.userId) sessions.endSessionsOf(input.id);
      return {};
    },
  };
}
