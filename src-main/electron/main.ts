/**
 * Electron entry point: a thin shell around createApp. It
 *  - keeps all data in the local (not roaming) app-data folder,
 *  - allows one instance (a second start focuses the first window),
 *  - serves the renderer over app:// with the CSP, never file://,
 *  - opens the one hardened window and the checked IPC bridge,
 *  - refuses to start on a database from a newer app, or where the OS
 *    cannot protect secrets, with a translated message.
 * Everything it decides is in src-main/app/ and tested under Node.
 */
import { BrowserWindow, app, dialog, session } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createApp, type AppInstance } from '../app/create-app';
import { SecretStoreUnavailableError } from '../app/encrypted-file-secret-store';
import { createFileLogger } from '../app/file-logger';
import { shellPaths } from '../app/shell-paths';
import { systemClock } from '../ports/clock';
import { defaultLocalDataDir, pathsFor } from '../ports/paths';
import { createI18n, DEFAULT_LANGUAGE, keyFromData } from '../../src-shared/i18n/index';
import { AppError } from '../../src-shared/ipc/result';
import { installAppMenu } from './app-menu';
import { registerAppSchemeAsPrivileged, serveAppProtocol } from './app-protocol';
import { createElectronDialogs } from './electron-dialogs';
import { createElectronPagePrinter } from './page-printer';
import { loadAdminPolicy } from '../app/admin-policy';
import { adminPolicyFile } from '../app/update-policy';
import { sqliteNativeBindingFor } from '../app/sqlite-native-binding';
import { registerIpcBridge } from './ipc-bridge';
import { assertSafeStorageUsable, createSafeStorageSecretStore } from './safe-storage-secret-store';
import { createElectronUpdater } from './updater';
import { createMainWindow, hardenSession, hardenWebContents } from './window-factory';

// Before `ready`: where Chromium and we keep data, the sandbox for every
// renderer, and the app:// scheme's privileges.
const dataDir = defaultLocalDataDir(process.platform, process.env, homedir());
app.setPath('userData', dataDir);
app.setPath('sessionData', join(dataDir, 'chromium'));
app.enableSandbox();
registerAppSchemeAsPrivileged();

const log = createFileLogger({ dir: join(dataDir, 'logs'), echo: !app.isPackaged });
const layout = shellPaths({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath });
let mainWindow: BrowserWindow | null = null;
let instance: AppInstance | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another PuMPuRS runs with this data folder; it gets 'second-instance' and shows itself.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!instance) return;
    const closing = instance;
    instance = null;
    event.preventDefault();
    closing
      .close()
      .catch((err: unknown) => log.error('app.closeFailed', { error: String(err) }))
      .finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch(async (err: unknown) => {
      log.error('app.startFailed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      const i18n = await createI18n(DEFAULT_LANGUAGE).catch(() => null);
      // English only if the catalogues themselves could not be loaded.
      const title = i18n ? i18n.t('shell.startFailed.title') : 'PuMPuRS';
      const body = i18n ? i18n.t('shell.startFailed.body', { logFile: log.file }) : `PuMPuRS could not start. Log file: ${log.file}`;
      dialog.showErrorBox(title, body);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  log.info('app.starting', { version: app.getVersion(), packaged: app.isPackaged, platform: process.platform });
  const i18n = await createI18n(DEFAULT_LANGUAGE);
  // The ports name their strings by key as data (a dialog's titleKey).
  const t = (key: string, params?: Record<string, string>) => i18n.t(keyFromData(key), params);
  const fail = (body: string) => {
    dialog.showErrorBox(t('shell.startFailed.title'), body);
    app.exit(1);
  };

  hardenSession(session.defaultSession, log);
  serveAppProtocol(layout.rendererDir, log);

  try {
    await assertSafeStorageUsable();
  } catch (err) {
    if (!(err instanceof SecretStoreUnavailableError)) throw err;
    log.error('secrets.unavailable', { problem: err.message });
    return fail(t('shell.secretStoreUnavailable.body', { logFile: log.file }));
  }

  const paths = pathsFor(dataDir, layout.resourcesDir);
  try {
    instance = await createApp({
      paths,
      clock: systemClock,
      log,
      secrets: createSafeStorageSecretStore(paths.secretsDir),
      dialogs: createElectronDialogs(t, () => mainWindow),
      pagePrinter: createElectronPagePrinter(),
      policy: await loadAdminPolicy(adminPolicyFile(process.platform, process.env), log),
      sqliteNativeBinding: sqliteNativeBindingFor({
        isPackaged: app.isPackaged,
        appPath: app.getAppPath(),
        electronVersion: process.versions.electron ?? '',
        platform: process.platform,
        arch: process.arch,
      }),
      appVersion: app.getVersion(),
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'DB_FROM_NEWER_APP') {
      // openDatabase refused before opening the file for writing: nothing was changed.
      log.error('app.dbFromNewerApp', { details: err.details?.params ?? {} });
      return fail(t('errors.code.DB_FROM_NEWER_APP'));
    }
    log.error('app.startFailed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return fail(t('shell.startFailed.body', { logFile: log.file }));
  }

  registerIpcBridge(instance.router, log);
  installAppMenu(t, process.platform);
  mainWindow = createMainWindow({
    preloadFile: layout.preloadFile,
    log,
    devTools: !app.isPackaged,
    ...(process.platform === 'linux' ? { icon: layout.windowIcon } : {}),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  askBeforeLosingUnsavedChanges(mainWindow, t);
  log.info('app.started', { schemaVersion: instance.schemaVersion });

  await createElectronUpdater({ log, isPackaged: app.isPackaged, platform: process.platform, env: process.env }).start();
}

/**
 * The renderer's unsaved-changes guard sets `beforeunload`; Chromium in a
 * browser asks the person, Electron does not (the window just would not
 * close). Ask with the same words as the page's own dialog; "Leave" lets the
 * window close or reload.
 */
function askBeforeLosingUnsavedChanges(window: BrowserWindow, t: (key: string) => string): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      title: t('ui.unsaved.title'),
      message: t('ui.unsaved.body'),
      buttons: [t('ui.unsaved.stay'), t('ui.unsaved.leave')],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    if (choice === 1) event.preventDefault();
  });
}
