import { beforeAll, describe, expect, it } from 'vitest';
import { createForgeCryptoServices, forgeRsaSigner } from '../crypto/forge-services';
import { buildP12, verifyLogin } from '../identity';
import {
  makeTestPki,
  TEST_MEMBER_EMAIL,
  TEST_MEMBER_NAME,
  type TestPki,
} from '../identity/testing';
import type { IdentitySummary } from './contract';
import { createIdentityService, MAX_P12_BYTES, type IdentityVault } from './identity-service';

const PASSWORD = 'Mật-khẩu 2026';
const ORIGIN = 'https://hop.quochoi.vn';
const NONCE = 'A'.repeat(43);

function memoryVault() {
  const files = new Map<string, { summary: IdentitySummary; p12: Uint8Array }>();
  const vault: IdentityVault = {
    list: async () => [...files.values()].map((f) => f.summary),
    read: async (id) => files.get(id)?.p12 ?? null,
    put: async (summary, p12) => void files.set(summary.id, { summary, p12 }),
    remove: async (id) => files.delete(id),
  };
  return { vault, files };
}

let pki: TestPki;
let p12: Uint8Array;

beforeAll(async () => {
  pki = await makeTestPki();
  p12 = buildP12({
    ...pki.member,
    chainPem: [pki.ca.certificatePem],
    password: PASSWORD,
    iterations: 2048,
  });
});

function service(now = pki.now, expectedOrigin?: string) {
  const mem = memoryVault();
  const entries = createIdentityService({
    vault: mem.vault,
    makeSigner: async (pem, chain) => forgeRsaSigner(pem, chain),
    now: () => now,
    expectedOrigin,
  });
  return { ...mem, entries };
}

describe('identity entries', () => {
  it('imports a .p12 and lists the member with the Vietnamese name intact', async () => {
    const { entries } = service();
    const imported = await entries.importIdentity({
      fileName: 'sy.p12',
      bytes: p12,
      password: PASSWORD,
    });
    expect(imported.ok).toBe(true);
    const list = await entries.listIdentities();
    expect(list).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{64}$/),
        name: TEST_MEMBER_NAME,
        email: TEST_MEMBER_EMAIL,
        issuer: 'Văn phòng Quốc hội CA',
        notAfter: expect.stringMatching(/^2027-/),
        fileName: 'sy.p12',
      },
    ]);
  });

  it('refuses a wrong password, a non-.p12 and an oversized file, and stores nothing', async () => {
    const { entries, files } = service();
    const cases: [Uint8Array, string, string][] = [
      [p12, 'sai mật khẩu', 'p12-bad-password'],
      [new TextEncoder().encode('%PDF-1.7 not a p12'), PASSWORD, 'p12-malformed'],
      [new Uint8Array(MAX_P12_BYTES + 1), PASSWORD, 'p12-too-large'],
    ];
    for (const [bytes, password, code] of cases) {
      const r = await entries.importIdentity({ fileName: 'x.p12', bytes, password });
      expect(r).toMatchObject({ ok: false, error: { code } });
    }
    expect(files.size).toBe(0);
  });

  it('refuses an expired certificate and one that may not sign', async () => {
    const late = service(new Date('2030-01-01T00:00:00Z'));
    await expect(
      late.entries.importIdentity({ fileName: 'sy.p12', bytes: p12, password: PASSWORD }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'cert-expired' } });
    // The CA's own certificate has keyUsage keyCertSign/cRLSign only.
    const caP12 = buildP12({ ...pki.ca, password: PASSWORD, iterations: 2048 });
    const { entries, files } = service();
    await expect(
      entries.importIdentity({ fileName: 'ca.p12', bytes: caP12, password: PASSWORD }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'cert-key-usage' } });
    expect(files.size + late.files.size).toBe(0);
  });

  it('signs a login the server accepts, only with the right password', async () => {
    const { entries } = service();
    const imported = await entries.importIdentity({
      fileName: 'sy.p12',
      bytes: p12,
      password: PASSWORD,
    });
    if (!imported.ok) throw new Error(imported.error.message);
    const id = imported.value.id;

    const wrong = await entries.signLogin({
      identityId: id,
      password: 'x',
      nonce: NONCE,
      origin: ORIGIN,
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'p12-bad-password' } });

    const signed = await entries.signLogin({
      identityId: id,
      password: PASSWORD,
      nonce: NONCE,
      origin: ORIGIN,
    });
    if (!signed.ok) throw new Error(signed.error.message);
    const leaf = await verifyLogin(createForgeCryptoServices(), {
      request: signed.value,
      trustedCaPem: [pki.ca.certificatePem],
      now: pki.now,
      origin: ORIGIN,
    });
    expect(leaf.subjectCommonName).toBe(TEST_MEMBER_NAME);
    // Bound to the origin: the same signature is useless at another server.
    await expect(
      verifyLogin(createForgeCryptoServices(), {
        request: signed.value,
        trustedCaPem: [pki.ca.certificatePem],
        now: pki.now,
        origin: 'https://evil.example',
      }),
    ).rejects.toMatchObject({ code: 'login-bad-signature' });
  });

  it('answers identity-not-found after removal and refuses a foreign origin when pinned', async () => {
    const { entries } = service(pki.now, ORIGIN);
    const imported = await entries.importIdentity({
      fileName: 'sy.p12',
      bytes: p12,
      password: PASSWORD,
    });
    if (!imported.ok) throw new Error(imported.error.message);
    const id = imported.value.id;
    await expect(
      entries.signLogin({
        identityId: id,
        password: PASSWORD,
        nonce: NONCE,
        origin: 'https://evil.example',
      }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'login-wrong-origin' } });
    await expect(entries.removeIdentity(id)).resolves.toEqual({ removed: true });
    await expect(entries.removeIdentity(id)).resolves.toEqual({ removed: false });
    await expect(
      entries.signLogin({ identityId: id, password: PASSWORD, nonce: NONCE, origin: ORIGIN }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'identity-not-found' } });
    expect(await entries.listIdentities()).toEqual([]);
  });
});
