import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../identity/testing';
import { certificateDerFromPem, parseCertificate } from '../identity/certificate';
import { base64Decode, utf8Encode } from './encoding';
import { createForgeCryptoServices, forgeRsaSigner } from './forge-services';
import { toHex } from '../util/hex';

const services = createForgeCryptoServices();
let pki: TestPki;
beforeAll(async () => {
  pki = await makeTestPki();
});

function pkcs8(pem: string): Uint8Array<ArrayBuffer> {
  return base64Decode(pem.replace(/-----[^-]+-----|\s/g, ''));
}

describe('createForgeCryptoServices', () => {
  it('hashes like WebCrypto, also across its internal chunk size', async () => {
    expect(toHex(await services.sha256(utf8Encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const big = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) & 0xff);
    const expected = new Uint8Array(await crypto.subtle.digest('SHA-256', big));
    expect(await services.sha256(big)).toEqual(expected);
  });

  it('verifies a WebCrypto signature and rejects a changed message or signature', async () => {
    const spki = parseCertificate(pki.member.certificatePem).spkiDer;
    const key = await crypto.subtle.importKey(
      'pkcs8',
      pkcs8(pki.member.privateKeyPem),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const data = utf8Encode('Biên bản họp');
    const signature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, data));
    expect(await services.rsaVerifySha256(spki, data, signature)).toBe(true);
    expect(await services.rsaVerifySha256(spki, utf8Encode('Biên bản họp!'), signature)).toBe(
      false,
    );
    const flipped = signature.slice();
    flipped[10]! ^= 1;
    expect(await services.rsaVerifySha256(spki, data, flipped)).toBe(false);
    expect(await services.rsaVerifySha256(Uint8Array.of(1, 2, 3), data, signature)).toBe(false);
    expect(await services.rsaVerifySha256(spki, data, Uint8Array.of(1))).toBe(false);
  });

  it('gives random bytes of the asked length that differ each time', () => {
    const a = services.randomBytes(32);
    expect(a).toHaveLength(32);
    expect(a).not.toEqual(services.randomBytes(32));
  });
});

describe('forgeRsaSigner', () => {
  it('signs so that WebCrypto verifies, and carries the chain', async () => {
    const chain = [
      certificateDerFromPem(pki.member.certificatePem),
      certificateDerFromPem(pki.ca.certificatePem),
    ];
    const signer = forgeRsaSigner(pki.member.privateKeyPem, chain);
    expect(signer.certificateChainDer).toEqual(chain);
    const data = utf8Encode('Tán thành');
    const signature = await signer.rsaSignSha256(data);
    const spki = parseCertificate(pki.member.certificatePem).spkiDer;
    const key = await crypto.subtle.importKey(
      'spki',
      spki,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature.slice(), data)).toBe(
      true,
    );
  });

  it('refuses a PEM that is not an RSA private key', () => {
    expect(() => forgeRsaSigner(pki.member.certificatePem, [])).toThrow();
  });
});
