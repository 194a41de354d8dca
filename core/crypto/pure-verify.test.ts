import { describe, expect, it } from 'vitest';
import { ecdsaRawToDer } from './ecdsa-signature';
import { utf8Encode } from './encoding';
import { createForgeCryptoServices } from './forge-services';
import { pureDigest, pureVerify } from './pure-verify';
import type { HashName, SignatureParams } from './types';

/** WebCrypto is the independent signer here: keys and signatures made by the platform. */
async function signWithWebCrypto(params: SignatureParams, data: Uint8Array) {
  const subtle = globalThis.crypto.subtle;
  const generate =
    params.algorithm === 'ECDSA'
      ? { name: 'ECDSA', namedCurve: params.namedCurve }
      : {
          name: params.algorithm,
          hash: params.hash,
          modulusLength: 2048,
          publicExponent: Uint8Array.of(1, 0, 1),
        };
  const keys = (await subtle.generateKey(generate, true, ['sign', 'verify'])) as CryptoKeyPair;
  const signAs =
    params.algorithm === 'ECDSA'
      ? { name: 'ECDSA', hash: params.hash }
      : params.algorithm === 'RSA-PSS'
        ? { name: 'RSA-PSS', saltLength: params.saltLength }
        : { name: 'RSASSA-PKCS1-v1_5' };
  let signature: Uint8Array = new Uint8Array(
    await subtle.sign(signAs, keys.privateKey, data as Uint8Array<ArrayBuffer>),
  );
  if (params.algorithm === 'ECDSA') signature = ecdsaRawToDer(signature);
  const spki = new Uint8Array(await subtle.exportKey('spki', keys.publicKey));
  return { spki, signature };
}

const cases: SignatureParams[] = [
  { algorithm: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  { algorithm: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  { algorithm: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
  { algorithm: 'RSA-PSS', hash: 'SHA-256', saltLength: 32 },
  { algorithm: 'RSA-PSS', hash: 'SHA-512', saltLength: 20 },
  { algorithm: 'ECDSA', hash: 'SHA-256', namedCurve: 'P-256' },
  { algorithm: 'ECDSA', hash: 'SHA-384', namedCurve: 'P-384' },
  { algorithm: 'ECDSA', hash: 'SHA-512', namedCurve: 'P-384' },
  { algorithm: 'ECDSA', hash: 'SHA-512', namedCurve: 'P-521' },
];

describe('pureVerify', () => {
  const data = utf8Encode('Biên bản họp — Nghị quyết THÔNG QUA');
  it.each(cases.map((c) => [JSON.stringify(c), c] as const))(
    '%s: accepts the signature, refuses a changed message, signature or parameters',
    async (_label, params) => {
      const { spki, signature } = await signWithWebCrypto(params, data);
      expect(pureVerify(params, spki, data, signature)).toBe(true);
      expect(await createForgeCryptoServices().verify(params, spki, data, signature)).toBe(true);
      const changed = data.slice();
      changed[3] = (changed[3] ?? 0) ^ 1;
      expect(pureVerify(params, spki, changed, signature)).toBe(false);
      const flipped = signature.slice();
      const at = flipped.length - 5;
      flipped[at] = (flipped[at] ?? 0) ^ 0x10;
      expect(pureVerify(params, spki, data, flipped)).toBe(false);
      const otherHash: HashName = params.hash === 'SHA-256' ? 'SHA-384' : 'SHA-256';
      expect(pureVerify({ ...params, hash: otherHash }, spki, data, signature)).toBe(false);
      if (params.algorithm === 'RSA-PSS')
        expect(pureVerify({ ...params, saltLength: 0 }, spki, data, signature)).toBe(false);
      if (params.algorithm === 'ECDSA') {
        const wrongCurve = params.namedCurve === 'P-256' ? 'P-384' : 'P-256';
        expect(pureVerify({ ...params, namedCurve: wrongCurve }, spki, data, signature)).toBe(
          false,
        );
        expect(pureVerify(params, spki, data, signature.subarray(1))).toBe(false);
      }
    },
  );

  it('is false, never a throw, for keys and signatures that are garbage', () => {
    const params: SignatureParams = { algorithm: 'ECDSA', hash: 'SHA-256', namedCurve: 'P-256' };
    expect(pureVerify(params, Uint8Array.of(1, 2), Uint8Array.of(1), Uint8Array.of(3))).toBe(false);
    const rsa: SignatureParams = { algorithm: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    expect(pureVerify(rsa, Uint8Array.of(0x30, 0), Uint8Array.of(1), Uint8Array.of(3))).toBe(false);
  });

  it('digests like WebCrypto, across its internal chunk size', async () => {
    const big = Uint8Array.from({ length: 150_000 }, (_, i) => (i * 7) & 0xff);
    for (const hash of ['SHA-256', 'SHA-384', 'SHA-512'] as const) {
      const expected = new Uint8Array(await globalThis.crypto.subtle.digest(hash, big));
      expect(pureDigest(hash, big)).toEqual(expected);
      expect(await createForgeCryptoServices().digest(hash, big)).toEqual(expected);
    }
  });
});
