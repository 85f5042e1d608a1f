/**
 * Every channel's handler. Each domain keeps its handlers in its own file;
 * `Handlers` makes a channel without a handler a compile error.
 */
import type { Municipality } from '../../../src-shared/domain/organisation';
import type { AppPorts, AppServices } from '../../app/create-app';
import type { Handlers } from '../router';
import { appHandlers } from './app-handlers';
import { authHandlers } from './auth-handlers';
import { calendarHandlers } from './calendar-handlers';
import { exchangeHandlers } from './exchange-handlers';
import { printHandlers } from './print-handlers';
import { riskHandlers } from './risk-handlers';
import { staffHandlers } from './staff-handlers';
import { studentHandlers } from './student-handlers';
import { supportPlanHandlers } from './support-plan-handlers';

export interface HandlerDeps {
  ports: AppPorts;
  services: AppServices;
  municipalities: readonly Municipality[];
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...appHandlers(deps),
    ...authHandlers(deps),
    ...staffHandlers(deps),
    ...calendarHandlers(deps),
    ...studentHandlers(deps),
    ...riskHandlers(deps),
    ...supportPlanHandlers(deps.services.supportPlans),
    ...exchangeHandlers(deps),
    ...printHandlers(deps),
  };
}
