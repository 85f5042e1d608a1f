/**
 * Resolves a URL path to a file inside the built renderer folder, refusing
 * anything that escapes it. Shared by the app:// protocol handler and the
 * test bridge.
 */
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function contentTypeFor(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The file for `urlPath` under `root`, or null if it would leave `root`. Unknown routes get index.html. */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  if (rel === '' || rel === '.') return join(base, 'index.html');
  const full = resolve(base, rel);
  if (full !== base && !full.startsWith(base + sep)) return null;
  return extname(full) === '' ? join(base, 'index.html') : full;
}
