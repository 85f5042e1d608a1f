import { SCHEMA_VERSION } from '../../db/migrations/index';
import type { HandlerDeps } from './index';
import type { Handlers } from '../router';
import { signedInActor } from './signed-in';

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
    'org:saveSchoolProfile': async (input, ctx) => {
      if (await services.organisation.isSetUp()) {
        return services.organisation.updateSchoolProfile(await signedInActor(services.sessions, ctx), input);
      }
      // TRANSITIONAL: the first-run screen still saves the profile here before set-up
      // (tests/e2e/school-setup.spec.ts). Once it calls org:setUp, remove this line:
      // updateSchoolProfile then refuses with NOT_SET_UP and points to org:setUp.
      return services.organisation.saveSchoolProfile(input);
    },
  };
}
