/**
 * Certificate revocation lists (RFC 5280 §5) with pkijs for the ASN.1: a CRL counts only when
 * the issuing CA signed it and it is current; then it says whether a serial is on it. Pure.
 */
import * as pkijs from 'pkijs';
import { pureVerify } from '../crypto/pure-verify';
import { signatureAlgorithm } from '../signing/signature-algorithms';
import type { ChainCertificate } from './certificate';
import { IdentityError } from './errors';
import {
  DEFAULT_ANSWER_LIFETIME_MS,
  REVOCATION_CLOCK_SKEW_MS,
  normaliseSerial,
  type RevocationAnswer,
} from './ocsp';

function unusable(detail: string, cause?: unknown): IdentityError {
  return new IdentityError(
    'cert-revocation-unknown',
    `The CRL is unusable: ${detail}.`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Judges a DER CRL about `cert` (issued by `issuer`) at `now`. Throws cert-revocation-unknown
 * when the CRL is malformed, not signed by `issuer`, or out of date.
 */
export function judgeCrl(
  crlDer: Uint8Array,
  cert: ChainCertificate,
  issuer: ChainCertificate,
  now: Date,
): RevocationAnswer {
  let crl: pkijs.CertificateRevocationList;
  try {
    crl = pkijs.CertificateRevocationList.fromBER(crlDer.slice());
  } catch (cause) {
    throw unusable('not a CRL', cause);
  }
  const algorithmDer = new Uint8Array(crl.signature.toSchema().toBER(false));
  const params = signatureAlgorithm(algorithmDer, issuer.info.spkiDer);
  if (
    !params.supported ||
    !pureVerify(
      params,
      issuer.info.spkiDer,
      crl.tbsView,
      crl.signatureValue.valueBlock.valueHexView,
    )
  )
    throw unusable(`it is not signed by ${issuer.info.subjectDn}`);
  const t = now.getTime();
  const thisUpdate = crl.thisUpdate.value;
  const nextUpdate = crl.nextUpdate?.value;
  if (thisUpdate.getTime() > t + REVOCATION_CLOCK_SKEW_MS)
    throw unusable('it is dated in the future');
  if (nextUpdate && nextUpdate.getTime() < t - REVOCATION_CLOCK_SKEW_MS)
    throw unusable('it is out of date');
  const validUntil = nextUpdate ?? new Date(t + DEFAULT_ANSWER_LIFETIME_MS);
  const serial = cert.info.serialHex;
  const entry = (crl.revokedCertificates ?? []).find(
    (r) => normaliseSerial(r.userCertificate.valueBlock.valueHexView) === serial,
  );
  if (!entry) return { status: 'good', validUntil, source: 'crl' };
  return { status: 'revoked', validUntil, revokedAt: entry.revocationDate.value, source: 'crl' };
}
