/** Handlers of the national picture's channels (src-shared/ipc/contract/national.ts). */
import type { nationalChannels } from '../../../src-shared/ipc/contract/national';
import type { CallContext, Handlers } from '../router';
import type { HandlerDeps } from './index';
import { signedInActor } from './signed-in';

type NationalChannel = keyof typeof nationalChannels;

export function nationalHandlers({ services }: HandlerDeps): Pick<Handlers, NationalChannel> {
  const { exchange, sessions } = services;
  const actor = (ctx: CallContext) => signedInActor(sessions, ctx);
  const semester = (input: { semesterId?: string | undefined }) => (input.semesterId ? { semesterId: input.semesterId } : {});
  return {
    'exchange:statePreview': async (input, ctx) => exchange.stateReport.preview(await actor(ctx), semester(input)),
    'state:reporters': async (input, ctx) => exchange.national.reporters(await actor(ctx), semester(input)),
    'state:counts': async (input, ctx) => exchange.national.counts(await actor(ctx), { ...semester(input), ...(input.senderId ? { senderId: input.senderId } : {}) }),
  };
}
