/**
 * The composition root: opens the database and wires services, handlers and
 * the router. The Electron main process, the CLI, the browser test bridge and
 * the tests all start the app through this one function, so they all run the
 * same code.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyAuditChain, type AuditChainReport } from '../db/audit-chain';
import { openDatabase, storedSetting, type OpenedDatabase } from '../db/connection';
import { SETTINGS, resolveSetting } from '../../src-shared/domain/settings';
import { resolveDatabaseKey } from '../db/encryption';
import { clearPendingRestore, pendingRestore, restoreDatabase } from '../db/restore';
import { SCHEMA_VERSION } from '../db/migrations/index';
import { createRouter, type Router } from '../ipc/router';
import { createHandlers } from '../ipc/handlers/index';
import { loadMunicipalities } from '../services/school/catalogues';
import { createDecisionServices } from '../services/decisions/index';
import { EJournalService } from '../services/e-journal/e-journal-service';
import { DataSafetyService } from '../services/data-safety/data-safety-service';
import { RetentionService } from '../services/data-safety/retention-service';
import { createExchangeServices } from '../services/exchange/index';
import { OrganisationService } from '../services/accounts/organisation-service';
import { loadRiskCatalogue } from '../services/school/risk-catalogue-service';
import type { ScryptParams } from '../services/accounts/password-hash';
import { createSchoolCoreServices } from '../services/school/school-core-services';
import { SchoolStatisticsService } from '../services/statistics/school-statistics';
import type { AppPorts } from '../ports/app-ports';
import type { AppServices } from '../services/app-services';
import { createSupportPlanServices } from '../services/plans/support-plan-services';
import { AuthorityStatisticsService } from '../services/statistics/authority-statistics';

export type { AppPorts } from '../ports/app-ports';
export type { AppServices } from '../services/app-services';

export interface CreateAppOptions {
  /**
   * May this start make a new database (and its key)? True for set-up: the
   * app's first start (the wizard follows), `pumpurs init` and
   * `pumpurs demo-data`. False for every other CLI verb: no database, or no
   * key, is a refusal then, and nothing is made.
   */
  mayCreate?: boolean;
  /**
   * scrypt's cost for password hashes made and checked here; the real cost
   * (DEFAULT_SCRYPT) unless a test asks for cheaper (the browser test bridge
   * under the e2e suite, tests that assemble the app). password-hash.test.ts
   * keeps the real cost tested.
   */
  hashParams?: ScryptParams;
}

export interface AppInstance {
  ports: AppPorts;
  database: OpenedDatabase;
  services: AppServices;
  router: Router;
  schemaVersion: number;
  /** The audit log's hash chain as checked at start (db/audit-chain.ts); a broken one is shown to the coordinator. */
  auditChain: AuditChainReport;
  close(): Promise<void>;
}

export async function createApp(ports: AppPorts, options: CreateAppOptions = {}): Promise<AppInstance> {
  const { paths } = ports;
  // The key first: a folder of the other key store, or an encrypted database without its key, is refused before anything is written.
  const key = await resolveDatabaseKey(ports.secrets, paths.dbFile, options.mayCreate ?? true);
  await mkdir(paths.dataDir, { recursive: true, mode: 0o700 });
  await mkdir(paths.tempDir, { recursive: true, mode: 0o700 });
  // A restore the coordinator scheduled (the open database cannot be swapped while the app runs): done now, before opening.
  const pending = await pendingRestore(paths.dataDir);
  if (pending !== null) {
    await clearPendingRestore(paths.dataDir);
    try {
      const done = await restoreDatabase({
        dbFile: paths.dbFile,
        backupsDir: paths.backupsDir,
        key,
        from: join(paths.backupsDir, pending),
        now: ports.clock.now(),
        ...(ports.sqliteNativeBinding ? { nativeBinding: ports.sqliteNativeBinding } : {}),
      });
      ports.log.info('db.restored', { from: pending, keptAside: done.keptAside });
    } catch (err) {
      ports.log.error('db.restoreFailed', { from: pending, error: err instanceof Error ? err.message : String(err) });
    }
  }
  const municipalities = await loadMunicipalities(paths.resourcesDir);
  const database = await openDatabase({
    file: paths.dbFile,
    key,
    backupsDir: paths.backupsDir,
    log: ports.log,
    now: () => ports.clock.now(),
    dailyBackup: ports.backups?.daily ?? false,
    // The `backups.keep` setting as SettingsService resolves it (IT's policy > stored > the port's number > default), read at each prune.
    keepBackups: (raw) =>
      resolveSetting(SETTINGS['backups.keep'], { policy: ports.policy?.['backups.keep'], stored: storedSetting(raw, 'backups.keep') ?? ports.backups?.keep })
        .value,
    ...(ports.sqliteNativeBinding ? { nativeBinding: ports.sqliteNativeBinding } : {}),
  });
  const auditChain = verifyAuditChain(database.raw);
  if (!auditChain.ok) ports.log.error('audit.chainBroken', { rows: auditChain.rows, problems: auditChain.problems.slice(0, 10) });
  const organisation = new OrganisationService(database.db, ports.clock, municipalities);
  const riskCatalogue = await loadRiskCatalogue(paths.resourcesDir);
  const schoolCore = createSchoolCoreServices(database.db, ports.clock, {
    organisation,
    municipalities,
    riskCatalogue,
    ...(ports.policy ? { policy: ports.policy } : {}),
    ...(options.hashParams ? { hashParams: options.hashParams } : {}),
  });
  await schoolCore.risks.syncOnStart();
  const exchange = createExchangeServices({
    database,
    clock: ports.clock,
    secrets: ports.secrets,
    log: ports.log,
    calendar: schoolCore.calendar,
    organisation,
    municipalities,
    appVersion: ports.appVersion,
    ...(options.hashParams ? { hashParams: options.hashParams } : {}),
  });
  const services: AppServices = {
    ...schoolCore,
    organisation,
    supportPlans: createSupportPlanServices(database.db, ports.clock, schoolCore.sessions),
    journal: new EJournalService(database.db, ports.clock, schoolCore.calendar),
    dataSafety: new DataSafetyService(database, ports.clock, paths, ports.secrets, schoolCore.settings),
    retention: new RetentionService(database, ports.clock, schoolCore.settings),
    exchange,
    statistics: new SchoolStatisticsService(database.db, ports.policy?.['statistics.threshold']),
    authorityStatistics: new AuthorityStatisticsService(
      database.db,
      database.raw,
      riskCatalogue,
      () => ports.clock.now(),
      ports.policy?.['statistics.threshold'],
    ),
    decisions: createDecisionServices({
      db: database.db,
      clock: ports.clock,
      log: ports.log,
      keys: exchange.keys,
      calendar: schoolCore.calendar,
      appVersion: ports.appVersion,
      backup: () => database.backup('import'),
    }),
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
    auditChain,
    close: () => database.close(),
  };
  return app;
}
