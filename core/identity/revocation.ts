/**
 * Revocation of every certificate on a verified path (leaf and intermediates; the trust anchor
 * is trusted as configured): OCSP first, then the CRL, answers reused while valid, and an
 * explicit policy for a responder that cannot be reached or does not know the certificate.
 * Pure: the caller brings the network (RevocationFetcher) and the clock.
 */
import type { ChainCertificate } from './certificate';
import { judgeCrl } from './crl';
import { IdentityError } from './errors';
import { buildOcspRequest, judgeOcspResponse, type RevocationAnswer } from './ocsp';
import type { TrustPurpose } from './purpose';

/** What to do when no answer can be had: refuse, or accept and log a warning. */
export type RevocationFallback = 'refuse' | 'warn';

export interface RevocationPolicy {
  /** Every responder and CRL of a certificate failed (network, timeout, unusable answer). */
  unreachable: RevocationFallback;
  /** A responder answered "unknown" and no CRL said otherwise. */
  unknown: RevocationFallback;
  /** Per request; the fetcher must give up after it. */
  timeoutMs: number;
}

/**
 * Defaults a public body expects: a signature on the minutes is a legal act, so it is refused
 * when revocation cannot be checked; a login is refused only on a definite answer, and an
 * outage is logged so a meeting can still start.
 */
export const DEFAULT_REVOCATION_POLICY: Readonly<Record<TrustPurpose, RevocationPolicy>> = {
  login: { unreachable: 'warn', unknown: 'refuse', timeoutMs: 5_000 },
  signing: { unreachable: 'refuse', unknown: 'refuse', timeoutMs: 10_000 },
  timestamping: { unreachable: 'warn', unknown: 'refuse', timeoutMs: 10_000 },
};

export interface RevocationRequest {
  url: string;
  /** Present for OCSP POST; absent for a CRL GET. */
  body?: Uint8Array;
  contentType?: string;
  timeoutMs: number;
}

/** The network, the server's: resolves to the response body; rejects on failure or timeout. */
export interface RevocationFetcher {
  fetch(request: RevocationRequest): Promise<Uint8Array>;
}

/** Answers by issuer and serial, reused until their own validity ends. */
export class RevocationCache {
  private readonly answers = new Map<string, RevocationAnswer>();
  constructor(private readonly maxEntries = 10_000) {}

  get(key: string, now: Date): RevocationAnswer | undefined {
    const answer = this.answers.get(key);
    if (answer && answer.validUntil.getTime() >= now.getTime()) return answer;
    if (answer) this.answers.delete(key);
    return undefined;
  }

  set(key: string, answer: RevocationAnswer): void {
    if (this.answers.size >= this.maxEntries) {
      const oldest = this.answers.keys().next();
      if (!oldest.done) this.answers.delete(oldest.value);
    }
    this.answers.set(key, answer);
  }

  get size(): number {
    return this.answers.size;
  }
}

/** What was found for one certificate of the path. */
export interface RevocationFinding {
  subjectDn: string;
  serialHex: string;
  status: 'good' | 'revoked' | 'unknown' | 'unreachable' | 'no-source';
  source?: 'ocsp' | 'crl' | 'cache';
  /** When status is 'revoked' and the source said when. */
  revokedAt?: Date;
  /** Why sources failed, for the log. */
  problems: string[];
}

export interface RevocationOutcome {
  findings: RevocationFinding[];
  /** Accepted despite a missing answer (policy 'warn'): to be logged. */
  warnings: string[];
}

export interface CheckRevocationOptions {
  /** Leaf first, ending with the trust anchor (VerifiedChain.certificates). */
  path: readonly ChainCertificate[];
  fetcher: RevocationFetcher;
  cache?: RevocationCache;
  policy: RevocationPolicy;
  now: Date;
}

