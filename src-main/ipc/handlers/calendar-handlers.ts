/** The school calendar. */
import type { calendarChannels } from '../../../src-shared/ipc/contract/calendar';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';

export function calendarHandlers({ services }: HandlerDeps): Pick<Handlers, keyof typeof calendarChannels> {
  const { calendar } = services;
  return {
    'calendar:list': async (_input, ctx) => calendar.list(ctx.actor),
    'calendar:current': async (_input, ctx) => calendar.current(ctx.actor),
    'calendar:saveYear': async (input, ctx) => calendar.saveYear(ctx.actor, input),
  };
}
