/**
 * The server's trust decisions for one purpose, read fresh from the data directory each time:
 * chain to an anchor for that purpose (with the intermediate cache), purpose checks, then
 * revocation by the configured policy, whose warnings are logged and audited.
 */
import { base64Encode } from '../../core/crypto/encoding';
import type { TrustPurpose } from '../../core/identity/purpose';
import {
  DEFAULT_REVOCATION_POLICY,
  RevocationCache,
  checkRevocation,
  type RevocationFetcher,
  type RevocationOutcome,
  type RevocationPolicy,
} from '../../core/identity/revocation';
import { checkTrust, type TrustedCertificate } from '../../core/identity/trust-check';
import type { Logger } from '../log';
import type { AuditLog } from '../store/types';
import { nodeRevocationFetcher } from './revocation-fetcher';
import { loadIntermediates, loadTrustList } from './trust-store';

export interface TrustServiceOptions {
  dataDir: string;
  logger: Logger;
  audit: AuditLog;
  fetcher?: RevocationFetcher;
  /** Per purpose; defaults DEFAULT_REVOCATION_POLICY. */
  revocation?: Partial<Record<TrustPurpose, Partial<RevocationPolicy>>>;
}

export interface TrustService {
  /** Chain, purpose and policies, no network: throws IdentityError cert-*. */
  check(
    chainDer: readonly Uint8Array[],
    purpose: TrustPurpose,
    now: Date,
  ): Promise<TrustedCertificate>;
  /** Revocation of a checked path; throws cert-revoked / cert-revocation-* per the policy. */
  revocation(
    trusted: TrustedCertificate,
    purpose: TrustPurpose,
    now: Date,
    context: Record<string, string>,
  ): Promise<RevocationOutcome>;
  policy(purpose: TrustPurpose): RevocationPolicy;
}

/** What verifyLogin takes as the chain: the path without its anchor, Base64. */
export const chainWithoutAnchor = (trusted: TrustedCertificate): string[] =>
  trusted.certificates.slice(0, -1).map((c) => base64Encode(c.info.der));

export function createTrustService(options: TrustServiceOptions): TrustService {
  const cache = new RevocationCache();
  const fetcher = options.fetcher ?? nodeRevocationFetcher;
  const policy = (purpose: TrustPurpose): RevocationPolicy => ({
    ...DEFAULT_REVOCATION_POLICY[purpose],
    ...options.revocation?.[purpose],
  });
  return {
    policy,
    async check(chainDer, purpose, now) {
      return checkTrust({
        chainDer,
        intermediatesDer: await loadIntermediates(options.dataDir),
        trustList: await loadTrustList(options.dataDir),
        purpose,
        now,
      });
    },
    async revocation(trusted, purpose, now, context) {
      const outcome = await checkRevocation({
        path: trusted.certificates,
        fetcher,
        cache,
        policy: policy(purpose),
        now,
      });
      for (const warning of outcome.warnings) {
        options.logger.log('warn', 'trust.revocation-unchecked', { purpose, warning, ...context });
        await options.audit.appendAudit({
          at: now.toISOString(),
          action: 'revocation.unchecked',
          purpose,
          subject: trusted.leaf.subjectDn,
          warning,
          ...context,
        });
      }
      return outcome;
    },
  };
}
