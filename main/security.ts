import { isLoopbackHost } from '../core/security/loopback';
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

export type ServerUrlRefusal =
  'server-url-invalid' | 'server-url-scheme' | 'server-url-insecure' | 'server-url-credentials';

export type ServerUrlCheck =
  | { ok: true; url: string; origin: string }
  | { ok: false; code: ServerUrlRefusal; message: string };

/**
 * The server URL the window loads (--server-url / DIENHONG_SERVER_URL). Only https:, or
 * http: on this machine's loopback: anything else would let the room network (or a file:,
 * data: page whose origin is "null") run code that asks for the member's .p12 password.
 * Messages are Vietnamese then English: they are shown before any renderer exists.
 */
export function checkServerUrl(raw: string): ServerUrlCheck {
  const url = parse(raw.trim());
  if (url === null) {
    return {
      ok: false,
      code: 'server-url-invalid',
      message: `Địa chỉ máy chủ "${raw}" không hợp lệ. / The server URL "${raw}" is not a URL.`,
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      code: 'server-url-scheme',
      message:
        `Địa chỉ máy chủ phải bắt đầu bằng https:// (không nhận ${url.protocol}). / ` +
        `The server URL must be https:// (${url.protocol} is refused).`,
    };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      code: 'server-url-credentials',
      message:
        'Địa chỉ máy chủ không được chứa tên đăng nhập hay mật khẩu. / ' +
        'The server URL must not carry a user name or password.',
    };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      code: 'server-url-insecure',
      message:
        `Máy chủ ${url.host} phải dùng https://: http:// chỉ dùng được trên chính máy này. / ` +
        `The server ${url.host} must be reached by https://: http:// works only on this machine (loopback).`,
    };
  }
  return { ok: true, url: url.toString(), origin: url.origin };
}

/**
 * True when `url` belongs to the app's own server: same http(s) origin, no credentials.
 * The opaque origin "null" (file:, data:, about:) never matches, even if appOrigin were "null".
 */
function isAppUrl(url: string | undefined, appOrigin: string): boolean {
  const target = url === undefined ? null : parse(url);
  return (
    target !== null &&
    (target.protocol === 'https:' || target.protocol === 'http:') &&
    target.origin !== 'null' &&
    target.origin === appOrigin &&
    target.username === '' &&
    target.password === ''
  );
}

/** The renderer may only ever show pages of its own server. */
export function isAllowedNavigation(targetUrl: string, appOrigin: string): boolean {
  return isAppUrl(targetUrl, appOrigin);
}

/** Permissions the app itself may use; every other request is denied. */
const GRANTED = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function decidePermission(
  permission: string,
  requestingUrl: string,
  appOrigin: string,
): boolean {
  return isAppUrl(requestingUrl, appOrigin) && GRANTED.has(permission);
}

/** IPC is answered only for the app's own top-level frame, never an iframe or a foreign page. */
export function isTrustedSender(
  frameUrl: string | undefined,
  isMainFrame: boolean,
  appOrigin: string,
): boolean {
  return isMainFrame && isAppUrl(frameUrl, appOrigin);
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
