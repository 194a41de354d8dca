import { beforeAll, describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, utf8Decode } from '../crypto/encoding';
import { createForgeCryptoServices, forgeRsaSigner } from '../crypto/forge-services';
import type { CryptoServices } from '../crypto/types';
import { ecdsaRawToDer } from '../crypto/ecdsa-signature';
import { createCa, issueMemberCertificate, type CertificateWithKey } from './ca';
import { certificateDerFromPem } from './certificate';
import { IdentityError } from './errors';
import {
  challengeSigningInput,
  createChallenge,
  isChallengeExpired,
  parseLoginRequest,
  signChallenge,
  verifyLogin,
  type LoginRequest,
} from './login';
import { makeTestPki, TEST_MEMBER_NAME, type TestPki } from './testing';
import { issueTestCertificate } from './testing-webcrypto-pki';

const services: CryptoServices = createForgeCryptoServices();
let pki: TestPki;
let foreignMember: CertificateWithKey;
let otherMember: CertificateWithKey;

beforeAll(async () => {
  pki = await makeTestPki();
  const foreignCa = await createCa({
    commonName: 'Lạ CA',
    organisation: 'Lạ',
    validDays: 100,
    now: pki.now,
  });
  foreignMember = await issueMemberCertificate({
    ca: foreignCa,
    name: TEST_MEMBER_NAME,
    email: 'a@b.vn',
    validDays: 10,
    now: pki.now,
  });
  otherMember = await issueMemberCertificate({
    ca: pki.ca,
    name: 'Trần Thị B',
    email: 'b@b.vn',
    validDays: 10,
    now: pki.now,
  });
});

function signerFor(member: CertificateWithKey, chain: CertificateWithKey[] = []) {
  return forgeRsaSigner(
    member.privateKeyPem,
    [member, ...chain].map((c) => certificateDerFromPem(c.certificatePem)),
  );
}

async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'no error';
  } catch (error) {
    return error instanceof IdentityError ? error.code : String(error);
  }
}

describe('createChallenge', () => {
  it('hands out a fresh 32-byte base64url nonce with its expiry', () => {
    const a = createChallenge(services, pki.now, 60_000);
    const b = createChallenge(services, pki.now, 60_000);
    expect(a.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.expiresAt).toBe(pki.now.getTime() + 60_000);
    expect(isChallengeExpired(a, new Date(a.expiresAt))).toBe(false);
    expect(isChallengeExpired(a, new Date(a.expiresAt + 1))).toBe(true);
  });
});

describe('challengeSigningInput', () => {
  it('is domain-separated and binds the origin when given', () => {
    expect(utf8Decode(challengeSigningInput('abc'))).toBe('dienhong-login-v1\nabc');
    expect(utf8Decode(challengeSigningInput('abc', 'https://hop.quochoi.vn'))).toBe(
      'dienhong-login-v1\nabc\nhttps://hop.quochoi.vn',
    );
  });
});

