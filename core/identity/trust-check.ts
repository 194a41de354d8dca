/**
 * The whole decision on a member certificate for one purpose: a path to an anchor trusted for
 * that purpose (intermediates from the signer plus the local cache), key usage, extended key
 * usage and the anchor's required policies, then revocation by the policy for that purpose.
 */
import { checkPurpose, type TrustPurpose } from './purpose';
import {
  checkRevocation,
  type RevocationCache,
  type RevocationFetcher,
  type RevocationOutcome,
  type RevocationPolicy,
} from './revocation';
import { anchorsFor, type TrustAnchor, type TrustList } from './trust-list';
import { verifyCertificateChain, type VerifiedChain } from './verify-chain';
import { IdentityError } from './errors';
import { certificateInfo } from './certificate';

export interface TrustCheckOptions {
  /** Leaf first, then what the signer sent. */
  chainDer: readonly Uint8Array[];
  intermediatesDer?: readonly Uint8Array[];
  trustList: TrustList;
  purpose: TrustPurpose;
  now: Date;
  /** Without it, revocation is not checked (offline tools say so themselves). */
  revocation?: { fetcher: RevocationFetcher; cache?: RevocationCache; policy: RevocationPolicy };
}

export interface TrustedCertificate extends VerifiedChain {
  anchor: TrustAnchor;
  revocation: RevocationOutcome | null;
}

/** Throws IdentityError with a cert-* code (see verify-chain, purpose, revocation). */
export async function checkTrust(options: TrustCheckOptions): Promise<TrustedCertificate> {
  const anchors = anchorsFor(options.trustList, options.purpose);
  if (anchors.length === 0)
    throw new IdentityError('cert-untrusted', `No CA is trusted for ${options.purpose}.`);
  const verified = verifyCertificateChain({
    chainDer: options.chainDer,
    ...(options.intermediatesDer ? { intermediatesDer: options.intermediatesDer } : {}),
    trustedCaPem: anchors.map((a) => a.certificatePem),
    now: options.now,
  });
  const top = verified.path[verified.path.length - 1]!;
  const anchor = anchors.find(
    (a) => certificateInfo(a.certificatePem).fingerprintSha256Hex === top.fingerprintSha256Hex,
  )!;
  checkPurpose(verified.leaf, options.purpose, anchor.requiredPolicies);
  const revocation = options.revocation
    ? await checkRevocation({
        path: verified.certificates,
        fetcher: options.revocation.fetcher,
        ...(options.revocation.cache ? { cache: options.revocation.cache } : {}),
        policy: options.revocation.policy,
        now: options.now,
      })
    : null;
  return { ...verified, anchor, revocation };
}

/** The zero-setup trust list: each PEM (the organisation CA) trusted for both purposes. */
export function trustListFromPems(pems: readonly { name: string; pem: string }[]): TrustList {
  return {
    version: 1,
    anchors: pems.map(({ name, pem }) => ({
      name,
      purposes: ['login', 'signing'],
      certificatePem: pem,
      requiredPolicies: [],
    })),
  };
}
