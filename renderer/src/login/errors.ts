import type { MessageKey } from '../i18n/catalog';

type CodeOf<K> = K extends `loginError.${infer C}` ? C : never;

/** Every failure code the login screen knows: from the bridge (file, key) and from the server. */
const KNOWN = [
  'p12-bad-password',
  'p12-malformed',
  'p12-incomplete',
  'p12-key-mismatch',
  'p12-unsupported',
  'p12-too-large',
  'cert-malformed',
  'cert-unsupported',
  'cert-expired',
  'cert-not-yet-valid',
  'cert-key-usage',
  'cert-untrusted',
  'cert-bad-signature',
  'login-bad-signature',
  'login-malformed',
  'login-wrong-origin',
  'nonce-unknown',
  'member-unknown',
  'rate-limited',
  'identity-not-found',
  'network',
] as const satisfies readonly CodeOf<MessageKey>[];

export type KnownLoginErrorCode = (typeof KNOWN)[number];

/** What the screen shows for a failure: a catalogue key, plus the raw message for unknown codes. */
export interface LoginProblem {
  key: MessageKey;
  message: string;
}

export function loginProblem(code: string, message: string): LoginProblem {
  const known = (KNOWN as readonly string[]).includes(code);
  return {
    key: known ? (`loginError.${code as KnownLoginErrorCode}` as const) : 'loginError.unexpected',
    message,
  };
}

export const knownLoginErrorCodes: readonly string[] = KNOWN;
