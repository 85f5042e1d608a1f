/** Handlers of the national picture's channels (src-shared/ipc/contract/national.ts). */
import type { nationalChannels } from '../../../src-shared/ipc/contract/national';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';

type NationalChannel = keyof typeof nationalChannels;

export function nationalHandlers({ services }: HandlerDeps): Pick<Handlers, NationalChannel> {
  const { exchange } = services;
  const semester = (input: { semesterId?: string | undefined }) => (input.semesterId ? { semesterId: input.semesterId } : {});
  return {
    'exchange:statePreview': async (input, ctx) => exchange.stateReport.preview(ctx.actor, semester(input)),
    'state:reporters': async (input, ctx) => exchange.national.reporters(ctx.actor, semester(input)),
    'state:counts': async (input, ctx) => exchange.national.counts(ctx.actor, { ...semester(input), ...(input.senderId ? { senderId: input.senderId } : {}) }),
  };
}
