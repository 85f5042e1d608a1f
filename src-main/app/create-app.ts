/**
 * The composition root: opens the database and wires services, handlers and
 * the router. The Electron main process, the CLI, the browser test bridge and
 * the tests all start the app through this one function, so they all run the
 * same code.
 */
import { mkdir } from 'node:fs/promises';
import { openDatabase, type OpenedDatabase } from '../db/connection';
import { SCHEMA_VERSION } from '../db/migrations/index';
import { createRouter, type Router } from '../ipc/router';
import { createHandlers } from '../ipc/handlers/index';
import type { Clock } from '../ports/clock';
import type { Dialogs } from '../ports/dialogs';
import type { Logger } from '../ports/logger';
import type { PagePrinter } from '../ports/page-printer';
import type { AppPaths } from '../ports/paths';
import type { SecretStore } from '../ports/secret-store';
import { loadMunicipalities } from '../services/catalogues';
import { createDecisionServices, type DecisionServices } from '../services/decisions/index';
import { EJournalService } from '../services/e-journal/e-journal-service';
import { createExchangeServices, type ExchangeServices } from '../services/exchange/index';
import { OrganisationService } from '../services/organisation-service';
import { loadRiskCatalogue } from '../services/risk-catalogue-service';
import { createSchoolCoreServices, type SchoolCoreServices } from '../services/school-core-services';
import type { SettingsPolicy } from '../services/settings-service';
import { SchoolStatisticsService } from '../services/statistics/school-statistics';
import { createSupportPlanServices, type SupportPlanServices } from '../services/support-plan-services';

export interface AppPorts {
  paths: AppPaths;
  clock: Clock;
  log: Logger;
  secrets: SecretStore;
  dialogs: Dialogs;
  appVersion: string;
  /** Prints a window to PDF (Electron only; absent in the CLI and the test bridge). */
  pagePrinter?: PagePrinter;
  /** Settings fixed by IT in the machine's admin policy file (see loadAdminPolicy); none by default. */
  policy?: SettingsPolicy;
  /** better-sqlite3's addon built for Electron, when running unpackaged (`npm start`); see OpenDatabaseOptions. */
  sqliteNativeBinding?: string;
}

export interface AppServices extends SchoolCoreServices {
  organisation: OrganisationService;
  supportPlans: SupportPlanServices;
  exchange: ExchangeServices;
  journal: EJournalService;
  statistics: SchoolStatisticsService;
  decisions: DecisionServices;
}

export interface AppInstance {
  ports: AppPorts;
  database: OpenedDatabase;
  services: AppServices;
  router: Router;
  schemaVersion: number;
  close(): Promise<void>;
}

export async function createApp(ports: AppPorts): Promise<AppInstance> {
  const { paths } = ports;
  await mkdir(paths.dataDir, { recursive: true, mode: 0o700 });
  await mkdir(paths.tempDir, { recursive: true, mode: 0o700 });
  const municipalities = await loadMunicipalities(paths.resourcesDir);
  const database = await openDatabase({
    file: paths.dbFile,
    backupsDir: paths.backupsDir,
    log: ports.log,
    now: () => ports.clock.now(),
    ...(ports.sqliteNativeBinding ? { nativeBinding: ports.sqliteNativeBinding } : {}),
  });
  const organisation = new OrganisationService(database.db, ports.clock, municipalities);
  const riskCatalogue = await loadRiskCatalogue(paths.resourcesDir);
  const schoolCore = createSchoolCoreServices(database.db, ports.clock, { organisation, municipalities, riskCatalogue, ...(ports.policy ? { policy: ports.policy } : {}) });
  await schoolCore.risks.syncOnStart();
  const exchange = createExchangeServices({ database, clock: ports.clock, secrets: ports.secrets, log: ports.log, calendar: schoolCore.calendar, organisation, municipalities, appVersion: ports.appVersion });
  const services: AppServices = {
    ...schoolCore,
    organisation,
    supportPlans: createSupportPlanServices(database.db, ports.clock, schoolCore.sessions),
    journal: new EJournalService(database.db, ports.clock, schoolCore.calendar),
    exchange,
    statistics: new SchoolStatisticsService(database.db),
    decisions: createDecisionServices({ db: database.db, clock: ports.clock, log: ports.log, keys: exchange.keys, calendar: schoolCore.calendar, appVersion: ports.appVersion }),
  };
  const app: AppInstance = {
    ports,
    database,
    services,
    router: createRouter(createHandlers({ ports, services, municipalities, db: database.db }), {
      log: ports.log,
      sessions: services.sessions,
      mode: async () => (await organisation.get())?.mode ?? null,
    }),
    schemaVersion: SCHEMA_VERSION,
    close: () => database.close(),
  };
  return app;
}
