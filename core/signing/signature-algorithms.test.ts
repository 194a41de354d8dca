import { describe, expect, it } from 'vitest';
import { concatBytes, derNull, explicit, oid, seq, tlv } from './der';
import {
  ALGORITHM_OID as O,
  digestAlgorithm,
  publicKeyAlgorithm,
  signatureAlgorithm,
} from './signature-algorithms';

const integer = (n: number) => tlv(0x02, Uint8Array.of(n));
const bitString = (bytes: Uint8Array) => tlv(0x03, concatBytes([Uint8Array.of(0), bytes]));
const algId = (o: string, params?: Uint8Array) => (params ? seq(oid(o), params) : seq(oid(o)));
/** SPKIs need only the right AlgorithmIdentifier here; the key bits are never used. */
const rsaSpki = seq(algId(O.rsaEncryption, derNull()), bitString(Uint8Array.of(0x30, 0)));
const ecSpki = (curve: string) =>
  seq(algId(O.ecPublicKey, oid(curve)), bitString(new Uint8Array(65)));
const pss = (hash: string, mgfHash: string, salt: number, trailer?: number) =>
  algId(
    O.rsaPss,
    seq(
      explicit(0, algId(hash, derNull())),
      explicit(1, algId(O.mgf1, algId(mgfHash, derNull()))),
      explicit(2, integer(salt)),
      ...(trailer === undefined ? [] : [explicit(3, integer(trailer))]),
    ),
  );

describe('digestAlgorithm', () => {
  it.each([
    [O.sha256, 'SHA-256'],
    [O.sha384, 'SHA-384'],
    [O.sha512, 'SHA-512'],
  ])('%s is %s', (o, hash) => {
    expect(digestAlgorithm(o)).toEqual({ supported: true, hash });
  });
  it.each([
    [O.sha1, /SHA-1/],
    [O.sha224, /SHA-224/],
    ['1.2.3.4', /unknown algorithm 1\.2\.3\.4/],
  ])('%s is unsupported, with a reason', (o, reason) => {
    const result = digestAlgorithm(o);
    expect(result.supported).toBe(false);
    if (!result.supported) expect(result.reason).toMatch(reason);
  });
});

describe('publicKeyAlgorithm', () => {
  it('reads RSA and the NIST curves', () => {
    expect(publicKeyAlgorithm(rsaSpki)).toEqual({ supported: true, kind: 'RSA' });
    expect(publicKeyAlgorithm(ecSpki(O.p256))).toMatchObject({ kind: 'EC', namedCurve: 'P-256' });
    expect(publicKeyAlgorithm(ecSpki(O.p384))).toMatchObject({ kind: 'EC', namedCurve: 'P-384' });
    expect(publicKeyAlgorithm(ecSpki(O.p521))).toMatchObject({ kind: 'EC', namedCurve: 'P-521' });
  });
  it('names unsupported keys and garbage instead of throwing', () => {
    expect(publicKeyAlgorithm(ecSpki('1.3.132.0.10'))).toMatchObject({ supported: false }); // secp256k1
    expect(publicKeyAlgorithm(seq(algId(O.ed448), bitString(new Uint8Array(57))))).toEqual({
      supported: false,
      reason: 'unsupported public key algorithm: Ed448',
    });
    expect(publicKeyAlgorithm(Uint8Array.of(1, 2, 3))).toMatchObject({ supported: false });
  });
});

