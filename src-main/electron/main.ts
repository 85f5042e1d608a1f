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
import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { cliArgumentsOf } from '../app/cli-dispatch';
import { readRegistryPolicy } from '../app/windows-registry-policy';
import { isSettingKey } from '../../src-shared/domain/settings';
import { createApp, type AppInstance } from '../app/create-app';
import { processIo, runCli } from '../cli/cli';
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
// Group Policy on Windows (HKLM, then HKCU\SOFTWARE\Policies\PuMPuRS): settings and a per-machine data folder.
const registry =
  process.platform === 'win32' ? readRegistryPolicy((args) => execFileSync('reg', args, { encoding: 'utf8', windowsHide: true }), process.env) : null;
// Chromium's profile and the logs stay per user; the organisation's data may be per machine.
const userDir = defaultLocalDataDir(process.platform, process.env, homedir());
const dataDir = registry?.dataDir ?? userDir;
app.setPath('userData', userDir);
app.setPath('sessionData', join(userDir, 'chromium'));
app.enableSandbox();
registerAppSchemeAsPrivileged();

const log = createFileLogger({ dir: join(userDir, 'logs'), echo: !app.isPackaged });
if (registry && registry.ignored.length > 0) log.warn('policy.registryIgnored', { values: registry.ignored });
const layout = shellPaths({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath });
let mainWindow: BrowserWindow | null = null;
let instance: AppInstance | null = null;
const cliArgs = cliArgumentsOf(process.argv);

if (cliArgs !== null) {
  // `--cli`: the admin's command line, before any window, lock or session (src-main/app/cli-dispatch.ts).
  void app
    .whenReady()
    .then(() => runCliInApp(cliArgs))
    .then((code) => app.exit(code))
    .catch((err: unknown) => {
      log.error('cli.failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      app.exit(1);
    });
} else if (!app.requestSingleInstanceLock()) {
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

/** Runs one `pumpurs` verb with the app's key store (safeStorage) and resources; resolves to its exit code. */
async function runCliInApp(args: string[]): Promise<number> {
  try {
    await assertSafeStorageUsable();
  } catch (err) {
    if (!(err instanceof SecretStoreUnavailableError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  }
  const binding = sqliteNativeBindingFor({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    electronVersion: process.versions.electron ?? '',
    platform: process.platform,
    arch: process.arch,
  });
  return runCli(
    args,
    processIo({
      resourcesDir: layout.resourcesDir,
      appVersion: app.getVersion(),
      dataDir,
      secrets: (secretsDir) => createSafeStorageSecretStore(secretsDir),
      ...(binding ? { sqliteNativeBinding: binding } : {}),
    }),
  );
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
      // Group Policy beats the policy file: both are IT's, the registry is the managed one.
      policy: {
        ...(await loadAdminPolicy(adminPolicyFile(process.platform, process.env), log)),
        ...Object.fromEntries(Object.entries(registry?.policy ?? {}).filter(([key]) => isSettingKey(key))),
      },
      sqliteNativeBinding: sqliteNativeBindingFor({
        isPackaged: app.isPackaged,
        appPath: app.getAppPath(),
        electronVersion: process.versions.electron ?? '',
        platform: process.platform,
        arch: process.arch,
      }),
      appVersion: app.getVersion(),
      backups: { daily: true },
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'DB_FROM_NEWER_APP') {
      // openDatabase refused before opening the file for writing: nothing was changed.
      log.error('app.dbFromNewerApp', { details: err.details?.params ?? {} });
      return fail(t('errors.code.DB_FROM_NEWER_APP'));
    }
    if (err instanceof AppError && ['DB_KEY_MISSING', 'DB_KEY_WRONG', 'KEY_STORE_MISMATCH'].includes(err.code)) {
      // Refused before the database was opened for writing: nothing was changed, and no second key was made.
      log.error('app.keyRefused', { code: err.code, details: err.details?.params ?? {} });
      return fail(t(err.messageKey, Object.fromEntries(Object.entries(err.details?.params ?? {}).map(([k, v]) => [k, String(v)]))));
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

  await createElectronUpdater({
    log,
    isPackaged: app.isPackaged,
    platform: process.platform,
    env: process.env,
    registryPolicy: registry?.policy ?? null,
  }).start();
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
