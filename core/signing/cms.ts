/**
 * Detached CMS SignedData for PAdES B-B / CAdES detached: content type id-data, signed
 * attributes contentType, messageDigest and signing-certificate-v2 (no signingTime: PAdES puts
 * the time in the signature dictionary's /M), one SignerInfo, the certificate chain included.
 */
import type { Hasher, RsaSigner } from '../crypto/types';
import { parseCertificate } from './certificate';
import { SigningError } from './errors';
import {
  concatBytes,
  derNull,
  explicit,
  implicitSetOf,
  octetString,
  oid,
  seq,
  setOf,
  smallInteger,
} from './der';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

const attribute = (type: string, value: Uint8Array): Uint8Array => seq(oid(type), setOf(value));

/**
 * SigningCertificateV2 { certs SEQUENCE OF ESSCertIDv2 }, ESSCertIDv2 { certHash, issuerSerial };
 * hashAlgorithm is omitted because SHA-256 is its DEFAULT (RFC 5035), which DER requires.
 */
async function signingCertificateV2(certDer: Uint8Array, hasher: Hasher): Promise<Uint8Array> {
  const cert = parseCertificate(certDer);
  const directoryName = explicit(4, cert.issuerDer); // GeneralName [4] Name
  const issuerSerial = seq(seq(directoryName), cert.serialDer);
  const essCertIdV2 = seq(octetString(await hasher.sha256(certDer)), issuerSerial);
  return seq(seq(essCertIdV2));
}

/** The signed attributes as their DER SET (what the signature covers), elements sorted. */
export async function buildSignedAttributes(
  documentDigest: Uint8Array,
  signerCertDer: Uint8Array,
  hasher: Hasher,
): Promise<Uint8Array> {
  if (documentDigest.length !== 32) throw new RangeError('documentDigest must be a SHA-256 digest');
  return setOf(
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(documentDigest)),
    attribute(OID.signingCertificateV2, await signingCertificateV2(signerCertDer, hasher)),
  );
}

/**
 * Builds a DER ContentInfo holding a detached SignedData over a document whose SHA-256 is
 * `documentDigest`. The private key stays with `signer`.
 */
export async function buildDetachedCms(
  documentDigest: Uint8Array,
  signer: RsaSigner,
  hasher: Hasher,
): Promise<Uint8Array> {
  const [leafDer] = signer.certificateChainDer;
  if (!leafDer) throw new SigningError('CERTIFICATE_MALFORMED', 'The signer has no certificate');
  const leaf = parseCertificate(leafDer);
  const signedAttrsSet = await buildSignedAttributes(documentDigest, leafDer, hasher);
  const signature = await signer.rsaSignSha256(signedAttrsSet);
  const sha256Alg = seq(oid(OID.sha256));
  // In the SignerInfo the SET is re-tagged [0] IMPLICIT; the bytes inside stay identical.
  const signedAttrsImplicit = concatBytes([Uint8Array.of(0xa0), signedAttrsSet.subarray(1)]);
  const signerInfo = seq(
    smallInteger(1),
    seq(leaf.issuerDer, leaf.serialDer),
    sha256Alg,
    signedAttrsImplicit,
    seq(oid(OID.rsaEncryption), derNull()),
    octetString(signature),
  );
  const signedData = seq(
    smallInteger(1),
    setOf(sha256Alg),
    seq(oid(OID.data)),
    implicitSetOf(0, signer.certificateChainDer),
    setOf(signerInfo),
  );
  return seq(oid(OID.signedData), explicit(0, signedData));
}