describe('login', () => {
  it('lets a member with a trusted certificate in and names them', async () => {
    const { nonce } = createChallenge(services, pki.now, 60_000);
    const request = await signChallenge(signerFor(pki.member), nonce);
    // The request crosses the network as JSON.
    const overTheWire = JSON.parse(JSON.stringify(request)) as unknown;
    const leaf = await verifyLogin(services, {
      request: parseLoginRequest(overTheWire),
      trustedCaPem: [pki.ca.certificatePem],
      now: pki.now,
    });
    expect(leaf.subjectCommonName).toBe(TEST_MEMBER_NAME);
    expect(leaf.fingerprintSha256Hex).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a signature made by WebCrypto (the browser path)', async () => {
    const { nonce } = createChallenge(services, pki.now, 60_000);
    const pkcs8 = base64Decode(pki.member.privateKeyPem.replace(/-----[^-]+-----|\s/g, ''));
    const key = await crypto.subtle.importKey(
      'pkcs8',
      pkcs8,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const signature = new Uint8Array(
      await crypto.subtle.sign(
        'RSASSA-PKCS1-v1_5',
        key,
        challengeSigningInput(nonce, 'https://a.vn'),
      ),
    );
    const request: LoginRequest = {
      nonce,
      chainDer: [base64Encode(certificateDerFromPem(pki.member.certificatePem))],
      signature: base64Encode(signature),
    };
    const leaf = await verifyLogin(services, {
      request,
      trustedCaPem: [pki.ca.certificatePem],
      now: pki.now,
      origin: 'https://a.vn',
    });
    expect(leaf.subjectCommonName).toBe(TEST_MEMBER_NAME);
  });

  it('refuses a signature over another nonce, origin, or by another key', async () => {
    const trustedCaPem = [pki.ca.certificatePem];
    const { nonce } = createChallenge(services, pki.now, 60_000);
    const other = createChallenge(services, pki.now, 60_000).nonce;
    const signed = await signChallenge(signerFor(pki.member), nonce);
    expect(
      await codeOf(() =>
        verifyLogin(services, { request: { ...signed, nonce: other }, trustedCaPem, now: pki.now }),
      ),
    ).toBe('login-bad-signature');
    expect(
      await codeOf(() =>
        verifyLogin(services, {
          request: signed,
          trustedCaPem,
          now: pki.now,
          origin: 'https://evil.example',
        }),
      ),
    ).toBe('login-bad-signature');
    // Someone presents the member's certificate but signs with their own key.
    const impostor = forgeRsaSigner(otherMember.privateKeyPem, [
      certificateDerFromPem(pki.member.certificatePem),
    ]);
    const forged = await signChallenge(impostor, nonce);
    expect(
      await codeOf(() => verifyLogin(services, { request: forged, trustedCaPem, now: pki.now })),
    ).toBe('login-bad-signature');
  });

  it('passes on the chain verdict: untrusted CA, expired certificate', async () => {
    const { nonce } = createChallenge(services, pki.now, 60_000);
    const foreign = await signChallenge(signerFor(foreignMember), nonce);
    expect(
      await codeOf(() =>
        verifyLogin(services, {
          request: foreign,
          trustedCaPem: [pki.ca.certificatePem],
          now: pki.now,
        }),
      ),
    ).toBe('cert-untrusted');
    const late = new Date(pki.now.getTime() + 400 * 24 * 3600 * 1000);
    const valid = await signChallenge(signerFor(pki.member), nonce);
    expect(
      await codeOf(() =>
        verifyLogin(services, { request: valid, trustedCaPem: [pki.ca.certificatePem], now: late }),
      ),
    ).toBe('cert-expired');
  });

  it('refuses malformed requests with login-malformed', async () => {
    const { nonce } = createChallenge(services, pki.now, 60_000);
    const good = await signChallenge(signerFor(pki.member), nonce);
    const bad: unknown[] = [
      null,
      'text',
      { ...good, nonce: 'short' },
      { ...good, chainDer: [] },
      { ...good, chainDer: 'abc' },
      { ...good, chainDer: ['%%%'] },
      { ...good, signature: 42 },
      { ...good, signature: '***' },
      { ...good, chainDer: ['A'.repeat(20_000)] },
    ];
    for (const request of bad) {
      expect(
        await codeOf(() =>
          verifyLogin(services, {
            request: request as LoginRequest,
            trustedCaPem: [pki.ca.certificatePem],
            now: pki.now,
          }),
        ),
      ).toBe('login-malformed');
    }
    expect(await codeOf(() => signChallenge(signerFor(pki.member), 'not a nonce'))).toBe(
      'login-malformed',
    );
  });
});

describe('login with an EC member certificate', () => {
  const now = new Date('2026-06-01T08:00:00Z');
  async function ecMember() {
    const root = await issueTestCertificate({
      commonName: 'Gốc P-256',
      keyType: 'P-256',
      signature: { hash: 'SHA-256' },
      isCa: true,
      now,
    });
    const member = await issueTestCertificate({
      commonName: TEST_MEMBER_NAME,
      keyType: 'P-256',
      signature: { hash: 'SHA-256' },
      isCa: false,
      now,
      issuer: root,
    });
    const rawSign = async (data: Uint8Array) =>
      new Uint8Array(
        await globalThis.crypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          member.keys.privateKey,
          new Uint8Array(data),
        ),
      );
    return { root, member, rawSign };
  }

  it('logs in with an ECDSA signature over the challenge (the scheme follows the key)', async () => {
    const { root, member, rawSign } = await ecMember();
    const { nonce } = createChallenge(services, now, 60_000);
    const request = await signChallenge(
      {
        certificateChainDer: [member.der],
        ecdsaSignSha256: async (data) => ecdsaRawToDer(await rawSign(data)),
      },
      nonce,
    );
    const leaf = await verifyLogin(services, { request, trustedCaPem: [root.pem], now });
    expect(leaf.subjectCommonName).toBe(TEST_MEMBER_NAME);
  });

  it('refuses a raw r||s signature and another EC key as login-bad-signature', async () => {
    const { root, member, rawSign } = await ecMember();
    const other = await ecMember();
    const { nonce } = createChallenge(services, now, 60_000);
    const raw: LoginRequest = {
      nonce,
      chainDer: [base64Encode(member.der)],
      signature: base64Encode(await rawSign(challengeSigningInput(nonce))),
    };
    expect(
      await codeOf(() => verifyLogin(services, { request: raw, trustedCaPem: [root.pem], now })),
    ).toBe('login-bad-signature');
    const forged: LoginRequest = {
      ...raw,
      signature: base64Encode(ecdsaRawToDer(await other.rawSign(challengeSigningInput(nonce)))),
    };
    expect(
      await codeOf(() => verifyLogin(services, { request: forged, trustedCaPem: [root.pem], now })),
    ).toBe('login-bad-signature');
  });

  it('refuses to sign a challenge with an RSA-only signer for an EC certificate', async () => {
    const { member } = await ecMember();
    const { nonce } = createChallenge(services, now, 60_000);
    const rsaOnly = {
      certificateChainDer: [member.der],
      rsaSignSha256: async () => new Uint8Array(256),
    };
    await expect(signChallenge(rsaOnly, nonce)).rejects.toMatchObject({
      code: 'SIGNER_KEY_UNSUPPORTED',
    });
  });
});
