/**
 * Adds an unsigned attribute to the SignerInfo of an existing CMS SignedData by splicing DER:
 * every byte the signature covers (the signed attributes above all) is copied, never
 * re-encoded; only the enclosing lengths change. PAdES B-T adds the signature timestamp so.
 */
import { SigningError } from './errors';
import {
  type DerNode,
  TAG,
  childAt,
  children,
  content,
  decodeOid,
  explicit,
  implicitSetOf,
  oid,
  raw,
  readDer,
  seq,
  setOf,
  tlv,
} from './der';

export interface SignerInfoParts {
  /** The SignerInfo's signature value (the OCTET STRING's content). */
  readonly signature: Uint8Array;
  /** Each unsigned attribute's first value (DER), by attribute type. */
  readonly unsignedAttributes: ReadonlyMap<string, Uint8Array>;
}

function structure(cmsDer: Uint8Array) {
  const contentInfo = readDer(cmsDer);
  const [type, wrapped] = children(contentInfo);
  if (!type || !wrapped) throw new SigningError('CMS_MALFORMED', 'Not a CMS ContentInfo');
  const signedData = childAt(children(wrapped), 0, 'SignedData', TAG.SEQUENCE);
  const parts = children(signedData);
  const signerInfos = parts[parts.length - 1];
  if (!signerInfos || signerInfos.tag !== TAG.SET)
    throw new SigningError('CMS_MALFORMED', 'No SignerInfos');
  const infos = children(signerInfos);
  if (infos.length !== 1)
    throw new SigningError('CMS_MALFORMED', 'PAdES allows exactly one SignerInfo');
  const signerInfo = childAt(infos, 0, 'a SignerInfo', TAG.SEQUENCE);
  const si = children(signerInfo);
  const unsigned = si.find((n) => n.tag === 0xa1);
  return { type, parts, si, unsigned };
}

function attributesOf(unsigned: DerNode | undefined): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  if (!unsigned) return out;
  for (const attr of children(unsigned)) {
    const [attrType, values] = children(attr);
    const first = values && children(values)[0];
    if (attrType && first) out.set(decodeOid(attrType), raw(first));
  }
  return out;
}

export function readSignerInfo(cmsDer: Uint8Array): SignerInfoParts {
  const { si, unsigned } = structure(cmsDer);
  const signature = content(childAt(si, 5, 'signature', TAG.OCTET_STRING));
  return { signature, unsignedAttributes: attributesOf(unsigned) };
}

/** The CMS with `value` added as unsigned attribute `type` (DER, exact length: no padding). */
export function addUnsignedAttribute(
  cmsDer: Uint8Array,
  type: string,
  value: Uint8Array,
): Uint8Array {
  const { type: typeNode, parts, si, unsigned } = structure(cmsDer);
  const existing = unsigned ? children(unsigned).map(raw) : [];
  const attrs = implicitSetOf(1, [...existing, seq(oid(type), setOf(value))]);
  const kept = si.filter((n) => n !== unsigned).map(raw);
  const signerInfo = seq(...kept, attrs);
  const signedData = seq(...parts.slice(0, -1).map(raw), tlv(TAG.SET, signerInfo));
  return seq(raw(typeNode), explicit(0, signedData));
}
