/**
 * The decisions the Electron shell makes about its window, as pure functions
 * so they run (and are tested) under plain Node: which URLs are ours, which
 * navigations are allowed, and which IPC senders may reach the router.
 * src-main/electron/ only gathers the facts from Electron objects and obeys.
 */

/** The custom scheme the renderer is served from (never file://). */
export const APP_SCHEME = 'app';
/** The one host under that scheme; a standard scheme needs a host to have an origin. */
export const APP_HOST = 'pumpurs';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads first. */
export const APP_START_URL = `${APP_ORIGIN}/`;

/** True only for `app://pumpurs/...`: no other host, no port, no credentials. */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.hostname === APP_HOST && parsed.port === '' && parsed.username === '' && parsed.password === '';
}

/**
 * May the window (or any frame in it) go to `url`? Only within our own
 * origin: everything else (http, https, file, data, javascript, other
 * schemes) is refused. Links to the outside world are not opened either.
 */
export function isNavigationAllowed(url: unknown): boolean {
  return isAppUrl(url);
}

/** What the ipcMain bridge knows about who sent a message. */
export interface IpcSenderFacts {
  /** The sending frame's URL, or null when Electron no longer has the frame (navigated away, destroyed). */
  frameUrl: string | null;
  /** The frame is the top frame of its webContents (no parent, and it is that webContents' main frame). */
  isMainFrame: boolean;
  /** The webContents belongs to a window our window factory created and has not been destroyed. */
  isOurWindow: boolean;
}

export type IpcSenderVerdict = { allowed: true } | { allowed: false; reason: 'no-frame' | 'foreign-window' | 'sub-frame' | 'foreign-origin' };

/** The renderer is untrusted, but only our own top frame on app:// may talk to main at all. */
export function checkIpcSender(facts: IpcSenderFacts): IpcSenderVerdict {
  if (facts.frameUrl === null) return { allowed: false, reason: 'no-frame' };
  if (!facts.isOurWindow) return { allowed: false, reason: 'foreign-window' };
  if (!facts.isMainFrame) return { allowed: false, reason: 'sub-frame' };
  if (!isAppUrl(facts.frameUrl)) return { allowed: false, reason: 'foreign-origin' };
  return { allowed: true };
}

/** The clientId the router sees for a window: sessions are kept per webContents. */
export function clientIdFor(webContentsId: number): string {
  return `wc:${webContentsId}`;
}

/** The webContents id in a client id made by `clientIdFor`, or null for any other client (CLI, test bridge). */
export function webContentsIdFromClientId(clientId: string): number | null {
  const match = /^wc:(\d{1,9})$/.exec(clientId);
  return match ? Number(match[1]) : null;
}
