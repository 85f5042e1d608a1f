/**
 * The one window factory. Every window PuMPuRS shows comes from here, with
 * the same hardened settings: context isolation, the Chromium sandbox, no
 * Node in the page, no webviews, web security on. Navigation leaves app://
 * never, new windows are never opened, permissions are never granted, and
 * the page cannot start downloads. The decisions themselves live in
 * src-main/app/window-policy.ts and are unit-tested under Node.
 *
 * The BrowserWindow options are written out literally (not built from
 * variables) so that reviewers and electronegativity see exactly what ships.
 */
import { BrowserWindow, type Session, type WebContents } from 'electron';
import { APP_START_URL, isNavigationAllowed } from '../app/window-policy';
import type { Logger } from '../ports/logger';

export interface MainWindowOptions {
  preloadFile: string;
  log: Logger;
  /** Developer tools: on in development only. */
  devTools: boolean;
  /** Window icon (used on Linux; Windows and macOS take the executable's). */
  icon?: string;
}

/** webContents ids of windows this factory created and that still exist. */
const ourWebContents = new Set<number>();
const hardenedContents = new WeakSet<WebContents>();
const hardenedSessions = new WeakSet<Session>();

/** True if `contents` belongs to a live window made by createMainWindow. */
export function isOurWebContents(contents: WebContents): boolean {
  return !contents.isDestroyed() && ourWebContents.has(contents.id) && BrowserWindow.fromWebContents(contents) !== null;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'PuMPuRS',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    ...(options.icon === undefined ? {} : { icon: options.icon }),
    webPreferences: {
      preload: options.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      devTools: options.devTools,
    },
  });

  const contents = win.webContents;
  const id = contents.id;
  ourWebContents.add(id);
  contents.once('destroyed', () => ourWebContents.delete(id));
  hardenWebContents(contents, options.log);
  hardenSession(contents.session, options.log);
  contents.on('render-process-gone', (_event, details) => options.log.error('window.rendererGone', { reason: details.reason, exitCode: details.exitCode }));

  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_START_URL).catch((err: unknown) => options.log.error('window.loadFailed', { error: String(err) }));
  return win;
}

/** Only the scheme of a refused URL is logged: URLs can carry personal data. */
function schemeOf(url: string): string {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]{0,20}):/.exec(url);
  return match?.[1]?.toLowerCase() ?? 'invalid';
}

/**
 * Navigation, redirect, new-window and webview guards for any webContents.
 * main.ts also applies this to every webContents Electron creates
 * (app 'web-contents-created'), so nothing escapes the rules by being made
 * some other way. Idempotent.
 */
export function hardenWebContents(contents: WebContents, log: Logger): void {
  if (hardenedContents.has(contents)) return;
  hardenedContents.add(contents);

  contents.on('will-navigate', (event) => {
    if (isNavigationAllowed(event.url)) return;
    event.preventDefault();
    log.warn('window.navigationBlocked', { scheme: schemeOf(event.url) });
  });
  contents.on('will-frame-navigate', (event) => {
    if (isNavigationAllowed(event.url)) return;
    event.preventDefault();
    log.warn('window.frameNavigationBlocked', { scheme: schemeOf(event.url), mainFrame: event.isMainFrame });
  });
  contents.on('will-redirect', (event) => {
    if (isNavigationAllowed(event.url)) return;
    event.preventDefault();
    log.warn('window.redirectBlocked', { scheme: schemeOf(event.url) });
  });
  contents.setWindowOpenHandler((details) => {
    log.warn('window.openBlocked', { scheme: schemeOf(details.url) });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('window.webviewBlocked');
  });
}

/** Permissions, device access and downloads: all refused, for every page in the session. Idempotent. */
export function hardenSession(session: Session, log: Logger): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);

  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('window.permissionDenied', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => {
    event.preventDefault();
    log.warn('window.downloadBlocked');
  });
}
