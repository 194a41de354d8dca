/**
 * Decides whether a certificate chain is one we trust. Pure and synchronous: signatures are
 * checked in pure JS (forge for RSA PKCS#1 v1.5 and PSS, @noble/curves for ECDSA), with the
 * algorithm read from core/signing/signature-algorithms.
 */
import { pemDecodeAll } from '../crypto/encoding';
import { pureVerify } from '../crypto/pure-verify';
import { signatureAlgorithm } from '../signing/signature-algorithms';
import {
  decodeChainCertificate,
  type CertificateInfo,
  type ChainCertificate,
  type KeyUsageFlags,
} from './certificate';
import { IdentityError } from './errors';

export interface VerifyChainOptions {
  /** DER certificates: the leaf first, then any intermediates (the root may be included). */
  chainDer: readonly Uint8Array[];
  /** PEM texts of the trusted CA certificates (each text may hold several). */
  trustedCaPem: readonly string[];
  now: Date;
  /**
   * More intermediate CA certificates to build the path with (a local cache), beyond what the
   * signer sent; not counted against MAX_CHAIN_LENGTH, bounded by MAX_CACHED_INTERMEDIATES.
   */
  intermediatesDer?: readonly Uint8Array[];
  /** A keyUsage bit the leaf must have when it carries a keyUsage extension. */
  requireKeyUsage?: keyof KeyUsageFlags;
}

export interface VerifiedChain {
  ok: true;
  leaf: CertificateInfo;
  /** Leaf first, ending with the trusted CA. */
  path: CertificateInfo[];
  /** The same path with what revocation checks need (names and keys as DER). */
  certificates: ChainCertificate[];
}

/** More than this many certificates is no real chain, and bounds the work an attacker can cause. */
export const MAX_CHAIN_LENGTH = 8;
/** The local intermediate cache is the operator's; still bounded. */
export const MAX_CACHED_INTERMEDIATES = 256;

function label(cert: ChainCertificate): string {
  return cert.info.subjectCommonName || cert.info.subjectDn || cert.info.serialHex;
}

/** Reads the trusted CA certificates; a broken one is an operator error, reported as such. */
function decodeAnchors(trustedCaPem: readonly string[]): ChainCertificate[] {
  const anchors: ChainCertificate[] = [];
  for (const pem of trustedCaPem) {
    let blocks;
    try {
      blocks = pemDecodeAll(pem).filter((b) => b.label === 'CERTIFICATE');
    } catch (cause) {
      throw new IdentityError('cert-malformed', 'A trusted CA certificate is not valid PEM.', {
        cause,
      });
    }
    for (const block of blocks) anchors.push(decodeChainCertificate(block.der));
  }
  return anchors;
}

/** Whether the key identifiers allow `issuer` to have issued `child` (unknown ids allow it). */
function keyIdsAgree(child: ChainCertificate, issuer: ChainCertificate): boolean {
  return (
    child.authorityKeyIdHex === null ||
    issuer.subjectKeyIdHex === null ||
    child.authorityKeyIdHex === issuer.subjectKeyIdHex
  );
}

function mayIssue(issuer: ChainCertificate): boolean {
  return issuer.info.isCa && (issuer.info.keyUsage === null || issuer.info.keyUsage.keyCertSign);
}

/** True or false when checked; a reason string when the algorithm is one we do not verify. */
function signatureValid(issuer: ChainCertificate, child: ChainCertificate): boolean | string {
  const { tbsDer, signatureAlgorithmDer, signature } = child.signed;
  const params = signatureAlgorithm(signatureAlgorithmDer, issuer.info.spkiDer);
  if (!params.supported) return params.reason;
  return pureVerify(params, issuer.info.spkiDer, tbsDer, signature);
}

/** Whether `issuer` may issue certificates and its key verifies `child`'s signature. */
export function issuedBy(issuer: ChainCertificate, child: ChainCertificate): boolean {
  return (
    child.issuerNameDer === issuer.subjectNameDer &&
    mayIssue(issuer) &&
    signatureValid(issuer, child) === true
  );
}

interface IssuerSearch {
  found: ChainCertificate | null;
  /** A certificate with the right name and key id was there, but its key did not verify. */
  badSignature: boolean;
  /** Such a certificate was there, but the signature uses an algorithm we do not verify. */
  unsupported: string | null;
}

function findIssuer(
  child: ChainCertificate,
  candidates: readonly ChainCertificate[],
): IssuerSearch {
  let badSignature = false;
  let unsupported: string | null = null;
  for (const candidate of candidates) {
    if (candidate.subjectNameDer !== child.issuerNameDer || !keyIdsAgree(child, candidate))
      continue;
    if (!mayIssue(candidate)) continue;
    const valid = signatureValid(candidate, child);
    if (valid === true) return { found: candidate, badSignature: false, unsupported: null };
    if (valid === false) badSignature = true;
    else unsupported = valid;
  }
  return { found: null, badSignature, unsupported };
}

