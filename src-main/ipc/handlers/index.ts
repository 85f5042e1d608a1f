/**
 * Every channel's handler. Each domain keeps its handlers in its own file;
 * `Handlers` makes a channel without a handler a compile error.
 */
import type { Municipality } from '../../../src-shared/domain/organisation';
import type { AppPorts, AppServices } from '../../app/create-app';
import type { Handlers } from '../router';
import { appHandlers } from './app-handlers';
import { supportPlanHandlers } from './support-plan-handlers';

export interface HandlerDeps {
  ports: AppPorts;
  services: AppServices;
  municipalities: readonly Municipality[];
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...appHandlers(deps),
    ...supportPlanHandlers(deps.services.supportPlans),
  };
}
