import { SCHEMA_VERSION } from '../../db/migrations/index';
import type { HandlerDeps } from './index';
import type { Handlers } from '../router';

type AppChannels = 'app:info' | 'catalog:municipalities' | 'org:get' | 'org:saveSchoolProfile';

export function appHandlers({ ports, services, municipalities }: HandlerDeps): Pick<Handlers, AppChannels> {
  return {
    'app:info': async () => ({
      appVersion: ports.appVersion,
      schemaVersion: SCHEMA_VERSION,
      organisation: await services.organisation.get(),
    }),
    'catalog:municipalities': () => [...municipalities],
    'org:get': () => services.organisation.get(),
    // Before set-up the router refuses with NOT_SET_UP: the first run goes through org:setUp.
    'org:saveSchoolProfile': (input, ctx) => services.organisation.updateSchoolProfile(ctx.actor, input),
  };
}
