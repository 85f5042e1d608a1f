/** The risk catalogue. */
import type { riskChannels } from '../../../src-shared/ipc/contract/risks';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';
import { signedInActor } from './signed-in';

export function riskHandlers({ services }: HandlerDeps): Pick<Handlers, keyof typeof riskChannels> {
  const { risks, sessions } = services;
  return {
    'risks:catalogue': async (_input, ctx) => risks.list(await signedInActor(sessions, ctx)),
    'risks:add': async (input, ctx) => risks.add(await signedInActor(sessions, ctx), input),
    'risks:retire': async (input, ctx) => risks.setRetired(await signedInActor(sessions, ctx), input.id, input.retired),
    'risks:delete': async (input, ctx) => {
      await risks.delete(await signedInActor(sessions, ctx), input.id);
      return {};
    },
  };
}
