/** The municipality's decisions and what a school receives of them, built together for the composition root (issue 9). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { CalendarService } from '../school/calendar-service';
import type { ExchangeKeyService } from '../exchange/keys-service';
import { AuthorityDecisionService } from './authority-decision-service';
import { DecisionsImportService } from './decisions-import-service';
import { SchoolDecisionsView } from './school-decisions-view';

export interface DecisionServices {
  authority: AuthorityDecisionService;
  importer: DecisionsImportService;
  school: SchoolDecisionsView;
}

export function createDecisionServices(deps: {
  db: Kysely<DB>;
  clock: Clock;
  log: Logger;
  keys: ExchangeKeyService;
  calendar: CalendarService;
  appVersion: string;
  /** An encrypted copy of the database before an import (db/connection.ts keeps the last N); absent in some tests. */
  backup?: () => Promise<unknown>;
}): DecisionServices {
  return {
    authority: new AuthorityDecisionService(deps.db, deps.clock, deps.keys, deps.calendar, deps.appVersion),
    importer: new DecisionsImportService(deps.db, deps.clock, deps.keys, deps.log, deps.backup),
    school: new SchoolDecisionsView(deps.db, deps.clock),
  };
}
