/**
 * Exchange services built together for the composition root: own keys,
 * enrolment and trust, the school's export, the importer, the views of
 * imported data, and setting up a municipality or the state.
 */
import type { Municipality } from '../../../src-shared/domain/organisation';
import type { OpenedDatabase } from '../../db/connection';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { SecretStore } from '../../ports/secret-store';
import type { CalendarService } from '../school/calendar-service';
import type { OrganisationService } from '../accounts/organisation-service';
import { DEFAULT_SCRYPT, type ScryptParams } from '../accounts/password-hash';
import { AuthoritySetUpService } from './authority-set-up-service';
import { EnrolmentService } from './enrolment-service';
import { ExportService } from './export-service';
import { ImportService } from './import-service';
import { ImportedDataService } from './imported-data-service';
import { ExchangeKeyService } from './keys-service';
import { AUTHORITY_COMPENSATION_DECISIONS } from '../decisions/compensation-decisions';
import { StateReportService } from './state-report-service';
import { NationalDataService } from './national-data-service';

export interface ExchangeServices {
  keys: ExchangeKeyService;
  enrolment: EnrolmentService;
  exporter: ExportService;
  stateReport: StateReportService;
  national: NationalDataService;
  importer: ImportService;
  imported: ImportedDataService;
  authoritySetUp: AuthoritySetUpService;
}

export interface ExchangeDeps {
  database: Pick<OpenedDatabase, 'db' | 'raw'> & Partial<Pick<OpenedDatabase, 'backup'>>;
  clock: Clock;
  secrets: SecretStore;
  log: Logger;
  calendar: CalendarService;
  organisation: OrganisationService;
  municipalities: readonly Municipality[];
  appVersion: string;
  hashParams?: ScryptParams;
}

export function createExchangeServices(deps: ExchangeDeps): ExchangeServices {
  const { db, raw } = deps.database;
  const keys = new ExchangeKeyService(db, deps.clock, deps.secrets);
  const stateReport = new StateReportService(db, raw, deps.clock, keys, deps.calendar, deps.appVersion, AUTHORITY_COMPENSATION_DECISIONS);
  return {
    keys,
    enrolment: new EnrolmentService(db, deps.clock),
    exporter: new ExportService(db, raw, deps.clock, keys, deps.calendar, deps.appVersion, stateReport),
    stateReport,
    national: new NationalDataService(db, deps.calendar, deps.municipalities),
    importer: new ImportService(deps.database, deps.clock, keys, deps.log),
    imported: new ImportedDataService(db, deps.clock, deps.calendar),
    authoritySetUp: new AuthoritySetUpService(db, deps.clock, deps.organisation, deps.municipalities, keys, deps.hashParams ?? DEFAULT_SCRYPT),
  };
}
