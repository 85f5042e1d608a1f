/**
 * Everything the app is given from outside (the Electron main process, the
 * CLI, the browser test bridge or a test): the ports, in one value. Lives
 * here, below the layers that receive it (app, ipc), so none of them has to
 * import upward to name it.
 */
import type { Clock } from './clock';
import type { Dialogs } from './dialogs';
import type { Logger } from './logger';
import type { PagePrinter } from './page-printer';
import type { AppPaths } from './paths';
import type { SecretStore } from './secret-store';

/** Settings fixed by IT in the machine's admin policy file: setting key → value. */
export type SettingsPolicy = Readonly<Record<string, unknown>>;

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
  /** Backups: the day's copy on the first start of each day (off unless asked), and how many of each kind to keep when the `backups.keep` setting is not stored (default 5). */
  backups?: { daily: boolean; keep?: number };
}
