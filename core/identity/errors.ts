import { CodedError } from '../errors/coded-error';

/** Stable codes for every identity failure a user, an operator or a client can cause. */
export type IdentityErrorCode =
  // PKCS#12 files
  | 'p12-bad-password'
  | 'p12-malformed'
  | 'p12-incomplete'
  | 'p12-key-mismatch'
  | 'p12-unsupported'
  // certificates and chains
  | 'cert-malformed'
  | 'cert-unsupported'
  | 'cert-untrusted'
  | 'cert-expired'
  | 'cert-not-yet-valid'
  | 'cert-bad-signature'
  | 'cert-key-usage'
  | 'cert-eku'
  | 'cert-policy'
  | 'cert-chain-incomplete'
  // revocation (CRL / OCSP)
  | 'cert-revoked'
  | 'cert-revocation-unknown'
  | 'cert-revocation-unreachable'
  // trust lists
  | 'trust-invalid'
  // keys and issuing
  | 'key-malformed'
  | 'issue-invalid'
  // login
  | 'login-malformed'
  | 'login-bad-signature';

/** An identity failure with a stable `code`; the message is for people and may change. */
export class IdentityError extends CodedError<IdentityErrorCode> {
  override readonly name = 'IdentityError';
}
