/**
 * OCSP (RFC 6960) with pkijs for the ASN.1: builds the request for one certificate and judges
 * the responder's answer — signed by the issuing CA or by a responder it delegated (EKU
 * OCSPSigning), about this very certificate, and fresh. Pure: fetching is the caller's.
 */
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import { binaryStringToBytes, bytesToBinaryString } from '../crypto/encoding';
import { pureVerify } from '../crypto/pure-verify';
import { signatureAlgorithm } from '../signing/signature-algorithms';
import { toHex } from '../util/hex';
import { decodeChainCertificate, type ChainCertificate } from './certificate';
import { IdentityError } from './errors';
import { EKU } from './purpose';
import { issuedBy } from './verify-chain';

const OID_SHA1 = '1.3.14.3.2.26';
const OID_BASIC_RESPONSE = '1.3.6.1.5.5.7.48.1.1';

/** A judged answer about one certificate, from a CRL or an OCSP responder. */
export interface RevocationAnswer {
  status: 'good' | 'revoked' | 'unknown';
  /** Until when this answer may be reused (nextUpdate, or a short default without one). */
  validUntil: Date;
  revokedAt?: Date;
  source: 'ocsp' | 'crl';
}

/** How long an answer without nextUpdate is reused. */
export const DEFAULT_ANSWER_LIFETIME_MS = 5 * 60_000;
/** Clocks of responders and of this server may differ a little. */
export const REVOCATION_CLOCK_SKEW_MS = 5 * 60_000;

const sha1 = (bytes: Uint8Array): Uint8Array =>
  binaryStringToBytes(
    forge.md.sha1.create().update(bytesToBinaryString(bytes)).digest().getBytes(),
  );

/** The subjectPublicKey BIT STRING's bytes (what OCSP's issuerKeyHash covers). */
function publicKeyBits(spkiDer: Uint8Array): Uint8Array {
  const spki = pkijs.PublicKeyInfo.fromBER(spkiDer.slice());
  return spki.subjectPublicKey.valueBlock.valueHexView;
}

/** Serial number as lower-case hex without leading zero bytes (as CertificateInfo.serialHex). */
export function normaliseSerial(bytes: Uint8Array): string {
  return toHex(bytes).replace(/^(00)+(?=.)/, '');
}

function certId(cert: ChainCertificate, issuer: ChainCertificate): pkijs.CertID {
  const serial = pkijs.Certificate.fromBER(cert.info.der.slice()).serialNumber;
  return new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: OID_SHA1,
      algorithmParams: new asn1js.Null(),
    }),
    issuerNameHash: new asn1js.OctetString({
      valueHex: sha1(binaryStringToBytes(issuer.subjectNameDer)).slice().buffer,
    }),
    issuerKeyHash: new asn1js.OctetString({
      valueHex: sha1(publicKeyBits(issuer.info.spkiDer)).slice().buffer,
    }),
    serialNumber: serial,
  });
}

/** DER of an OCSPRequest for `cert` (SHA-1 CertID, as RFC 5019 responders expect). */
export function buildOcspRequest(cert: ChainCertificate, issuer: ChainCertificate): Uint8Array {
  const request = new pkijs.OCSPRequest();
  request.tbsRequest.requestList = [new pkijs.Request({ reqCert: certId(cert, issuer) })];
  return new Uint8Array(request.toSchema(true).toBER(false));
}

function unusable(detail: string, cause?: unknown): IdentityError {
  return new IdentityError(
    'cert-revocation-unknown',
    `The OCSP answer is unusable: ${detail}.`,
    cause === undefined ? undefined : { cause },
  );
}

function verifiesWith(signer: ChainCertificate, basic: pkijs.BasicOCSPResponse): boolean {
  const algorithmDer = new Uint8Array(basic.signatureAlgorithm.toSchema().toBER(false));
  const params = signatureAlgorithm(algorithmDer, signer.info.spkiDer);
  if (!params.supported) return false;
  return pureVerify(
    params,
    signer.info.spkiDer,
    basic.tbsResponseData.tbsView,
    basic.signature.valueBlock.valueHexView,
  );
}

