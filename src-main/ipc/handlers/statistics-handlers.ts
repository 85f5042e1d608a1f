/** The statistics screen: the school's own figures and effect estimates. */
import type { statisticsChannels } from '../../../src-shared/ipc/contract/statistics';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';
import { signedInActor } from './signed-in';

export function statisticsHandlers({ services }: HandlerDeps): Pick<Handlers, keyof typeof statisticsChannels> {
  const { statistics, sessions } = services;
  return {
    'stats:overview': async (input, ctx) => statistics.overview(await signedInActor(sessions, ctx), input),
    'stats:effectiveness': async (input, ctx) => statistics.effectiveness(await signedInActor(sessions, ctx), input),
  };
}
