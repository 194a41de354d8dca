import { describe, expect, it } from 'vitest';
import { en, vi } from '../i18n/catalog';
import { loginProblem } from './errors';

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
    'certificate-pending-approval',
    'rate-limited',
    'identity-not-found',
  ])('%s has its own message in Vietnamese and English', (code) => {
    const { key } = loginProblem({ code, message: 'English text for developers' });
    expect(key).toBe(`login.error.${code}`);
    expect(vi[key]).not.toBe(vi['login.error.unexpected']);
    expect(vi[key]).not.toEqual(en[key]);
  });

  it('shows an unknown code or a thrown bug as unexpected, never the server’s words', () => {
    expect(loginProblem({ code: 'disk-on-fire', message: 'Disk on fire.' })).toEqual({
      key: 'login.error.unexpected',
    });
    expect(loginProblem(new TypeError('x is undefined'))).toEqual({
      key: 'login.error.unexpected',
    });
    expect(vi['login.error.unexpected']).not.toContain('{{');
  });

  it('every login.error message is the one shown for its code', () => {
    const keys = Object.keys(vi).filter((k) => k.startsWith('login.error.'));
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) {
      expect(loginProblem({ code: key.slice('login.error.'.length) }).key).toBe(key);
    }
  });
});
