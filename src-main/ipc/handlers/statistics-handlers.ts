/** The statistics screen: the school's own figures and effect estimates. */
import type { statisticsChannels } from '../../../src-shared/ipc/contract/statistics';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';

export function statisticsHandlers({ services }: HandlerDeps): Pick<Handlers, keyof typeof statisticsChannels> {
  const { statistics } = services;
  return {
    'stats:overview': async (input, ctx) => statistics.overview(ctx.actor, input),
    'stats:effectiveness': async (input, ctx) => statistics.effectiveness(ctx.actor, input),
  };
}
