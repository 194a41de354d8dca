/**
 * What this app knows about signature and digest algorithms, as data: OID → description.
 * An algorithm we do not implement is a value ({ supported: false, reason }), never an
 * exception, so a verifier can say "unsupported algorithm" instead of "tampered".
 */
import type { HashName, NamedCurve, SignatureParams } from '../crypto/types';
import { type DerNode, TAG, children, content, decodeOid, readDer } from './der';

export const ALGORITHM_OID = {
  sha1: '1.3.14.3.2.26',
  sha224: '2.16.840.1.101.3.4.2.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRsa: '1.2.840.113549.1.1.5',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  rsaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha1: '1.2.840.10045.4.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  p521: '1.3.132.0.35',
  dsa: '1.2.840.10040.4.1',
  dsaWithSha256: '2.16.840.1.101.3.4.3.2',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
} as const;

export interface Unsupported {
  readonly supported: false;
  /** For `problems` lists: names the algorithm and why it is not verified. */
  readonly reason: string;
}

export type Supported<T> = { readonly supported: true } & T;

const DIGESTS: Readonly<Record<string, HashName>> = {
  [ALGORITHM_OID.sha256]: 'SHA-256',
  [ALGORITHM_OID.sha384]: 'SHA-384',
  [ALGORITHM_OID.sha512]: 'SHA-512',
};

/** Human names for OIDs we recognise but do not verify (weak, or not implemented). */
const KNOWN_UNSUPPORTED: Readonly<Record<string, string>> = {
  [ALGORITHM_OID.sha1]: 'SHA-1 (collision-broken)',
  [ALGORITHM_OID.sha224]: 'SHA-224',
  [ALGORITHM_OID.sha1WithRsa]: 'RSA with SHA-1 (collision-broken)',
  [ALGORITHM_OID.ecdsaWithSha1]: 'ECDSA with SHA-1 (collision-broken)',
  [ALGORITHM_OID.dsa]: 'DSA',
  [ALGORITHM_OID.dsaWithSha256]: 'DSA with SHA-256',
  [ALGORITHM_OID.ed25519]: 'Ed25519',
  [ALGORITHM_OID.ed448]: 'Ed448',
};

/** Signature OIDs that name their hash: the scheme follows from the OID alone. */
const HASHED_SIGNATURES: Readonly<
  Record<string, { scheme: 'RSASSA-PKCS1-v1_5' | 'ECDSA'; hash: HashName }>
