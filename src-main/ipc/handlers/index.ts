/**
 * Every channel's handler. Each domain keeps its handlers in its own file;
 * `Handlers` makes a channel without a handler a compile error. The router
 * has checked the channel's declared access before a handler runs: a
 * signed-in channel's handler finds the caller in `ctx.actor`.
 */
import type { Municipality } from '../../../src-shared/domain/organisation';
import type { AppPorts } from '../../ports/app-ports';
import type { AppServices } from '../../services/app-services';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Handlers } from '../router';
import { appHandlers } from './app-handlers';
import { authHandlers } from './auth-handlers';
import { calendarHandlers } from './calendar-handlers';
import { dataSafetyHandlers } from './data-safety-handlers';
import { decisionHandlers } from './decision-handlers';
import { exchangeHandlers } from './exchange-handlers';
import { nationalHandlers } from './national-handlers';
import { journalHandlers } from './journal-handlers';
import { printHandlers } from './print-handlers';
import { riskHandlers } from './risk-handlers';
import { schoolDecisionHandlers } from './school-decision-handlers';
import { staffHandlers } from './staff-handlers';
import { statisticsHandlers } from './statistics-handlers';
import { studentHandlers } from './student-handlers';
import { supportPlanHandlers } from './support-plan-handlers';

export interface HandlerDeps {
  ports: AppPorts;
  services: AppServices;
  municipalities: readonly Municipality[];
  /** For the few handlers that write an audit row themselves (print:savePdf). */
  db: Kysely<DB>;
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
    ...nationalHandlers(deps),
    ...printHandlers(deps),
    ...journalHandlers(deps),
    ...dataSafetyHandlers(deps),
    ...statisticsHandlers(deps),
    ...decisionHandlers(deps),
    ...schoolDecisionHandlers(deps),
  };
}
