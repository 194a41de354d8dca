/**
 * Reads an X.509 certificate into plain data. Names are decoded by their ASN.1 string type
 * (UTF8String, BMPString, ...) so "Nguyễn Tiến Sỹ" comes out as the same JS string it went in as.
 */
import forge from 'node-forge';
import { EncodingError, bytesToBinaryString, pemDecode, pemEncode } from '../crypto/encoding';
import { forgeSha256Bytes } from '../crypto/forge-services';
import { parseCertificate as readSignedParts } from '../signing/certificate';
import { publicKeyAlgorithm } from '../signing/signature-algorithms';
import { toHex } from '../util/hex';
import {
  childrenOf,
  type ForgeExtension,
  KNOWN_EXTENSIONS,
  keyIdFromAuthorityKeyIdentifier,
  ocspUrlsFromAia,
  oidsFromExtKeyUsage,
  oidsFromPolicies,
  urisBelow,
} from './certificate-extensions';
import { decodeName, firstValue, formatDn } from './directory-name';
import { IdentityError } from './errors';

/** The keyUsage extension's bits (RFC 5280 §4.2.1.3). */
export interface KeyUsageFlags {
  digitalSignature: boolean;
  nonRepudiation: boolean;
  keyEncipherment: boolean;
  dataEncipherment: boolean;
  keyAgreement: boolean;
  keyCertSign: boolean;
  cRLSign: boolean;
}

/** What the rest of the app needs to know about a certificate. */
export interface CertificateInfo {
  /** The certificate's DER bytes, exactly as read. */
  der: Uint8Array<ArrayBuffer>;
  /** The subject's first commonName, decoded; '' when there is none. */
  subjectCommonName: string;
  /** emailAddress from the subject, else the first rfc822Name in subjectAltName. */
  subjectEmail: string | null;
  subjectOrganisation: string | null;
  /** Readable subject, most significant last as OpenSSL prints it with -nameopt RFC2253, e.g. "CN=…,O=…". */
  subjectDn: string;
  issuerCommonName: string;
  issuerDn: string;
  /** Lower-case hex of the serial number without leading zero bytes. */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  /** Lower-case hex SHA-256 of the DER: a stable id for the certificate. */
  fingerprintSha256Hex: string;
  /** null when the certificate has no keyUsage extension (then no usage is restricted). */
  keyUsage: KeyUsageFlags | null;
  /** Extended key usage OIDs; null when the extension is absent. */
  extendedKeyUsage: string[] | null;
  /** Certificate policy OIDs; null when the extension is absent. */
  policies: string[] | null;
  /** OCSP responder URLs from authorityInfoAccess (http/https only). */
  ocspUrls: string[];
  /** CRL distribution point URLs (http/https only). */
  crlUrls: string[];
  /** basicConstraints cA. */
  isCa: boolean;
  /** DER SubjectPublicKeyInfo, exactly as in the certificate (for rsaVerifySha256). */
  spkiDer: Uint8Array<ArrayBuffer>;
}

/** The signed part of a certificate and its signature, byte for byte as in the DER. */
export interface CertificateSignature {
  tbsDer: Uint8Array;
  /** The outer signatureAlgorithm AlgorithmIdentifier (RSASSA-PSS parameters included). */
  signatureAlgorithmDer: Uint8Array;
  signature: Uint8Array;
}

/** A certificate of any key type we verify (RSA, or EC on a NIST curve), for chain building. */
export interface ChainCertificate {
  info: CertificateInfo;
  signed: CertificateSignature;
  /** DER of the subject and issuer Names (binary strings), compared byte for byte. */
  subjectNameDer: string;
  issuerNameDer: string;
  subjectKeyIdHex: string | null;
  authorityKeyIdHex: string | null;
  signatureOid: string;
  /** OIDs of critical extensions this code does not understand. */
  unknownCriticalExtensions: string[];
}

/** A parsed RSA certificate plus forge's object (for issuing and .p12 files). Internal to core/identity. */
export interface DecodedCertificate extends ChainCertificate {
  forgeCertificate: forge.pki.Certificate;
}

const { asn1 } = forge;
const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const OID_COMMON_NAME = '2.5.4.3';
const OID_ORGANISATION = '2.5.4.10';
const OID_EMAIL_ADDRESS = '1.2.840.113549.1.9.1';

