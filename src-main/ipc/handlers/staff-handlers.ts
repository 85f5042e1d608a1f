/** Staff accounts. */
import type { staffChannels } from '../../../src-shared/ipc/contract/staff';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';
import { signedInActor } from './signed-in';

export function staffHandlers({ services }: HandlerDeps): Pick<Handlers, keyof typeof staffChannels> {
  const { staff, sessions } = services;
  return {
    'staff:list': async (_input, ctx) => staff.list(await signedInActor(sessions, ctx)),
    'staff:create': async (input, ctx) => staff.create(await signedInActor(sessions, ctx), input),
    'staff:update': async (input, ctx) => staff.update(await signedInActor(sessions, ctx), input),
    'staff:resetPassword': async (input, ctx) => {
      const actor = await signedInActor(sessions, ctx);
      await staff.resetPassword(actor, input.id, input.password);
      // Whoever knew the old password is signed out everywhere (the coordinator resetting their own stays in).
      if (input.id !== actor.userId) sessions.endSessionsOf(input.id);
      return {};
    },
  };
}
