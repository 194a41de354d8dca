import { describe, expect, it } from 'vitest';
import { createForgeCryptoServices } from '../../../core/crypto/forge-services';
import { certificateDerFromPem, signChallenge, verifyLogin } from '../../../core/identity';
import { makeTestPki, TEST_MEMBER_NAME } from '../../../core/identity/testing';
import { webCryptoRsaSigner } from './webcrypto-signer';

const ORIGIN = 'https://hop.quochoi.vn';

describe('the browser signer', () => {
  it.each([
    ['WebCrypto', globalThis.crypto.subtle],
    ['the forge fallback', undefined],
  ])('signs a login the server accepts with %s', async (_name, subtle) => {
    const pki = await makeTestPki();
    const chain = [certificateDerFromPem(pki.member.certificatePem)];
    const signer = await webCryptoRsaSigner(pki.member.privateKeyPem, chain, subtle);
    const request = await signChallenge(signer, 'x'.repeat(43), ORIGIN);
    const verify = (origin: string) =>
      verifyLogin(createForgeCryptoServices(), {
        request,
        trustedCaPem: [pki.ca.certificatePem],
        now: pki.now,
        origin,
      });
    await expect(verify(ORIGIN)).resolves.toMatchObject({ subjectCommonName: TEST_MEMBER_NAME });
    await expect(verify('https://evil.example')).rejects.toMatchObject({
      code: 'login-bad-signature',
    });
  });
});
