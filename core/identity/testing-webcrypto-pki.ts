/**
 * Certificates of any algorithm for core tests, built as DER here and signed by WebCrypto
 * (the platform is the independent signer): ECDSA P-256/P-384, RSA PKCS#1 v1.5 and RSA-PSS.
 * forge can issue only RSA PKCS#1 certificates, and core tests may not spawn openssl.
 */
import { ecdsaRawToDer } from '../crypto/ecdsa-signature';
import { pemEncode, utf8Encode } from '../crypto/encoding';
import type { HashName } from '../crypto/types';
import { concatBytes, derNull, explicit, oid, seq, setOf, tlv } from '../signing/der';
import { ALGORITHM_OID as O } from '../signing/signature-algorithms';

export type TestKeyType = 'P-256' | 'P-384' | 'RSA';

/** How the issuer signs: ECDSA for EC issuers; PKCS#1 v1.5 or PSS for RSA issuers. */
export interface TestCertSignature {
  readonly hash: HashName | 'SHA-1';
  readonly pss?: boolean;
}

export interface TestCertificate {
  readonly der: Uint8Array;
  readonly pem: string;
  readonly keyType: TestKeyType;
  readonly keys: CryptoKeyPair;
  readonly nameDer: Uint8Array;
}

const HASH_OIDS: Record<TestCertSignature['hash'], string> = {
  'SHA-1': O.sha1,
  'SHA-256': O.sha256,
  'SHA-384': O.sha384,
  'SHA-512': O.sha512,
};
const ECDSA_OIDS: Record<TestCertSignature['hash'], string> = {
  'SHA-1': O.ecdsaWithSha1,
  'SHA-256': O.ecdsaWithSha256,
  'SHA-384': O.ecdsaWithSha384,
  'SHA-512': O.ecdsaWithSha512,
};
const RSA_OIDS: Record<TestCertSignature['hash'], string> = {
  'SHA-1': O.sha1WithRsa,
  'SHA-256': O.sha256WithRsa,
  'SHA-384': O.sha384WithRsa,
  'SHA-512': O.sha512WithRsa,
};
const SALT: Record<TestCertSignature['hash'], number> = {
  'SHA-1': 20,
  'SHA-256': 32,
  'SHA-384': 48,
  'SHA-512': 64,
};

const subtle = () => globalThis.crypto.subtle;
const integer = (bytes: Uint8Array) => tlv(0x02, bytes);
const bitString = (bytes: Uint8Array, unused = 0) =>
  tlv(0x03, concatBytes([Uint8Array.of(unused), bytes]));

function utcTime(date: Date): Uint8Array {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return tlv(0x17, utf8Encode(text));
}

function name(commonName: string): Uint8Array {
  return seq(setOf(seq(oid('2.5.4.3'), tlv(0x0c, utf8Encode(commonName)))));
}

function extension(id: string, value: Uint8Array): Uint8Array {
  return seq(oid(id), tlv(0x01, Uint8Array.of(0xff)), tlv(0x04, value));
}

export async function generateTestKeys(keyType: TestKeyType): Promise<CryptoKeyPair> {
  const params =
    keyType === 'RSA'
      ? {
          name: 'RSASSA-PKCS1-v1_5',
          hash: 'SHA-256',
          modulusLength: 2048,
          publicExponent: Uint8Array.of(1, 0, 1),
        }
      : { name: 'ECDSA', namedCurve: keyType };
  return (await subtle().generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
}

function signatureAlgorithmId(issuerType: TestKeyType, how: TestCertSignature): Uint8Array {
  if (issuerType !== 'RSA') return seq(oid(ECDSA_OIDS[how.hash]));
  if (!how.pss) return seq(oid(RSA_OIDS[how.hash]), derNull());
  const hashId = seq(oid(HASH_OIDS[how.hash]), derNull());
  return seq(
    oid(O.rsaPss),
    seq(
      explicit(0, hashId),
      explicit(1, seq(oid(O.mgf1), hashId)),
      explicit(2, integer(Uint8Array.of(SALT[how.hash]))),
    ),
  );
}

/** Signs `tbs` with the issuer's key the way `how` says; ECDSA comes out DER-encoded. */
async function signTbs(issuer: TestCertificate, how: TestCertSignature, tbs: Uint8Array) {
  const data = tbs as Uint8Array<ArrayBuffer>;
  if (issuer.keyType !== 'RSA') {
    const raw = await subtle().sign(
      { name: 'ECDSA', hash: how.hash },
      issuer.keys.privateKey,
      data,
    );
    return ecdsaRawToDer(new Uint8Array(raw));
  }
  // Re-import the RSA key under the scheme and hash this certificate is signed with.
  const pkcs8 = await subtle().exportKey('pkcs8', issuer.keys.privateKey);
  const scheme = how.pss ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5';
  const key = await subtle().importKey('pkcs8', pkcs8, { name: scheme, hash: how.hash }, false, [
    'sign',
  ]);
  const algorithm = how.pss ? { name: scheme, saltLength: SALT[how.hash] } : { name: scheme };
  return new Uint8Array(await subtle().sign(algorithm, key, data));
}

let serial = 1;

/**
 * Issues a certificate valid from a day before `now` for a year: self-signed when `issuer`
 * is absent (then `keys` signs itself and `keyType` tells how).
 */
export async function issueTestCertificate(options: {
  commonName: string;
  keyType: TestKeyType;
  signature: TestCertSignature;
  isCa: boolean;
  now: Date;
  issuer?: TestCertificate;
}): Promise<TestCertificate> {
  const keys = await generateTestKeys(options.keyType);
  const spki = new Uint8Array(await subtle().exportKey('spki', keys.publicKey));
  const nameDer = name(options.commonName);
  const self: TestCertificate = {
    der: new Uint8Array(),
    pem: '',
    keyType: options.keyType,
    keys,
    nameDer,
  };
  const issuer = options.issuer ?? self;
  const day = 24 * 60 * 60 * 1000;
  const sigAlg = signatureAlgorithmId(issuer.keyType, options.signature);
  const keyUsage = options.isCa
    ? bitString(Uint8Array.of(0x06), 1)
    : bitString(Uint8Array.of(0x80), 7);
  const tbs = seq(
    explicit(0, integer(Uint8Array.of(2))),
    integer(Uint8Array.of(serial++ & 0x7f, 1)),
    sigAlg,
    issuer.nameDer,
    seq(
      utcTime(new Date(options.now.getTime() - day)),
      utcTime(new Date(options.now.getTime() + 365 * day)),
    ),
    nameDer,
    spki,
    explicit(
      3,
      seq(
        extension('2.5.29.19', options.isCa ? seq(tlv(0x01, Uint8Array.of(0xff))) : seq()),
        extension('2.5.29.15', keyUsage),
      ),
    ),
  );
  const signature = await signTbs(issuer, options.signature, tbs);
  const der = seq(tbs, sigAlg, bitString(signature));
  return { der, pem: pemEncode(der, 'CERTIFICATE'), keyType: options.keyType, keys, nameDer };
}
