/**
 * The Content-Security-Policy for the renderer, built in one place: the sync server sends it
 * with the web client and the Electron main process enforces it on the desktop window.
 * No inline scripts, no eval, no plugins, no framing; network only to the app's own server.
 */
export function contentSecurityPolicy(serverOrigin: string): string {
  const ws = serverOrigin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
