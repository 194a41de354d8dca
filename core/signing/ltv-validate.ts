/**
 * Validation at a point in time from the embedded Document Security Store, offline: the signer's
 * chain is built from the CMS and DSS certificates up to a trusted CA, and every certificate
 * below the anchor needs an OCSP response or CRL from the DSS that its issuer (or a responder
 * the issuer authorised) signed, that is about that certificate, that says "good", and that was
 * produced at or after the time the signature is validated at (its timestamp's time) — so it
 * proves the certificate was not revoked when the signature was made, whatever happens later.
 */
import * as pkijs from 'pkijs';
import { type ChainCertificate, decodeChainCertificate } from '../identity/certificate';
import { judgeCrl } from '../identity/crl';
import { REVOCATION_CLOCK_SKEW_MS, judgeOcspResponse } from '../identity/ocsp';
import { issuedBy } from '../identity/verify-chain';
import type { DssContents } from './dss';

const MAX_DEPTH = 8;

export interface LtvCoverage {
  /** Every non-anchor certificate of the chain has usable revocation data from the DSS. */
  readonly covered: boolean;
  /** Why not, one line per certificate that lacks it (empty when covered). */
  readonly missing: readonly string[];
}

function decodeAll(ders: readonly Uint8Array[]): ChainCertificate[] {
  const out: ChainCertificate[] = [];
  for (const der of ders) {
    try {
      out.push(decodeChainCertificate(der));
    } catch {
      // a malformed certificate in the DSS supports nothing; others may still
    }
  }
  return out;
}

const sameCert = (a: ChainCertificate, b: ChainCertificate): boolean =>
  a.info.der.length === b.info.der.length && a.info.der.every((x, i) => x === b.info.der[i]);

/** The OCSP response's production time (producedAt), or undefined when unreadable. */
function ocspProducedAt(der: Uint8Array): Date | undefined {
  try {
    const response = pkijs.OCSPResponse.fromBER(der.slice());
    const bytes = response.responseBytes;
    if (!bytes) return undefined;
    const basic = pkijs.BasicOCSPResponse.fromBER(bytes.response.valueBlock.valueHexView.slice());
    return basic.tbsResponseData.producedAt;
  } catch {
    return undefined;
  }
}

function crlThisUpdate(der: Uint8Array): Date | undefined {
  try {
    return pkijs.CertificateRevocationList.fromBER(der.slice()).thisUpdate.value;
  } catch {
    return undefined;
  }
}

/** Whether some DSS answer, produced at/after `at`, says `cert` was good. */
function goodAt(
  cert: ChainCertificate,
  issuer: ChainCertificate,
  dss: DssContents,
  at: Date,
): boolean {
  const notBefore = at.getTime() - REVOCATION_CLOCK_SKEW_MS;
  const answers = [
    ...dss.ocspResponses.map((der) => ({
      der,
      produced: ocspProducedAt(der),
      judge: judgeOcspResponse,
    })),
    ...dss.crls.map((der) => ({ der, produced: crlThisUpdate(der), judge: judgeCrl })),
  ];
  for (const { der, produced, judge } of answers) {
    if (!produced || produced.getTime() < notBefore) continue;
    try {
      // Judged as of its own production time: the responder's certificate and the answer's
      // freshness are checked then, not today (when both may long have expired).
      if (judge(der, cert, issuer, produced).status === 'good') return true;
    } catch {
      // not about this certificate, or not signed by its issuer: keep looking
    }
  }
  return false;
}

/**
 * Whether the DSS holds what validating `signerDer` at `at` needs: its chain to one of
 * `anchorsDer` (from `poolDer` and the DSS certificates) and revocation data for each
 * certificate below the anchor.
 */
export function dssCoverage(
  signerDer: Uint8Array,
  poolDer: readonly Uint8Array[],
  anchorsDer: readonly Uint8Array[],
  dss: DssContents,
  at: Date,
): LtvCoverage {
  const [signer] = decodeAll([signerDer]);
  if (!signer) return { covered: false, missing: ['the signer certificate cannot be read'] };
  const anchors = decodeAll(anchorsDer);
  const pool = [...decodeAll(poolDer), ...decodeAll(dss.certificates)];
  const missing: string[] = [];
  let current = signer;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (anchors.some((a) => sameCert(a, current))) break;
    const issuer = [...anchors, ...pool].find((c) => !sameCert(c, current) && issuedBy(c, current));
    const who = current.info.subjectDn;
    if (!issuer) {
      missing.push(`no issuer of ${who} among the embedded certificates`);
      break;
    }
    // A certificate that names no OCSP responder and no CRL (a CA's own, often) has no
    // revocation to prove, as checkRevocation lets it pass online.
    const hasSources = current.info.ocspUrls.length > 0 || current.info.crlUrls.length > 0;
    if (hasSources && !goodAt(current, issuer, dss, at))
      missing.push(`no OCSP response or CRL for ${who} produced after ${at.toISOString()}`);
    if (anchors.some((a) => sameCert(a, issuer))) break;
    current = issuer;
  }
  return { covered: missing.length === 0, missing };
}