/** Builds the path leaf → … → trusted CA, or throws cert-untrusted / cert-bad-signature. */
function buildPath(
  leaf: ChainCertificate,
  pool: ChainCertificate[],
  anchors: ChainCertificate[],
): ChainCertificate[] {
  const path = [leaf];
  const left = [...pool];
  let current = leaf;
  let badSignature = false;
  let unsupported: string | null = null;
  while (path.length <= MAX_CHAIN_LENGTH + 1) {
    if (anchors.some((a) => a.info.fingerprintSha256Hex === current.info.fingerprintSha256Hex))
      return path;
    // A self-issued certificate that is not itself trusted is someone else's root: stop here.
    if (current !== leaf && current.issuerNameDer === current.subjectNameDer) break;
    const byAnchor = findIssuer(current, anchors);
    const byPool = byAnchor.found ? byAnchor : findIssuer(current, left);
    badSignature = byAnchor.badSignature || byPool.badSignature;
    unsupported = byAnchor.unsupported ?? byPool.unsupported;
    const issuer = byAnchor.found ?? byPool.found;
    if (!issuer) break;
    path.push(issuer);
    if (byAnchor.found) return path;
    left.splice(left.indexOf(issuer), 1);
    current = issuer;
    badSignature = false;
  }
  if (unsupported !== null && !badSignature) {
    throw new IdentityError(
      'cert-unsupported',
      `The certificate of ${label(current)} uses a signature algorithm this app does not verify (${unsupported}).`,
    );
  }
  if (badSignature) {
    throw new IdentityError(
      'cert-bad-signature',
      `The certificate of ${label(current)} has an invalid signature.`,
    );
  }
  // Stopped below a root at an intermediate whose issuer nobody sent and the cache lacks.
  if (current !== leaf && current.issuerNameDer !== current.subjectNameDer) {
    throw new IdentityError(
      'cert-chain-incomplete',
      `The chain of ${label(leaf)} stops at ${label(current)}: its issuer (${current.info.issuerDn}) was neither sent nor is it known here.`,
    );
  }
  throw new IdentityError(
    'cert-untrusted',
    `The certificate of ${label(leaf)} was not issued by a trusted CA.`,
  );
}

function checkTime(path: ChainCertificate[], now: Date): void {
  const t = now.getTime();
  for (const cert of path) {
    if (t > cert.info.notAfter.getTime()) {
      throw new IdentityError(
        'cert-expired',
        `The certificate of ${label(cert)} expired on ${cert.info.notAfter.toISOString()}.`,
      );
    }
    if (t < cert.info.notBefore.getTime()) {
      throw new IdentityError(
        'cert-not-yet-valid',
        `The certificate of ${label(cert)} is valid only from ${cert.info.notBefore.toISOString()}.`,
      );
    }
  }
}

/**
 * Verifies that `chainDer[0]` chains to one of the trusted CAs, every certificate on the path
 * is within its validity at `now`, and the leaf may be used as asked. Throws IdentityError:
 * cert-malformed, cert-unsupported (also for a signature algorithm we do not verify), cert-untrusted, cert-bad-signature, cert-expired,
 * cert-not-yet-valid, cert-key-usage, cert-chain-incomplete (an intermediate's issuer is
 * missing). Revocation is not checked here (revocation.ts); purposes are in trust-check.ts.
 */
export function verifyCertificateChain(options: VerifyChainOptions): VerifiedChain {
  const { chainDer, now } = options;
  if (chainDer.length === 0) throw new IdentityError('cert-malformed', 'No certificate was given.');
  if (chainDer.length > MAX_CHAIN_LENGTH) {
    throw new IdentityError(
      'cert-malformed',
      `A chain may hold at most ${MAX_CHAIN_LENGTH} certificates.`,
    );
  }
  if (Number.isNaN(now.getTime()))
    throw new IdentityError('cert-malformed', '`now` is not a valid date.');
  const [leaf, ...sent] = chainDer.map((der) => decodeChainCertificate(der));
  const cached = (options.intermediatesDer ?? [])
    .slice(0, MAX_CACHED_INTERMEDIATES)
    .map((der) => decodeChainCertificate(der));
  const anchors = decodeAnchors(options.trustedCaPem);
  const path = buildPath(leaf!, [...sent, ...cached], anchors);

  // An extension we do not understand may forbid this use; the trusted CA itself is exempt.
  for (const cert of path.slice(0, -1)) {
    const [unknown] = cert.unknownCriticalExtensions;
    if (unknown !== undefined) {
      throw new IdentityError(
        'cert-unsupported',
        `The certificate of ${label(cert)} has a critical extension this app does not understand (${unknown}).`,
      );
    }
  }
  checkTime(path, now);
  const usage = options.requireKeyUsage;
  const keyUsage = leaf!.info.keyUsage;
  if (usage !== undefined && keyUsage !== null && !keyUsage[usage]) {
    throw new IdentityError(
      'cert-key-usage',
      `The certificate of ${label(leaf!)} may not be used for ${usage}.`,
    );
  }
  return { ok: true, leaf: leaf!.info, path: path.map((c) => c.info), certificates: path };
}
