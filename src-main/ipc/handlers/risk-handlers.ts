/** The risk catalogue. */
import type { riskChannels } from '../../../src-shared/ipc/contract/risks';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';

export function riskHandlers({ services }: HandlerDeps): Pick<Handlers, keyof typeof riskChannels> {
  const { risks } = services;
  return {
    'risks:catalogue': async (_input, ctx) => risks.list(ctx.actor),
    'risks:add': async (input, ctx) => risks.add(ctx.actor, input),
    'risks:retire': async (input, ctx) => risks.setRetired(ctx.actor, input.id, input.retired),
    'risks:delete': async (input, ctx) => {
      await risks.delete(ctx.actor, input.id);
      return {};
    },
  };
}