function certificateDer(input: Uint8Array | string): Uint8Array<ArrayBuffer> {
  if (typeof input !== 'string') return input.slice();
  try {
    return pemDecode(input, ['CERTIFICATE', 'X509 CERTIFICATE']);
  } catch (cause) {
    throw new IdentityError('cert-malformed', 'The text holds no PEM certificate.', { cause });
  }
}

/**
 * forge reads only RSA keys. For an EC certificate every other field is read by forge from a
 * copy whose key is swapped for this placeholder; the real key is kept as spkiDer, the forge
 * object is dropped, and signatures are checked on the original bytes (`signed`).
 */
const PLACEHOLDER_RSA_SPKI = (): forge.asn1.Asn1 =>
  forge.pki.publicKeyToAsn1(
    forge.pki.setRsaPublicKey(new forge.jsbn.BigInteger('1'), new forge.jsbn.BigInteger('3')),
  );

/** Decodes a DER or PEM certificate; throws IdentityError cert-malformed / cert-unsupported. */
export function decodeCertificate(input: Uint8Array | string): DecodedCertificate {
  const { decoded, forgeCertificate } = decodeAnyKey(input);
  if (!forgeCertificate) {
    throw new IdentityError(
      'cert-unsupported',
      'Only RSA certificates are supported here (this key is an EC key).',
    );
  }
  return { ...decoded, forgeCertificate };
}

/**
 * Decodes a certificate with an RSA key or an EC key on P-256/P-384/P-521, for verifying
 * chains; throws IdentityError cert-malformed / cert-unsupported.
 */
export function decodeChainCertificate(input: Uint8Array | string): ChainCertificate {
  return decodeAnyKey(input).decoded;
}

