/**
 * What the `app://` protocol answers, as a plain fetch-API Response so it is
 * tested under Node: the built renderer's files, with the Content-Security-
 * Policy on every response (errors included). src-main/electron/ only hands
 * Electron's protocol.handle requests to this function.
 */
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { contentTypeFor, resolveStaticFile } from './static-files';
import { isAppUrl } from './window-policy';
import { FILE_CAPS, readFileCapped } from '../ports/capped-read';

/** Headers every app:// response carries. */
export function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

function empty(status: number): Response {
  return new Response(null, { status, headers: baseHeaders() });
}

/** Serves `request` from `rendererDir`: GET/HEAD on app://pumpurs only, nothing outside the folder. */
export async function respondToAppRequest(request: { url: string; method: string }, rendererDir: string): Promise<Response> {
  if (!isAppUrl(request.url)) return empty(404);
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return empty(405);
  const file = resolveStaticFile(rendererDir, new URL(request.url).pathname);
  if (!file) return empty(404);
  let body: Buffer;
  try {
    body = await readFileCapped(file, FILE_CAPS.rendererAsset);
  } catch {
    return empty(404);
  }
  const headers = { ...baseHeaders(), 'Content-Type': contentTypeFor(file) };
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}
