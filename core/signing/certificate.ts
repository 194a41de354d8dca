/**
 * The few X.509 fields signing and minimal verification need, read straight from DER so names
 * and serials are reused byte-for-byte.
 */
import { SigningError } from './errors';
import { type DerNode, TAG, children, content, decodeOid, raw, readDer } from './der';

export const OID_COMMON_NAME = '2.5.4.3';

export interface CertificateFields {
  readonly der: Uint8Array;
  readonly tbsDer: Uint8Array;
  readonly serialDer: Uint8Array;
  readonly issuerDer: Uint8Array;
  readonly subjectDer: Uint8Array;
  readonly spkiDer: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly signatureAlgorithm: string;
  /** The outer signatureAlgorithm AlgorithmIdentifier, DER (parameters included). */
  readonly signatureAlgorithmDer: Uint8Array;
  readonly signature: Uint8Array;
  readonly subjectCommonName: string | undefined;
}

function parseTime(node: DerNode): Date {
  const text = new TextDecoder('latin1').decode(content(node));
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text);
  if (!m) throw new SigningError('CERTIFICATE_MALFORMED', `Unsupported certificate time "${text}"`);
  let year = Number(m[1]);
  if (node.tag === TAG.UTC_TIME) year += year < 50 ? 2000 : 1900;
  return new Date(
    Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)),
  );
}

/** Decodes a DirectoryString the way verifiers display it (UTF8String keeps Vietnamese intact). */
export function decodeDirectoryString(node: DerNode): string {
  const c = content(node);
  if (node.tag === TAG.BMP_STRING) return new TextDecoder('utf-16be').decode(c);
  if (node.tag === TAG.UTF8_STRING) return new TextDecoder('utf-8').decode(c);
  return new TextDecoder('latin1').decode(c);
}

/** First commonName in a Name (SEQUENCE OF SET OF AttributeTypeAndValue). */
export function commonNameOf(nameDer: Uint8Array): string | undefined {
  for (const rdn of children(readDer(nameDer))) {
    for (const atv of children(rdn)) {
      const [type, value] = children(atv);
      if (type && value && decodeOid(type) === OID_COMMON_NAME) return decodeDirectoryString(value);
    }
  }
  return undefined;
}

export function parseCertificate(der: Uint8Array): CertificateFields {
  try {
    const cert = readDer(der);
    const [tbs, sigAlg, sigBits] = children(cert);
    if (!tbs || !sigAlg || !sigBits || sigBits.tag !== TAG.BIT_STRING)
      throw new Error('not a certificate');
    let fields = children(tbs);
    if (fields[0]?.tag === 0xa0) fields = fields.slice(1); // explicit version
    const [serial, , issuer, validity, subject, spki] = fields;
    if (!serial || !issuer || !validity || !subject || !spki)
      throw new Error('incomplete TBSCertificate');
    const [notBefore, notAfter] = children(validity);
    const [algOid] = children(sigAlg);
    if (!notBefore || !notAfter || !algOid) throw new Error('incomplete certificate');
    const subjectDer = raw(subject);
    return {
      der,
      tbsDer: raw(tbs),
      serialDer: raw(serial),
      issuerDer: raw(issuer),
      subjectDer,
      spkiDer: raw(spki),
      notBefore: parseTime(notBefore),
      notAfter: parseTime(notAfter),
      signatureAlgorithm: decodeOid(algOid),
      signatureAlgorithmDer: raw(sigAlg),
      signature: content(sigBits).subarray(1), // skip the unused-bits byte
      subjectCommonName: commonNameOf(subjectDer),
    };
  } catch (cause) {
    if (cause instanceof SigningError) throw cause;
    throw new SigningError(
      'CERTIFICATE_MALFORMED',
      `Not a valid X.509 certificate: ${(cause as Error).message}`,
    );
  }
}

/** PEM (one or more blocks) to DER certificates, with platform-neutral base64. */
export function pemToDerList(pem: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) {
    const binary = atob((m[1] ?? '').replace(/\s+/g, ''));
    out.push(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
  }
  return out;
}
