/**
 * Reads an RFC 3161 TimeStampToken: a CMS SignedData whose encapsulated content is a TSTInfo.
 * Only reading here; timestamp.ts judges what it read.
 */
import { type CertificateFields, parseCertificate } from './certificate';
import { OID } from './cms';
import {
  type DerNode,
  TAG,
  bytesEqual,
  childAt,
  children,
  concatBytes,
  content,
  decodeOid,
  raw,
  readDer,
} from './der';
import { TimestampError } from './timestamp-errors';

export const TIMESTAMP_OID = {
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  /** id-aa-signatureTimeStampToken: the unsigned attribute PAdES B-T adds. */
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  extendedKeyUsage: '2.5.29.37',
} as const;

export interface TstInfo {
  readonly policy: string;
  readonly hashAlgorithm: string;
  readonly hashedMessage: Uint8Array;
  /** Serial number as lower-case hex of its DER content. */
  readonly serial: string;
  readonly genTime: Date;
  /** INTEGER content bytes, leading zeros stripped; undefined when the token has no nonce. */
  readonly nonce: Uint8Array | undefined;
}

export interface ParsedTimestampToken {
  readonly tstInfoDer: Uint8Array;
  readonly tstInfo: TstInfo;
  readonly certificates: readonly CertificateFields[];
  readonly signerCertificate: CertificateFields | undefined;
  readonly digestAlgorithm: string;
  readonly signatureAlgorithmDer: Uint8Array;
  readonly signature: Uint8Array;
  readonly signedAttributesDer: Uint8Array;
  readonly messageDigest: Uint8Array | undefined;
  readonly contentType: string | undefined;
}

/** INTEGER content without its leading zero bytes: nonces compare as numbers. */
export function integerValue(bytes: Uint8Array): Uint8Array {
  let at = 0;
  while (at < bytes.length - 1 && bytes[at] === 0) at++;
  return bytes.subarray(at);
}

function parseGeneralizedTime(node: DerNode): Date {
  const text = new TextDecoder('latin1').decode(content(node));
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?Z$/.exec(text);
  if (node.tag !== TAG.GENERALIZED_TIME || !m)
    throw new TimestampError('tsa-bad-signature', `The timestamp time "${text}" is malformed`);
  const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms));
}

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function parseTstInfo(der: Uint8Array): TstInfo {
  const parts = children(readDer(der));
  const policy = decodeOid(childAt(parts, 1, 'TSTInfo policy', TAG.OID));
  const imprint = children(childAt(parts, 2, 'TSTInfo messageImprint', TAG.SEQUENCE));
  const hashAlgorithm = decodeOid(
    childAt(children(childAt(imprint, 0, 'hashAlgorithm')), 0, 'OID'),
  );
  const hashedMessage = content(childAt(imprint, 1, 'hashedMessage', TAG.OCTET_STRING));
  const serial = hex(content(childAt(parts, 3, 'TSTInfo serialNumber', TAG.INTEGER)));
  const genTime = parseGeneralizedTime(childAt(parts, 4, 'TSTInfo genTime'));
  // After genTime: accuracy SEQUENCE?, ordering BOOLEAN?, nonce INTEGER?, tsa [0]?, extensions [1]?
  const nonceNode = parts.slice(5).find((n) => n.tag === TAG.INTEGER);
  return {
    policy,
    hashAlgorithm,
    hashedMessage,
    serial,
    genTime,
    nonce: nonceNode ? integerValue(content(nonceNode)) : undefined,
  };
}

