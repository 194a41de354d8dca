/**
 * The signature verifier's revocation question, answered through the trust service: the
 * signer's path for the 'signing' purpose (at the signing time, so an expired certificate
 * still has a path), every certificate on it asked by OCSP then CRL, and the signing policy
 * applied to a missing answer. Never throws: the verifier reports, it does not refuse.
 */
import { findRevocation, type RevocationFinding } from '../../core/identity/revocation';
import {
  type SignerRevocation,
  type SignerRevocationCheck,
  revokedRelativeTo,
} from '../../core/signing/signer-revocation';
import type { RevocationFetcher } from '../../core/identity/revocation';
import type { TrustService } from './trust-service';
import { nodeRevocationFetcher } from './revocation-fetcher';

export interface SignerRevocationOptions {
  trust: Pick<TrustService, 'check' | 'policy'>;
  /** The verifier's clock: revocation answers are judged fresh against it. */
  now: () => Date;
  fetcher?: RevocationFetcher;
}

function fromFindings(
  findings: readonly RevocationFinding[],
  signingTime: Date | undefined,
  policy: { unknown: 'refuse' | 'warn'; unreachable: 'refuse' | 'warn' },
): SignerRevocation {
  const revoked = findings.find((f) => f.status === 'revoked');
  if (revoked) {
    const status = revokedRelativeTo(revoked.revokedAt, signingTime);
    const when = revoked.revokedAt?.toISOString() ?? 'an unknown time';
    return {
      status,
      subject: revoked.subjectDn,
      ...(revoked.revokedAt ? { revokedAt: revoked.revokedAt } : {}),
      problems:
        status === 'revoked-after-signing'
          ? [
              `the certificate was revoked on ${when}, after the claimed signing time (/M, not a trusted time)`,
            ]
          : [`the certificate was revoked on ${when}`],
    };
  }
  const missing = findings.find((f) => f.status === 'unreachable');
  if (missing)
    return {
      status: 'not-checked',
      subject: missing.subjectDn,
      policy: policy.unreachable,
      problems: missing.problems,
    };
  const unknown = findings.find((f) => f.status === 'unknown');
  if (unknown)
    return {
      status: 'unknown',
      subject: unknown.subjectDn,
      policy: policy.unknown,
      problems: ['no revocation source knows the certificate', ...unknown.problems],
    };
  return { status: 'good', problems: [] };
}

export function createSignerRevocationCheck(
  options: SignerRevocationOptions,
): SignerRevocationCheck {
  const fetcher = options.fetcher ?? nodeRevocationFetcher;
  return async ({ signerDer, certificatesDer, signingTime }) => {
    const now = options.now();
    let trusted;
    try {
      trusted = await options.trust.check(
        [signerDer, ...certificatesDer],
        'signing',
        signingTime ?? now,
      );
    } catch (cause) {
      return {
        status: 'not-checked',
        problems: [`no trusted signing path to check revocation on: ${(cause as Error).message}`],
      };
    }
    const policy = options.trust.policy('signing');
    const findings = await findRevocation({ path: trusted.certificates, fetcher, policy, now });
    return fromFindings(findings, signingTime, policy);
  };
}