describe('signatureAlgorithm', () => {
  const table: [string, Uint8Array, Uint8Array, string | undefined, object][] = [
    [
      'sha256WithRSA',
      algId(O.sha256WithRsa, derNull()),
      rsaSpki,
      undefined,
      { algorithm: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    ],
    [
      'sha384WithRSA',
      algId(O.sha384WithRsa, derNull()),
      rsaSpki,
      undefined,
      { algorithm: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
    ],
    [
      'sha512WithRSA',
      algId(O.sha512WithRsa, derNull()),
      rsaSpki,
      undefined,
      { algorithm: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
    ],
    [
      'CMS rsaEncryption takes the digest',
      algId(O.rsaEncryption, derNull()),
      rsaSpki,
      O.sha384,
      { algorithm: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
    ],
    [
      'ecdsa-with-SHA256 on P-256',
      algId(O.ecdsaWithSha256),
      ecSpki(O.p256),
      undefined,
      { algorithm: 'ECDSA', hash: 'SHA-256', namedCurve: 'P-256' },
    ],
    [
      'ecdsa-with-SHA384 on P-384',
      algId(O.ecdsaWithSha384),
      ecSpki(O.p384),
      O.sha384,
      { algorithm: 'ECDSA', hash: 'SHA-384', namedCurve: 'P-384' },
    ],
    [
      'ecdsa-with-SHA512 on P-521',
      algId(O.ecdsaWithSha512),
      ecSpki(O.p521),
      undefined,
      { algorithm: 'ECDSA', hash: 'SHA-512', namedCurve: 'P-521' },
    ],
    [
      'CMS ecPublicKey takes the digest',
      algId(O.ecPublicKey),
      ecSpki(O.p256),
      O.sha256,
      { algorithm: 'ECDSA', hash: 'SHA-256', namedCurve: 'P-256' },
    ],
    [
      'RSA-PSS SHA-256 salt 32',
      pss(O.sha256, O.sha256, 32),
      rsaSpki,
      undefined,
      { algorithm: 'RSA-PSS', hash: 'SHA-256', saltLength: 32 },
    ],
    [
      'RSA-PSS SHA-512 salt 64 trailer 1',
      pss(O.sha512, O.sha512, 64, 1),
      rsaSpki,
      O.sha512,
      { algorithm: 'RSA-PSS', hash: 'SHA-512', saltLength: 64 },
    ],
  ];
  it.each(table)('%s', (_what, alg, spki, digest, expected) => {
    expect(signatureAlgorithm(alg, spki, digest)).toEqual({ supported: true, ...expected });
  });

  const refused: [string, Uint8Array, Uint8Array, string | undefined, RegExp][] = [
    ['DSA', algId(O.dsaWithSha256), rsaSpki, O.sha256, /DSA with SHA-256/],
    ['Ed448', algId(O.ed448), rsaSpki, O.sha512, /Ed448/],
    ['Ed25519', algId(O.ed25519), rsaSpki, undefined, /Ed25519/],
    ['an unknown OID', algId('1.2.3.4.5'), rsaSpki, O.sha256, /unknown algorithm 1\.2\.3\.4\.5/],
    ['SHA-1 RSA', algId(O.sha1WithRsa, derNull()), rsaSpki, undefined, /SHA-1/],
    ['ECDSA SHA-1', algId(O.ecdsaWithSha1), ecSpki(O.p256), undefined, /SHA-1/],
    [
      'bare rsaEncryption without a digest (X.509)',
      algId(O.rsaEncryption, derNull()),
      rsaSpki,
      undefined,
      /rsaEncryption|unknown algorithm/,
    ],
    ['bare rsaEncryption with SHA-1', algId(O.rsaEncryption, derNull()), rsaSpki, O.sha1, /SHA-1/],
    [
      'PSS with default (SHA-1) parameters',
      algId(O.rsaPss, seq()),
      rsaSpki,
      undefined,
      /RSA-PSS hash: SHA-1/,
    ],
    ['PSS with MGF1 over another hash', pss(O.sha256, O.sha1, 32), rsaSpki, undefined, /MGF1/],
    ['PSS with trailer 2', pss(O.sha256, O.sha256, 32, 2), rsaSpki, undefined, /trailer/],
    [
      'PSS with garbage parameters',
      algId(O.rsaPss, seq(explicit(5, derNull()))),
      rsaSpki,
      undefined,
      /malformed/,
    ],
    [
      'hash differs from the digest',
      algId(O.sha512WithRsa, derNull()),
      rsaSpki,
      O.sha256,
      /SHA-512 but the digest algorithm is SHA-256/,
    ],
    ['ECDSA with an RSA key', algId(O.ecdsaWithSha256), rsaSpki, undefined, /needs an EC key/],
    [
      'RSA with an EC key',
      algId(O.sha256WithRsa, derNull()),
      ecSpki(O.p256),
      undefined,
      /needs an RSA key/,
    ],
    ['ECDSA on secp256k1', algId(O.ecdsaWithSha256), ecSpki('1.3.132.0.10'), undefined, /curve/],
    ['not DER at all', Uint8Array.of(0x30, 9, 9), rsaSpki, undefined, /malformed/],
  ];
  it.each(refused)('%s is unsupported, not an exception', (_what, alg, spki, digest, reason) => {
    const result = signatureAlgorithm(alg, spki, digest);
    expect(result.supported).toBe(false);
    if (!result.supported) expect(result.reason).toMatch(reason);
  });
});