/** Parses DER ContentInfo(SignedData(TSTInfo)); trailing bytes past it are ignored. */
export function parseTimestampToken(der: Uint8Array): ParsedTimestampToken {
  try {
    const contentInfo = readDer(der);
    const [type, wrapped] = children(contentInfo);
    if (!type || decodeOid(type) !== OID.signedData || !wrapped)
      throw new Error('not a CMS SignedData');
    const parts = children(childAt(children(wrapped), 0, 'SignedData', TAG.SEQUENCE));
    const encap = children(childAt(parts, 2, 'encapContentInfo', TAG.SEQUENCE));
    if (decodeOid(childAt(encap, 0, 'eContentType', TAG.OID)) !== TIMESTAMP_OID.tstInfo)
      throw new Error('the content is not a TSTInfo');
    const eContent = childAt(children(childAt(encap, 1, 'eContent', 0xa0)), 0, 'TSTInfo octets');
    const tstInfoDer = content(eContent);
    const certificates: CertificateFields[] = [];
    const certSet = parts.find((p) => p.tag === 0xa0);
    if (certSet)
      for (const c of children(certSet))
        if (c.tag === TAG.SEQUENCE) certificates.push(parseCertificate(raw(c)));
    const signerInfos = parts[parts.length - 1];
    if (!signerInfos || signerInfos.tag !== TAG.SET) throw new Error('no SignerInfos');
    const si = children(childAt(children(signerInfos), 0, 'a SignerInfo', TAG.SEQUENCE));
    const sid = childAt(si, 1, 'sid');
    const [sidIssuer, sidSerial] = sid.tag === TAG.SEQUENCE ? children(sid) : [];
    const signerCertificate =
      sidIssuer && sidSerial
        ? certificates.find(
            (c) =>
              bytesEqual(c.issuerDer, raw(sidIssuer)) && bytesEqual(c.serialDer, raw(sidSerial)),
          )
        : certificates.length === 1
          ? certificates[0]
          : undefined;
    const digestAlgorithm = decodeOid(
      childAt(children(childAt(si, 2, 'digestAlgorithm')), 0, 'OID'),
    );
    const attrs = childAt(si, 3, 'signed attributes', 0xa0);
    const signatureAlgorithmDer = raw(childAt(si, 4, 'signatureAlgorithm', TAG.SEQUENCE));
    const signature = content(childAt(si, 5, 'signature', TAG.OCTET_STRING));
    let messageDigest: Uint8Array | undefined;
    let contentType: string | undefined;
    for (const attr of children(attrs)) {
      const [attrType, values] = children(attr);
      const first = values && children(values)[0];
      if (!attrType || !first) continue;
      const typeOid = decodeOid(attrType);
      if (typeOid === OID.messageDigest) messageDigest = content(first);
      if (typeOid === OID.contentType) contentType = decodeOid(first);
    }
    return {
      tstInfoDer,
      tstInfo: parseTstInfo(tstInfoDer),
      certificates,
      signerCertificate,
      digestAlgorithm,
      signatureAlgorithmDer,
      signature,
      signedAttributesDer: concatBytes([Uint8Array.of(TAG.SET), raw(attrs).subarray(1)]),
      messageDigest,
      contentType,
    };
  } catch (cause) {
    if (cause instanceof TimestampError) throw cause;
    throw new TimestampError(
      'tsa-bad-signature',
      `The timestamp token cannot be read: ${(cause as Error).message}`,
    );
  }
}

/**
 * The certificate's extendedKeyUsage: whether the extension is critical and its purposes.
 * RFC 3161 §2.3: a TSA certificate has exactly one, id-kp-timeStamping, and marks it critical.
 */
export function extendedKeyUsage(
  cert: CertificateFields,
): { critical: boolean; purposes: string[] } | undefined {
  const tbs = children(readDer(cert.tbsDer));
  const extensions = tbs.find((n) => n.tag === 0xa3);
  if (!extensions) return undefined;
  for (const ext of children(childAt(children(extensions), 0, 'Extensions', TAG.SEQUENCE))) {
    const parts = children(ext);
    const [id] = parts;
    if (!id || decodeOid(id) !== TIMESTAMP_OID.extendedKeyUsage) continue;
    const critical = parts.length === 3 && parts[1]?.tag === 0x01 && content(parts[1])[0] !== 0;
    const value = parts[parts.length - 1];
    if (!value) return undefined;
    const purposes = children(readDer(content(value))).map(decodeOid);
    return { critical, purposes };
  }
  return undefined;
}
