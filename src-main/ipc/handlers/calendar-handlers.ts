/** The school calendar. */
import type { calendarChannels } from '../../../src-shared/ipc/contract/calendar';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';
import { signedInActor } from './signed-in';

export function calendarHandlers({ services }: HandlerDeps): Pick<Handlers, keyof typeof calendarChannels> {
  const { calendar, sessions } = services;
  return {
    'calendar:list': async (_input, ctx) => calendar.list(await signedInActor(sessions, ctx)),
    'calendar:current': async (_input, ctx) => calendar.current(await signedInActor(sessions, ctx)),
    'calendar:saveYear': async (input, ctx) => calendar.saveYear(await signedInActor(sessions, ctx), input),
  };
}