> = {
  [ALGORITHM_OID.sha256WithRsa]: { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  [ALGORITHM_OID.sha384WithRsa]: { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  [ALGORITHM_OID.sha512WithRsa]: { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
  [ALGORITHM_OID.ecdsaWithSha256]: { scheme: 'ECDSA', hash: 'SHA-256' },
  [ALGORITHM_OID.ecdsaWithSha384]: { scheme: 'ECDSA', hash: 'SHA-384' },
  [ALGORITHM_OID.ecdsaWithSha512]: { scheme: 'ECDSA', hash: 'SHA-512' },
};

const CURVES: Readonly<Record<string, NamedCurve>> = {
  [ALGORITHM_OID.p256]: 'P-256',
  [ALGORITHM_OID.p384]: 'P-384',
  [ALGORITHM_OID.p521]: 'P-521',
};

const unsupported = (reason: string): Unsupported => ({ supported: false, reason });

function nameOf(oid: string): string {
  return KNOWN_UNSUPPORTED[oid] ?? `unknown algorithm ${oid}`;
}

/** A digest algorithm OID as a hash name, or why it is not one we compute. */
export function digestAlgorithm(oid: string): Supported<{ hash: HashName }> | Unsupported {
  const hash = DIGESTS[oid];
  return hash
    ? { supported: true, hash }
    : unsupported(`unsupported digest algorithm: ${nameOf(oid)}`);
}

interface AlgorithmIdentifier {
  readonly oid: string;
  /** The parameters node, absent when the SEQUENCE holds only the OID. */
  readonly parameters: DerNode | undefined;
}

function algorithmIdentifier(node: DerNode): AlgorithmIdentifier {
  const [oidNode, parameters] = children(node);
  if (!oidNode || oidNode.tag !== TAG.OID || node.tag !== TAG.SEQUENCE)
    throw new Error('not an AlgorithmIdentifier');
  return { oid: decodeOid(oidNode), parameters };
}

function smallUnsigned(node: DerNode): number {
  const c = content(node);
  if (node.tag !== TAG.INTEGER || c.length === 0 || c.length > 4 || (c[0] ?? 0) & 0x80)
    throw new Error('not a small INTEGER');
  return c.reduce((n, b) => n * 256 + b, 0);
}

/**
 * RSASSA-PSS-params (RFC 4055): hash [0] DEFAULT SHA-1, maskGen [1] DEFAULT MGF1-SHA-1,
 * saltLength [2] DEFAULT 20, trailerField [3] DEFAULT 1. We verify SHA-2 with MGF1 over the
 * same hash and trailer 1, which is what WebCrypto implements and every modern signer writes.
 */
function pssParams(parameters: DerNode | undefined): Supported<SignatureParams> | Unsupported {
  let hashOid: string = ALGORITHM_OID.sha1;
  let mgfHashOid: string = ALGORITHM_OID.sha1;
  let saltLength = 20;
  let trailer = 1;
  for (const field of parameters && parameters.tag === TAG.SEQUENCE ? children(parameters) : []) {
    const [inner] = children(field);
    if (!inner) throw new Error('empty RSASSA-PSS parameter');
    if (field.tag === 0xa0) hashOid = algorithmIdentifier(inner).oid;
    else if (field.tag === 0xa1) {
      const mgf = algorithmIdentifier(inner);
      if (mgf.oid !== ALGORITHM_OID.mgf1)
        return unsupported(`unsupported RSA-PSS mask generation ${nameOf(mgf.oid)}`);
      if (!mgf.parameters) throw new Error('MGF1 without its hash');
      mgfHashOid = algorithmIdentifier(mgf.parameters).oid;
    } else if (field.tag === 0xa2) saltLength = smallUnsigned(inner);
    else if (field.tag === 0xa3) trailer = smallUnsigned(inner);
    else throw new Error('unknown RSASSA-PSS parameter');
  }
  const hash = DIGESTS[hashOid];
  if (!hash) return unsupported(`unsupported RSA-PSS hash: ${nameOf(hashOid)}`);
  if (mgfHashOid !== hashOid)
    return unsupported(
      `unsupported RSA-PSS with MGF1 over a different hash (${nameOf(mgfHashOid)})`,
    );
  if (trailer !== 1) return unsupported(`unsupported RSA-PSS trailer field ${trailer}`);
  return { supported: true, algorithm: 'RSA-PSS', hash, saltLength };
}

/** The key type of a DER SubjectPublicKeyInfo: RSA, or EC on a NIST curve. */
export function publicKeyAlgorithm(
  spkiDer: Uint8Array,
): Supported<{ kind: 'RSA' } | { kind: 'EC'; namedCurve: NamedCurve }> | Unsupported {
  try {
    const [algNode] = children(readDer(spkiDer));
    if (!algNode) throw new Error('no algorithm');
    const { oid, parameters } = algorithmIdentifier(algNode);
    if (oid === ALGORITHM_OID.rsaEncryption) return { supported: true, kind: 'RSA' };
    if (oid !== ALGORITHM_OID.ecPublicKey)
      return unsupported(`unsupported public key algorithm: ${nameOf(oid)}`);
    const curveOid = parameters?.tag === TAG.OID ? decodeOid(parameters) : undefined;
    const namedCurve = curveOid === undefined ? undefined : CURVES[curveOid];
    if (!namedCurve)
      return unsupported(`unsupported elliptic curve ${curveOid ?? '(explicit parameters)'}`);
    return { supported: true, kind: 'EC', namedCurve };
  } catch {
    return unsupported('the public key is not a readable SubjectPublicKeyInfo');
  }
}

/**
 * Everything needed to verify one signature: the signature AlgorithmIdentifier (DER), the
 * signer's SubjectPublicKeyInfo, and for CMS the SignerInfo's digest algorithm OID (which is
 * where a bare rsaEncryption or ecPublicKey signature algorithm takes its hash from; X.509
 * certificates have none, so there the signature OID must name its hash).
 */
export function signatureAlgorithm(
  algorithmIdentifierDer: Uint8Array,
  spkiDer: Uint8Array,
  digestOid?: string,
): Supported<SignatureParams> | Unsupported {
  let scheme: Supported<SignatureParams> | Unsupported;
  try {
    const { oid, parameters } = algorithmIdentifier(readDer(algorithmIdentifierDer));
    const hashed = HASHED_SIGNATURES[oid];
    const bare =
      oid === ALGORITHM_OID.rsaEncryption
        ? 'RSASSA-PKCS1-v1_5'
        : oid === ALGORITHM_OID.ecPublicKey
          ? 'ECDSA'
          : undefined;
    if (oid === ALGORITHM_OID.rsaPss) scheme = pssParams(parameters);
    else if (hashed) scheme = toParams(hashed.scheme, hashed.hash);
    else if (bare && digestOid !== undefined) {
      const digest = digestAlgorithm(digestOid);
      scheme = digest.supported ? toParams(bare, digest.hash) : digest;
    } else scheme = unsupported(`unsupported signature algorithm: ${nameOf(oid)}`);
  } catch {
    return unsupported('the signature algorithm parameters are malformed');
  }
  if (!scheme.supported) return scheme;
  if (digestOid !== undefined && DIGESTS[digestOid] !== scheme.hash) {
    return unsupported(
      `unsupported: the signature hashes with ${scheme.hash} but the digest algorithm is ${DIGESTS[digestOid] ?? nameOf(digestOid)}`,
    );
  }
  const key = publicKeyAlgorithm(spkiDer);
  if (!key.supported) return key;
  if (scheme.algorithm === 'ECDSA') {
    if (key.kind !== 'EC') return unsupported('an ECDSA signature needs an EC key');
    return { ...scheme, namedCurve: key.namedCurve };
  }
  if (key.kind !== 'RSA') return unsupported(`an ${scheme.algorithm} signature needs an RSA key`);
  return scheme;
}

function toParams(
  scheme: 'RSASSA-PKCS1-v1_5' | 'ECDSA',
  hash: HashName,
): Supported<SignatureParams> {
  // The curve is filled in from the key by signatureAlgorithm.
  return scheme === 'ECDSA'
    ? { supported: true, algorithm: 'ECDSA', hash, namedCurve: 'P-256' }
    : { supported: true, algorithm: 'RSASSA-PKCS1-v1_5', hash };
}
