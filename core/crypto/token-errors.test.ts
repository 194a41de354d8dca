import { describe, expect, it } from 'vitest';
import { CKR, TokenError, asTokenError, tokenErrorFromReturnValue } from './token-errors';

describe('PKCS#11 return values as token errors', () => {
  it.each([
    [CKR.CKR_PIN_INCORRECT, 'token-pin-incorrect'],
    [CKR.CKR_PIN_LEN_RANGE, 'token-pin-incorrect'],
    [CKR.CKR_PIN_LOCKED, 'token-pin-locked'],
    [CKR.CKR_PIN_EXPIRED, 'token-pin-locked'],
    [CKR.CKR_TOKEN_NOT_PRESENT, 'token-not-present'],
    [CKR.CKR_SLOT_ID_INVALID, 'token-not-present'],
    [CKR.CKR_DEVICE_REMOVED, 'token-removed'],
    [CKR.CKR_SESSION_HANDLE_INVALID, 'token-removed'],
    [CKR.CKR_KEY_HANDLE_INVALID, 'token-removed'],
    [CKR.CKR_MECHANISM_INVALID, 'token-key-unsupported'],
    [0x05, 'token-failed'], // CKR_GENERAL_ERROR
  ])('CKR 0x%s is %s', (rv, code) => {
    const error = tokenErrorFromReturnValue(rv, 'detail');
    expect(error).toBeInstanceOf(TokenError);
    expect(error.code).toBe(code);
    expect(error.message).toContain('detail');
  });

  it('reads the code of a pkcs11js error and wraps anything else as token-failed', () => {
    const pkcs11Error = Object.assign(new Error('CKR_PIN_LOCKED'), { code: CKR.CKR_PIN_LOCKED });
    expect(asTokenError(pkcs11Error).code).toBe('token-pin-locked');
    expect(asTokenError(new Error('boom')).code).toBe('token-failed');
    const same = tokenErrorFromReturnValue(CKR.CKR_PIN_INCORRECT, 'x');
    expect(asTokenError(same)).toBe(same);
  });
});
