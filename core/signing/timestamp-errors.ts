import { CodedError } from '../errors/coded-error';

/**
 * What can go wrong with a time-stamping authority, one code each, so the policy (refuse, or
 * sign B-B) and the user's message can tell an outage from a TSA that lies.
 */
export type TimestampErrorCode =
  /** No answer: connection refused or closed, timeout, HTTP error, an answer too large. */
  | 'tsa-unreachable'
  /** The TSA answered with a status other than granted / grantedWithMods. */
  | 'tsa-refused'
  /** The token timestamps something other than what was asked. */
  | 'tsa-wrong-imprint'
  /** The token answers another request (replay, or a mix-up at the TSA). */
  | 'tsa-wrong-nonce'
  /** The token cannot be read, or its CMS signature does not verify. */
  | 'tsa-bad-signature'
  /** The TSA certificate does not chain to a CA trusted for the purpose "timestamping". */
  | 'tsa-untrusted'
  /** The signer certificate lacks the critical extendedKeyUsage id-kp-timeStamping (alone). */
  | 'tsa-not-timestamping-cert';

export class TimestampError extends CodedError<TimestampErrorCode> {
  override readonly name = 'TimestampError';
}
