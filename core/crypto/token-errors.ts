/** PKCS#11 refusals as data (pure: core, main and the CLI read the same codes). */
import { CodedError } from '../errors/coded-error';

/**
 * What can go wrong with a PKCS#11 token, each a stable code the CLI prints and the desktop
 * shows (`signing.error.<code>`). Every one is raised before anything is written.
 */
export type TokenErrorCode =
  /** The module file cannot be loaded or does not initialise. */
  | 'token-module-unloadable'
  /** No token in the given slot (bad slot id, or the token was pulled out). */
  | 'token-not-present'
  /** The token went away while in use (session closed under us). */
  | 'token-removed'
  | 'token-pin-incorrect'
  /** The member closed the PIN prompt: nothing was signed. */
  | 'token-pin-cancelled'
  /** The user PIN is blocked; only the security officer can unblock it. Nothing was tried. */
  | 'token-pin-locked'
  | 'token-key-not-found'
  | 'token-certificate-not-found'
  /** The certificate's public key is not the key on the token. */
  | 'token-certificate-mismatch'
  /** A key type or mechanism this app does not sign with (RSA PKCS#1 v1.5, ECDSA only). */
  | 'token-key-unsupported'
  /** Any other module failure, with its CKR_ name in the message. */
  | 'token-failed';

export class TokenError extends CodedError<TokenErrorCode> {
  override readonly name = 'TokenError';
}

/** The PKCS#11 return values we tell apart (PKCS#11 v2.40 §11.1), by number. */
export const CKR = {
  CKR_SLOT_ID_INVALID: 0x03,
  CKR_DEVICE_REMOVED: 0x32,
  CKR_KEY_HANDLE_INVALID: 0x60,
  CKR_KEY_TYPE_INCONSISTENT: 0x63,
  CKR_MECHANISM_INVALID: 0x70,
  CKR_OBJECT_HANDLE_INVALID: 0x82,
  CKR_PIN_INCORRECT: 0xa0,
  CKR_PIN_INVALID: 0xa1,
  CKR_PIN_LEN_RANGE: 0xa2,
  CKR_PIN_EXPIRED: 0xa3,
  CKR_PIN_LOCKED: 0xa4,
  CKR_SESSION_CLOSED: 0xb0,
  CKR_SESSION_HANDLE_INVALID: 0xb3,
  CKR_TOKEN_NOT_PRESENT: 0xe0,
  CKR_TOKEN_NOT_RECOGNIZED: 0xe1,
  CKR_USER_PIN_NOT_INITIALIZED: 0x102,
} as const;

const BY_RETURN_VALUE: ReadonlyMap<number, TokenErrorCode> = new Map([
  [CKR.CKR_SLOT_ID_INVALID, 'token-not-present'],
  [CKR.CKR_TOKEN_NOT_PRESENT, 'token-not-present'],
  [CKR.CKR_TOKEN_NOT_RECOGNIZED, 'token-not-present'],
  [CKR.CKR_DEVICE_REMOVED, 'token-removed'],
  [CKR.CKR_SESSION_CLOSED, 'token-removed'],
  [CKR.CKR_SESSION_HANDLE_INVALID, 'token-removed'],
  // The key found at open time is gone: the token was pulled out or swapped (SoftHSM2 answers
  // this when its token is deleted under an open session).
  [CKR.CKR_KEY_HANDLE_INVALID, 'token-removed'],
  [CKR.CKR_OBJECT_HANDLE_INVALID, 'token-removed'],
  [CKR.CKR_PIN_INCORRECT, 'token-pin-incorrect'],
  [CKR.CKR_PIN_INVALID, 'token-pin-incorrect'],
  [CKR.CKR_PIN_LEN_RANGE, 'token-pin-incorrect'],
  [CKR.CKR_PIN_EXPIRED, 'token-pin-locked'],
  [CKR.CKR_PIN_LOCKED, 'token-pin-locked'],
  [CKR.CKR_USER_PIN_NOT_INITIALIZED, 'token-pin-locked'],
  [CKR.CKR_KEY_TYPE_INCONSISTENT, 'token-key-unsupported'],
  [CKR.CKR_MECHANISM_INVALID, 'token-key-unsupported'],
]);

const MESSAGES: Readonly<Record<TokenErrorCode, string>> = {
  'token-module-unloadable': 'The PKCS#11 module cannot be loaded',
  'token-not-present': 'No token is present in that slot',
  'token-removed': 'The token was removed while it was in use',
  'token-pin-incorrect': 'The PIN is not correct',
  'token-pin-cancelled': 'No PIN was given: nothing was signed',
  'token-pin-locked': 'The token PIN is locked: ask the issuer (security officer) to unblock it',
  'token-key-not-found': 'The key was not found on the token',
  'token-certificate-not-found': 'The certificate was not found on the token',
  'token-certificate-mismatch': 'The certificate does not belong to the key on the token',
  'token-key-unsupported': 'The token key cannot sign with RSA PKCS#1 v1.5 or ECDSA',
  'token-failed': 'The token failed',
};

/** A PKCS#11 return value as our error, keeping the module's own name for the log. */
export function tokenErrorFromReturnValue(rv: number, detail: string): TokenError {
  const code = BY_RETURN_VALUE.get(rv) ?? 'token-failed';
  return new TokenError(code, `${MESSAGES[code]} (${detail})`);
}

/** pkcs11js throws Pkcs11Error { code, method, message }; anything else is not a module answer. */
export function asTokenError(error: unknown): TokenError {
  if (error instanceof TokenError) return error;
  const rv = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (typeof rv === 'number') return tokenErrorFromReturnValue(rv, text);
  return new TokenError('token-failed', `${MESSAGES['token-failed']}: ${text}`);
}

export function tokenError(code: TokenErrorCode, detail?: string): TokenError {
  return new TokenError(code, detail ? `${MESSAGES[code]}: ${detail}` : MESSAGES[code]);
}