/** The issuer itself, or a certificate it issued for OCSP signing (RFC 6960 §4.2.2.2). */
function signedByAuthorisedResponder(
  basic: pkijs.BasicOCSPResponse,
  issuer: ChainCertificate,
  now: Date,
): boolean {
  if (verifiesWith(issuer, basic)) return true;
  for (const sent of basic.certs ?? []) {
    let responder: ChainCertificate;
    try {
      responder = decodeChainCertificate(new Uint8Array(sent.toSchema().toBER(false)));
    } catch {
      continue;
    }
    const { info } = responder;
    const t = now.getTime();
    if (!(info.extendedKeyUsage ?? []).includes(EKU.ocspSigning)) continue;
    if (t < info.notBefore.getTime() || t > info.notAfter.getTime()) continue;
    if (!issuedBy(issuer, responder)) continue;
    if (verifiesWith(responder, basic)) return true;
  }
  return false;
}

/**
 * Judges an OCSP response about `cert` (issued by `issuer`) at `now`. Throws
 * cert-revocation-unknown when the answer cannot be trusted or says nothing about `cert`.
 */
export function judgeOcspResponse(
  responseDer: Uint8Array,
  cert: ChainCertificate,
  issuer: ChainCertificate,
  now: Date,
): RevocationAnswer {
  let response: pkijs.OCSPResponse;
  let basic: pkijs.BasicOCSPResponse;
  try {
    response = pkijs.OCSPResponse.fromBER(responseDer.slice());
  } catch (cause) {
    throw unusable('not an OCSP response', cause);
  }
  const status = response.responseStatus.valueBlock.valueDec;
  if (status !== 0) throw unusable(`the responder answered with status ${status}`);
  const bytes = response.responseBytes;
  if (!bytes || bytes.responseType !== OID_BASIC_RESPONSE) throw unusable('no basic response');
  try {
    basic = pkijs.BasicOCSPResponse.fromBER(bytes.response.valueBlock.valueHexView.slice());
  } catch (cause) {
    throw unusable('the basic response is malformed', cause);
  }
  if (!signedByAuthorisedResponder(basic, issuer, now))
    throw unusable('it is not signed by the CA or a responder it authorised');

  const wanted = certId(cert, issuer);
  const serial = normaliseSerial(wanted.serialNumber.valueBlock.valueHexView);
  const nameHash = toHex(wanted.issuerNameHash.valueBlock.valueHexView);
  const keyHash = toHex(wanted.issuerKeyHash.valueBlock.valueHexView);
  const single = basic.tbsResponseData.responses.find(
    (r) =>
      r.certID.hashAlgorithm.algorithmId === OID_SHA1 &&
      normaliseSerial(r.certID.serialNumber.valueBlock.valueHexView) === serial &&
      toHex(r.certID.issuerNameHash.valueBlock.valueHexView) === nameHash &&
      toHex(r.certID.issuerKeyHash.valueBlock.valueHexView) === keyHash,
  );
  if (!single) throw unusable('it is about another certificate');
  const t = now.getTime();
  if (single.thisUpdate.getTime() > t + REVOCATION_CLOCK_SKEW_MS)
    throw unusable('it is dated in the future');
  const validUntil = single.nextUpdate ?? new Date(t + DEFAULT_ANSWER_LIFETIME_MS);
  if (single.nextUpdate && single.nextUpdate.getTime() < t - REVOCATION_CLOCK_SKEW_MS)
    throw unusable('it is out of date');

  // certStatus is a CHOICE: [0] good, [1] revoked (RevokedInfo), [2] unknown.
  const choice = (single.certStatus as { idBlock?: { tagNumber?: number } }).idBlock?.tagNumber;
  if (choice === 0) return { status: 'good', validUntil, source: 'ocsp' };
  if (choice === 1) {
    const revokedAt = readRevocationTime(single.certStatus);
    return {
      status: 'revoked',
      validUntil,
      source: 'ocsp',
      ...(revokedAt ? { revokedAt } : {}),
    };
  }
  return { status: 'unknown', validUntil, source: 'ocsp' };
}

function readRevocationTime(status: unknown): Date | undefined {
  const inner = (status as { valueBlock?: { value?: unknown[] } }).valueBlock?.value?.[0];
  if (inner instanceof asn1js.GeneralizedTime) return inner.toDate();
  return undefined;
}
