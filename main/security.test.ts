import { describe, expect, it } from 'vitest';
import {
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