const cacheKey = (cert: ChainCertificate, issuer: ChainCertificate) =>
  `${issuer.info.fingerprintSha256Hex}:${cert.info.serialHex}`;

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function askSources(
  cert: ChainCertificate,
  issuer: ChainCertificate,
  options: CheckRevocationOptions,
  problems: string[],
): Promise<RevocationAnswer | null> {
  const { fetcher, policy, now } = options;
  let unknown: RevocationAnswer | null = null;
  for (const url of cert.info.ocspUrls) {
    try {
      const body = buildOcspRequest(cert, issuer);
      const der = await fetcher.fetch({
        url,
        body,
        contentType: 'application/ocsp-request',
        timeoutMs: policy.timeoutMs,
      });
      const answer = judgeOcspResponse(der, cert, issuer, now);
      if (answer.status !== 'unknown') return answer;
      unknown = answer;
      problems.push(`OCSP ${url}: the responder does not know this certificate`);
    } catch (error) {
      problems.push(`OCSP ${url}: ${reason(error)}`);
    }
  }
  for (const url of cert.info.crlUrls) {
    try {
      const der = await fetcher.fetch({ url, timeoutMs: policy.timeoutMs });
      return judgeCrl(der, cert, issuer, now);
    } catch (error) {
      problems.push(`CRL ${url}: ${reason(error)}`);
    }
  }
  return unknown;
}

function label(cert: ChainCertificate): string {
  return cert.info.subjectCommonName || cert.info.subjectDn;
}

/**
 * Asks every certificate of the path below the anchor and reports what each source said,
 * refusing nothing: the signature verifier reports these (a signature made before the
 * revocation stays valid), where login and upload refuse through checkRevocation.
 */
export async function findRevocation(
  options: CheckRevocationOptions,
): Promise<RevocationFinding[]> {
  const { path, cache, now } = options;
  const findings: RevocationFinding[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const cert = path[i]!;
    const issuer = path[i + 1]!;
    const finding: RevocationFinding = {
      subjectDn: cert.info.subjectDn,
      serialHex: cert.info.serialHex,
      status: 'no-source',
      problems: [],
    };
    findings.push(finding);
    if (cert.info.ocspUrls.length === 0 && cert.info.crlUrls.length === 0) continue;
    const key = cacheKey(cert, issuer);
    const cached = cache?.get(key, now);
    const answer = cached ?? (await askSources(cert, issuer, options, finding.problems));
    if (answer && !cached) cache?.set(key, answer);
    finding.status = answer?.status ?? 'unreachable';
    finding.source = cached ? 'cache' : answer?.source;
    if (answer?.revokedAt) finding.revokedAt = answer.revokedAt;
    // A revoked certificate decides the path: nothing below it needs asking.
    if (finding.status === 'revoked') break;
  }
  return findings;
}

/**
 * Checks every certificate of the path below the anchor. Throws IdentityError cert-revoked, or
 * cert-revocation-unknown / cert-revocation-unreachable when the policy says refuse. A
 * certificate that names no OCSP responder and no CRL (like the organisation CA's own) passes.
 */
export async function checkRevocation(options: CheckRevocationOptions): Promise<RevocationOutcome> {
  const { path, policy } = options;
  const findings = await findRevocation(options);
  const warnings: string[] = [];
  findings.forEach((finding, i) => {
    const cert = path[i]!;
    if (finding.status === 'revoked') {
      const when = finding.revokedAt ? ` on ${finding.revokedAt.toISOString()}` : '';
      throw new IdentityError(
        'cert-revoked',
        `The certificate of ${label(cert)} was revoked${when}.`,
      );
    }
    if (finding.status === 'unknown' || finding.status === 'unreachable') {
      const fallback = finding.status === 'unknown' ? policy.unknown : policy.unreachable;
      const text =
        finding.status === 'unknown'
          ? `No revocation source knows the certificate of ${label(cert)}`
          : `The revocation status of ${label(cert)} could not be checked (${finding.problems.join('; ')})`;
      if (fallback === 'refuse') {
        throw new IdentityError(
          finding.status === 'unknown' ? 'cert-revocation-unknown' : 'cert-revocation-unreachable',
          `${text}.`,
        );
      }
      warnings.push(text);
    }
  });
  return { findings, warnings };
}
