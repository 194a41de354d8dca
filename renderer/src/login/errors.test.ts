import { describe, expect, it } from 'vitest';
import { en, vi } from '../i18n/catalog';
import { knownLoginErrorCodes, loginProblem } from './errors';

describe('login error messages', () => {
  it.each([
    'p12-bad-password',
    'p12-malformed',
    'p12-incomplete',
    'p12-key-mismatch',
    'p12-too-large',
    'cert-expired',
    'cert-not-yet-valid',
    'cert-key-usage',
    'cert-untrusted',
    'cert-bad-signature',
    'login-bad-signature',
    'login-malformed',
    'nonce-unknown',
    'member-unknown',
    'rate-limited',
    'identity-not-found',
  ])('%s has its own message in Vietnamese and English', (code) => {
    const { key } = loginProblem(code, '');
    expect(key).toBe(`loginError.${code}`);
    expect(vi[key]).not.toBe(vi['loginError.unexpected']);
    expect(vi[key]).not.toEqual(en[key]);
  });

  it('shows an unknown code as unexpected, with the server’s words', () => {
    expect(loginProblem('disk-on-fire', 'Disk on fire.')).toEqual({
      key: 'loginError.unexpected',
      message: 'Disk on fire.',
    });
  });

  it('lists only codes that have a message', () => {
    for (const code of knownLoginErrorCodes) {
      expect(Object.keys(vi)).toContain(`loginError.${code}`);
    }
  });
});
