/**
 * Detached CMS SignedData for PAdES B-B / CAdES detached: content type id-data, signed
 * attributes contentType, messageDigest and signing-certificate-v2 (no signingTime: PAdES puts
 * the time in the signature dictionary's /M), one SignerInfo, the certificate chain included.
 */
import type { CertificateSigner, Hasher } from '../crypto/types';
import { parseCertificate } from './certificate';
import { ALGORITHM_OID, publicKeyAlgorithm } from './signature-algorithms';
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
  ecdsaWithSha256: ALGORITHM_OID.ecdsaWithSha256,
} as const;

/** The signature scheme a certificate's key signs with: it follows the key, never the holder. */
export type KeyScheme = 'RSA' | 'EC';

/** RSA or EC (on a NIST curve) from the leaf certificate's SubjectPublicKeyInfo. */
export function keySchemeOf(leafDer: Uint8Array): KeyScheme {
  const key = publicKeyAlgorithm(parseCertificate(leafDer).spkiDer);
  if (!key.supported)
    throw new SigningError('SIGNER_KEY_UNSUPPORTED', `This certificate cannot sign: ${key.reason}`);
  return key.kind;
}

/**
 * Signs SHA-256(data) with the signer's key in the scheme its certificate names: RSASSA-PKCS1-v1_5
 * for RSA, ECDSA (DER) for EC. A holder that cannot sign in that scheme is refused.
 */
export async function signWithCertificateKey(
  signer: CertificateSigner,
  data: Uint8Array,
): Promise<Uint8Array> {
  const [leafDer] = signer.certificateChainDer;
  if (!leafDer) throw new SigningError('CERTIFICATE_MALFORMED', 'The signer has no certificate');
  const scheme = keySchemeOf(leafDer);
  if (scheme === 'EC') {
    if (!('ecdsaSignSha256' in signer))
      throw new SigningError(
        'SIGNER_KEY_UNSUPPORTED',
        'The certificate has an EC key but the signer signs only RSA',
      );
    return signer.ecdsaSignSha256(data);
  }
  if (!('rsaSignSha256' in signer))
    throw new SigningError(
      'SIGNER_KEY_UNSUPPORTED',
      'The certificate has an RSA key but the signer signs only ECDSA',
    );
  return signer.rsaSignSha256(data);
}

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
 * `documentDigest`. The private key stays with `signer`; the signature algorithm follows the
 * certificate's key (sha256WithRSA as rsaEncryption, or ecdsa-with-SHA256).
 */
export async function buildDetachedCms(
  documentDigest: Uint8Array,
  signer: CertificateSigner,
  hasher: Hasher,
): Promise<Uint8Array> {
  const [leafDer] = signer.certificateChainDer;
  if (!leafDer) throw new SigningError('CERTIFICATE_MALFORMED', 'The signer has no certificate');
  const signedAttrsSet = await buildSignedAttributes(documentDigest, leafDer, hasher);
  const signature = await signWithCertificateKey(signer, signedAttrsSet);
  return assembleDetachedCms(signedAttrsSet, signature, signer.certificateChainDer);
}

/**
 * The ContentInfo around signed attributes (from buildSignedAttributes) and a signature over
 * them made elsewhere (a token, a remote-signing provider). The caller must verify the result
 * before accepting it: nothing here checks that `signature` is right.
 */
export function assembleDetachedCms(
  signedAttrsSet: Uint8Array,
  signature: Uint8Array,
  certificateChainDer: readonly Uint8Array[],
): Uint8Array {
  const [leafDer] = certificateChainDer;
  if (!leafDer) throw new SigningError('CERTIFICATE_MALFORMED', 'The signer has no certificate');
  const leaf = parseCertificate(leafDer);
  const signatureAlgorithm =
    keySchemeOf(leafDer) === 'EC'
      ? seq(oid(OID.ecdsaWithSha256)) // RFC 5758: parameters absent
      : seq(oid(OID.rsaEncryption), derNull());
  const sha256Alg = seq(oid(OID.sha256));
  // In the SignerInfo the SET is re-tagged [0] IMPLICIT; the bytes inside stay identical.
  const signedAttrsImplicit = concatBytes([Uint8Array.of(0xa0), signedAttrsSet.subarray(1)]);
  const signerInfo = seq(
    smallInteger(1),
    seq(leaf.issuerDer, leaf.serialDer),
    sha256Alg,
    signedAttrsImplicit,
    signatureAlgorithm,
    octetString(signature),
  );
  const signedData = seq(
    smallInteger(1),
    setOf(sha256Alg),
    seq(oid(OID.data)),
    implicitSetOf(0, certificateChainDer),
    setOf(signerInfo),
  );
  return seq(oid(OID.signedData), explicit(0, signedData));
}
