/**
 * The one Content-Security-Policy for the renderer: served by the app://
 * protocol handler in Electron and by the browser test bridge, so tests run
 * under the same policy users do. No inline script, no eval, no remote
 * origins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
