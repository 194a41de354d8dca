/**
 * What the verifier learned about the revocation of a signer's certificate. The check itself
 * needs the network and a trust list, so the caller brings it (the server and the admin CLI
 * ask OCSP/CRL through their trust service; the browser has no such path and says so).
 */

/**
 * good: no source says revoked. revoked: revoked at or before the signing time (the signature
 * is refused). revoked-after-signing: revoked later than the signing time, so the signature
 * stays valid with a note. unknown: the responder does not know the certificate.
 * not-checked: no answer could be had (unreachable), or no checker was given.
 */
export type SignerRevocationStatus =
  'good' | 'revoked' | 'revoked-after-signing' | 'unknown' | 'not-checked';

export interface SignerRevocation {
  readonly status: SignerRevocationStatus;
  /** When the certificate was revoked (revoked, revoked-after-signing). */
  readonly revokedAt?: Date;
  /** Which certificate of the path the status is about (the signer's or an intermediate's). */
  readonly subject?: string;
  /** For unknown / not-checked: what the signing policy makes of it. */
  readonly policy?: 'refuse' | 'warn';
  /** Why sources failed, or a note (for example: revoked after the claimed signing time). */
  readonly problems: readonly string[];
}

export interface SignerRevocationQuery {
  /** The signer certificate, DER. */
  readonly signerDer: Uint8Array;
  /** Every certificate the CMS carries (intermediates among them), DER. */
  readonly certificatesDer: readonly Uint8Array[];
  /** The /M time the signer claims; undefined when the signature has none. */
  readonly signingTime: Date | undefined;
}

/** Asks the signer's revocation; must not throw for a definite or missing answer. */
export type SignerRevocationCheck = (query: SignerRevocationQuery) => Promise<SignerRevocation>;

export const REVOCATION_NOT_CHECKED: SignerRevocation = {
  status: 'not-checked',
  problems: ['revocation was not checked by this verifier'],
};

/**
 * Places a "revoked" answer against the signing time: a signature made before the revocation
 * time stays valid (that is what the time is for). Without a signing time, revoked is revoked.
 */
export function revokedRelativeTo(
  revokedAt: Date | undefined,
  signingTime: Date | undefined,
): 'revoked' | 'revoked-after-signing' {
  if (revokedAt && signingTime && signingTime.getTime() < revokedAt.getTime())
    return 'revoked-after-signing';
  return 'revoked';
}

/** Asks `check` about the signer; a checker that fails is "not checked", with why. */
export async function askRevocation(
  check: SignerRevocationCheck,
  signerDer: Uint8Array,
  certificates: readonly { der: Uint8Array }[],
  signingTime: Date | undefined,
): Promise<SignerRevocation> {
  try {
    return await check({
      signerDer,
      certificatesDer: certificates.map((c) => c.der),
      signingTime,
    });
  } catch (cause) {
    return { status: 'not-checked', problems: [(cause as Error).message] };
  }
}
