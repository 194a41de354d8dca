/** Reads back the parts of a CMS SignedData that verification needs. */
import { type CertificateFields, parseCertificate } from './certificate';
import { OID } from './cms';
import { SigningError } from './errors';
import {
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

/** id-aa-signatureTimeStampToken (RFC 3161 appendix A). */
const SIGNATURE_TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';

export interface ParsedSignedData {
  readonly certificates: readonly CertificateFields[];
  /** The certificate named by the SignerInfo's issuerAndSerialNumber, if included. */
  readonly signerCertificate: CertificateFields | undefined;
  readonly digestAlgorithm: string;
  readonly signatureAlgorithm: string;
  /** The SignerInfo's signature AlgorithmIdentifier, DER (RSASSA-PSS keeps its parameters here). */
  readonly signatureAlgorithmDer: Uint8Array;
  readonly signature: Uint8Array;
  /** DER of the signed attributes re-tagged as a SET: the bytes the signature covers. */
  readonly signedAttributesDer: Uint8Array;
  readonly messageDigest: Uint8Array | undefined;
  readonly attributeTypes: readonly string[];
  /** The unsigned attribute id-aa-signatureTimeStampToken (PAdES B-T), DER ContentInfo. */
  readonly signatureTimestampToken?: Uint8Array;
}

/** Parses DER ContentInfo(SignedData); trailing zero padding (from /Contents) is ignored. */
export function parseSignedData(der: Uint8Array): ParsedSignedData {
  const contentInfo = readDer(der);
  const [type, wrapped] = children(contentInfo);
  if (!type || decodeOid(type) !== OID.signedData || !wrapped) {
    throw new SigningError('CMS_MALFORMED', 'The signature is not a CMS SignedData');
  }
  const signedData = childAt(children(wrapped), 0, 'SignedData', TAG.SEQUENCE);
  const parts = children(signedData);
  const certificates: CertificateFields[] = [];
  const certSet = parts.find((p) => p.tag === 0xa0);
  if (certSet) {
    for (const c of children(certSet))
      if (c.tag === TAG.SEQUENCE) certificates.push(parseCertificate(raw(c)));
  }
  const signerInfos = parts[parts.length - 1];
  if (!signerInfos || signerInfos.tag !== TAG.SET)
    throw new SigningError('CMS_MALFORMED', 'No SignerInfos');
  const signerInfo = childAt(children(signerInfos), 0, 'a SignerInfo', TAG.SEQUENCE);
  const si = children(signerInfo);
  const sid = childAt(si, 1, 'issuerAndSerialNumber', TAG.SEQUENCE);
  const [sidIssuer, sidSerial] = children(sid);
  const signerCertificate =
    sidIssuer && sidSerial
      ? certificates.find(
          (c) => bytesEqual(c.issuerDer, raw(sidIssuer)) && bytesEqual(c.serialDer, raw(sidSerial)),
        )
      : undefined;
  const digestAlgorithm = decodeOid(
    childAt(children(childAt(si, 2, 'digestAlgorithm')), 0, 'digest OID'),
  );
  const attrsNode = childAt(si, 3, 'signed attributes', 0xa0);
  const signatureAlgorithmNode = childAt(si, 4, 'signatureAlgorithm', TAG.SEQUENCE);
  const signatureAlgorithm = decodeOid(childAt(children(signatureAlgorithmNode), 0, 'sig OID'));
  const signature = content(childAt(si, 5, 'signature', TAG.OCTET_STRING));
  let messageDigest: Uint8Array | undefined;
  const attributeTypes: string[] = [];
  for (const attr of children(attrsNode)) {
    const [attrType, values] = children(attr);
    if (!attrType || !values) continue;
    const typeOid = decodeOid(attrType);
    attributeTypes.push(typeOid);
    const [first] = children(values);
    if (typeOid === OID.messageDigest && first) messageDigest = content(first);
  }
  let signatureTimestampToken: Uint8Array | undefined;
  const unsigned = si.find((n) => n.tag === 0xa1);
  for (const attr of unsigned ? children(unsigned) : []) {
    const [attrType, values] = children(attr);
    const first = values && children(values)[0];
    if (attrType && first && decodeOid(attrType) === SIGNATURE_TIMESTAMP_TOKEN)
      signatureTimestampToken = raw(first);
  }
  const signedAttributesDer = concatBytes([Uint8Array.of(TAG.SET), raw(attrsNode).subarray(1)]);
  return {
    certificates,
    signerCertificate,
    digestAlgorithm,
    signatureAlgorithm,
    signatureAlgorithmDer: raw(signatureAlgorithmNode),
    signature,
    signedAttributesDer,
    messageDigest,
    attributeTypes,
    ...(signatureTimestampToken ? { signatureTimestampToken } : {}),
  };
}
