import { isSafeExternalUrl } from '../core/security/urls';

export { isSafeExternalUrl };

/**
 * Security decisions of the desktop shell as pure functions, so they are table-tested
 * without Electron. main.ts only wires them to Electron's events.
 */

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The renderer may only ever show pages of its own server. */
export function isAllowedNavigation(targetUrl: string, appOrigin: string): boolean {
  const target = parse(targetUrl);
  return (
    target !== null &&
    target.origin === appOrigin &&
    target.username === '' &&
    target.password === ''
  );
}

/** Permissions the app itself may use; every other request is denied. */
const GRANTED = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function decidePermission(
  permission: string,
  requestingUrl: string,
  appOrigin: string,
): boolean {
  const origin = parse(requestingUrl)?.origin;
  return origin === appOrigin && GRANTED.has(permission);
}

/** IPC is answered only for the app's own top-level frame, never an iframe or a foreign page. */
export function isTrustedSender(
  frameUrl: string | undefined,
  isMainFrame: boolean,
  appOrigin: string,
): boolean {
  if (!isMainFrame || frameUrl === undefined) return false;
  return parse(frameUrl)?.origin === appOrigin;
}

/** The webPreferences every window gets; tested so nobody loosens them by accident. */
export const secureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;
