import { describe, expect, it } from 'vitest';
import {
  checkServerUrl,
  decidePermission,
  isAllowedNavigation,
  isSafeExternalUrl,
  isTrustedSender,
  secureWebPreferences,
} from './security';

const app = 'http://127.0.0.1:4870';

describe('isAllowedNavigation', () => {
  it.each([
    ['http://127.0.0.1:4870/', true],
    ['http://127.0.0.1:4870/#/meetings/abc', true],
    ['http://127.0.0.1:4871/', false],
    ['https://127.0.0.1:4870/', false],
    ['http://localhost:4870/', false],
    ['http://user:pw@127.0.0.1:4870/', false],
    ['https://evil.example/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedNavigation(url, app)).toBe(allowed);
  });

  it.each([
    'file:///home/x/index.html',
    'data:text/html,<script>1</script>',
    'about:blank',
    'blob:null/1234',
  ])('never accepts the opaque origin "null": %s', (url) => {
    expect(isAllowedNavigation(url, 'null')).toBe(false);
    expect(isTrustedSender(url, true, 'null')).toBe(false);
    expect(decidePermission('fullscreen', url, 'null')).toBe(false);
  });
});

describe('checkServerUrl', () => {
  it.each([
    ['https://phonghop.example:4870/', 'ok'],
    ['https://10.0.0.5:4870', 'ok'],
    ['http://127.0.0.1:4870/', 'ok'],
    ['http://127.1.2.3:4870/', 'ok'],
    ['http://localhost:4870/', 'ok'],
    ['http://[::1]:4870/', 'ok'],
    ['http://10.0.0.5:4870/', 'server-url-insecure'],
    ['http://0.0.0.0:4870/', 'server-url-insecure'],
    ['http://phonghop.example/', 'server-url-insecure'],
    ['http://127.0.0.1.evil.example/', 'server-url-insecure'],
    ['http://localhost.evil.example/', 'server-url-insecure'],
    ['file:///opt/dienhong/index.html', 'server-url-scheme'],
    ['data:text/html,<h1>x</h1>', 'server-url-scheme'],
    ['javascript:alert(1)', 'server-url-scheme'],
    ['ws://127.0.0.1:4870/', 'server-url-scheme'],
    ['about:blank', 'server-url-scheme'],
    ['https://u:p@phonghop.example/', 'server-url-credentials'],
    ['not a url', 'server-url-invalid'],
    ['', 'server-url-invalid'],
  ])('%s → %s', (url, expected) => {
    const check = checkServerUrl(url);
    expect(check.ok ? 'ok' : check.code).toBe(expected);
    if (!check.ok) expect(check.message).toMatch(/ \/ The server/);
  });

  it('gives back the normalised URL and its origin', () => {
    expect(checkServerUrl(' https://PhongHop.Example:4870 ')).toEqual({
      ok: true,
      url: 'https://phonghop.example:4870/',
      origin: 'https://phonghop.example:4870',
    });
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://quochoi.vn/', true],
    ['https://example.org/path?q=1', true],
    ['mailto:thuky@example.vn', true],
    ['http://example.org/', false],
    ['https://user:pass@example.org/', false],
    ['file:///C:/Windows/system32/calc.exe', false],
    ['javascript:alert(1)', false],
    ['smb://share/x', false],
    ['ms-msdt:/id', false],
    ['mailto:a@b.vn?attach=/etc/passwd', false],
    ['https://' + 'a'.repeat(2100) + '.vn/', false],
    ['', false],
  ])('%s → %s', (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe);
  });
});

describe('decidePermission', () => {
  it.each([
    ['clipboard-sanitized-write', `${app}/`, true],
    ['fullscreen', `${app}/x`, true],
    ['media', `${app}/`, false],
    ['geolocation', `${app}/`, false],
    ['notifications', `${app}/`, false],
    ['openExternal', `${app}/`, false],
    ['clipboard-sanitized-write', 'https://evil.example/', false],
    ['fullscreen', 'garbage', false],
  ])('%s from %s → %s', (permission, url, granted) => {
    expect(decidePermission(permission, url, app)).toBe(granted);
  });
});

describe('isTrustedSender', () => {
  it.each([
    [`${app}/`, true, true],
    [`${app}/`, false, false],
    ['https://evil.example/', true, false],
    [undefined, true, false],
    ['about:blank', true, false],
  ])('%s main=%s → %s', (url, main, trusted) => {
    expect(isTrustedSender(url, main, app)).toBe(trusted);
  });
});

describe('secureWebPreferences', () => {
  it('keeps the Electron security checklist', () => {
    expect(secureWebPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });
});
