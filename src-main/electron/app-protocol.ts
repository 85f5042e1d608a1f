/**
 * The app:// scheme: registered as privileged before `ready` (standard, so
 * it has an origin and relative URLs; secure, so it counts as a secure
 * context; fetch API for the renderer's own assets), then served from
 * dist/renderer by respondToAppRequest, which puts the CSP on every response.
 * The renderer is never loaded from file://.
 */
import { protocol } from 'electron';
import { baseHeaders, respondToAppRequest } from '../app/app-protocol';
import { APP_SCHEME } from '../app/window-policy';
import type { Logger } from '../ports/logger';

/** Must run before the app is ready. */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Must run after the app is ready; serves the default session, the one our window uses. */
export function serveAppProtocol(rendererDir: string, log: Logger): void {
  protocol.handle(APP_SCHEME, async (request) => {
    try {
      return await respondToAppRequest({ url: request.url, method: request.method }, rendererDir);
    } catch (err) {
      log.error('protocol.failed', { error: err instanceof Error ? err.message : String(err) });
      return new Response(null, { status: 500, headers: baseHeaders() });
    }
  });
}