function decodeAnyKey(input: Uint8Array | string): {
  decoded: ChainCertificate;
  forgeCertificate: forge.pki.Certificate | null;
} {
  const der = certificateDer(input);
  let root: forge.asn1.Asn1;
  let tbs: forge.asn1.Asn1[];
  let signed: CertificateSignature & { spkiDer: Uint8Array };
  try {
    root = asn1.fromDer(bytesToBinaryString(der));
    tbs = childrenOf(childrenOf(root)[0]);
    signed = readSignedParts(der);
  } catch (cause) {
    throw new IdentityError('cert-malformed', 'The data is not an X.509 certificate.', { cause });
  }
  // The version field [0] is optional; every later field shifts by one without it.
  const o = tbs[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const issuerNode = tbs[o + 2];
  const subjectNode = tbs[o + 4];
  const spkiNode = tbs[o + 5];
  if (!issuerNode || !subjectNode || !spkiNode) {
    throw new IdentityError('cert-malformed', 'The certificate lacks subject, issuer or key.');
  }
  let keyAlgorithm = '';
  try {
    const algorithm = childrenOf(childrenOf(spkiNode)[0])[0];
    keyAlgorithm = asn1.derToOid(typeof algorithm?.value === 'string' ? algorithm.value : '');
  } catch (cause) {
    throw new IdentityError('cert-malformed', 'The certificate key is unreadable.', { cause });
  }
  const isRsa = keyAlgorithm === OID_RSA_ENCRYPTION;
  if (!isRsa) {
    const key = publicKeyAlgorithm(signed.spkiDer);
    if (!key.supported || key.kind !== 'EC') {
      throw new IdentityError(
        'cert-unsupported',
        `Only RSA and NIST-curve EC certificates are supported (this key is ${keyAlgorithm}).`,
      );
    }
    tbs[o + 5] = PLACEHOLDER_RSA_SPKI();
  }
  let cert: forge.pki.Certificate;
  try {
    // No precomputed hash: forge knows no ECDSA signature OIDs (an RSA key may be signed by an
    // EC issuer); chains verify `signed`, and forge's own verify() hashes when it needs to.
    cert = forge.pki.certificateFromAsn1(root, false);
  } catch (cause) {
    throw new IdentityError('cert-malformed', 'The certificate could not be read.', { cause });
  }
  try {
    const decoded = describe(cert, der, tbs, o, signed);
    return { decoded, forgeCertificate: isRsa ? cert : null };
  } catch (cause) {
    if (cause instanceof IdentityError) throw cause;
    const text =
      cause instanceof EncodingError
        ? 'A name in the certificate is not valid UTF-8.'
        : 'The certificate could not be read.';
    throw new IdentityError('cert-malformed', text, { cause });
  }
}

function describe(
  cert: forge.pki.Certificate,
  der: Uint8Array<ArrayBuffer>,
  tbs: forge.asn1.Asn1[],
  o: number,
  signed: CertificateSignature & { spkiDer: Uint8Array },
): ChainCertificate {
  const subject = decodeName(cert.subject.attributes);
  const issuer = decodeName(cert.issuer.attributes);
  const extensions = cert.extensions as ForgeExtension[];
  const byName = (name: string) => extensions.find((e) => e.name === name);
  const byId = (id: string) => extensions.find((e) => e.id === id);

  const keyUsageExt = byName('keyUsage');
  const keyUsage: KeyUsageFlags | null = keyUsageExt
    ? {
        digitalSignature: keyUsageExt.digitalSignature === true,
        nonRepudiation: keyUsageExt.nonRepudiation === true,
        keyEncipherment: keyUsageExt.keyEncipherment === true,
        dataEncipherment: keyUsageExt.dataEncipherment === true,
        keyAgreement: keyUsageExt.keyAgreement === true,
        keyCertSign: keyUsageExt.keyCertSign === true,
        cRLSign: keyUsageExt.cRLSign === true,
      }
    : null;
  const ekuExt = byName('extKeyUsage');
  const sanExt = byName('subjectAltName');
  const altNames = Array.isArray(sanExt?.altNames)
    ? (sanExt.altNames as { type: number; value: string }[])
    : [];
  const sanEmail = altNames.find((n) => n.type === 1)?.value ?? null;
  const skiExt = byName('subjectKeyIdentifier');
  const akiExt = byName('authorityKeyIdentifier');

  const info: CertificateInfo = {
    der,
    subjectCommonName: firstValue(subject, OID_COMMON_NAME) ?? '',
    subjectEmail: firstValue(subject, OID_EMAIL_ADDRESS) ?? sanEmail,
    subjectOrganisation: firstValue(subject, OID_ORGANISATION),
    subjectDn: formatDn(subject),
    issuerCommonName: firstValue(issuer, OID_COMMON_NAME) ?? '',
    issuerDn: formatDn(issuer),
    serialHex: cert.serialNumber.toLowerCase().replace(/^(00)+(?=.)/, ''),
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
    fingerprintSha256Hex: toHex(forgeSha256Bytes(der)),
    keyUsage,
    extendedKeyUsage: ekuExt ? oidsFromExtKeyUsage(ekuExt.value) : null,
    policies: byId('2.5.29.32') ? oidsFromPolicies(byId('2.5.29.32')!.value) : null,
    ocspUrls: byId('1.3.6.1.5.5.7.1.1') ? ocspUrlsFromAia(byId('1.3.6.1.5.5.7.1.1')!.value) : [],
    crlUrls: byId('2.5.29.31') ? urisBelow(asn1.fromDer(byId('2.5.29.31')!.value)) : [],
    isCa: byName('basicConstraints')?.cA === true,
    spkiDer: signed.spkiDer.slice(),
  };
  return {
    info,
    signed: {
      tbsDer: signed.tbsDer,
      signatureAlgorithmDer: signed.signatureAlgorithmDer,
      signature: signed.signature,
    },
    subjectNameDer: asn1.toDer(tbs[o + 4]!).getBytes(),
    issuerNameDer: asn1.toDer(tbs[o + 2]!).getBytes(),
    subjectKeyIdHex:
      typeof skiExt?.subjectKeyIdentifier === 'string' ? skiExt.subjectKeyIdentifier : null,
    authorityKeyIdHex: akiExt ? keyIdFromAuthorityKeyIdentifier(akiExt.value) : null,
    signatureOid: cert.signatureOid,
    unknownCriticalExtensions: extensions
      .filter((e) => e.critical === true && !KNOWN_EXTENSIONS.has(e.id))
      .map((e) => e.id),
  };
}

/** Reads a DER or PEM certificate into CertificateInfo; throws IdentityError cert-malformed / cert-unsupported. */
export function parseCertificate(input: Uint8Array | string): CertificateInfo {
  return decodeCertificate(input).info;
}

/** PEM text of a DER certificate. */
export function certificatePemFromDer(der: Uint8Array): string {
  return pemEncode(der, 'CERTIFICATE');
}

/** DER bytes of the first certificate in a PEM text; throws IdentityError cert-malformed. */
export function certificateDerFromPem(pem: string): Uint8Array<ArrayBuffer> {
  return certificateDer(pem);
}

/** Reads a DER or PEM certificate of any supported key type (RSA or EC) into CertificateInfo. */
export function certificateInfo(input: Uint8Array | string): CertificateInfo {
  return decodeChainCertificate(input).info;
}
