import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createForgeCryptoServices, forgeRsaSigner } from '../crypto/forge-services';
import { buildP12, verifyLogin } from '../identity';
import {
  makeTestPki,
  TEST_MEMBER_EMAIL,
  TEST_MEMBER_NAME,
  type TestPki,
} from '../identity/testing';
import { addEmptySignatureFields, verifyPdfSignatures } from '../signing';
import type { IdentitySummary, SignPdfRequest } from './contract';
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

/** A minutes-like PDF: one page of text and the two empty signature fields. */
async function unsignedMinutes(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Bien ban ky hop', {
    x: 60,
    y: 760,
    size: 14,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  addEmptySignatureFields(doc, [
    { name: 'secretary', page: 0, rect: [60, 80, 260, 150] },
    { name: 'chair', page: 0, rect: [335, 80, 535, 150] },
  ]);
  return doc.save({ useObjectStreams: false });
}

describe('signPdf entry', () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await unsignedMinutes();
  });

  /** A service whose clock the test moves, with the member's .p12 already imported. */
  async function signingService() {
    const clock = { now: pki.now };
    const entries = createIdentityService({
      vault: memoryVault().vault,
      makeSigner: async (pem, chain) => forgeRsaSigner(pem, chain),
      now: () => clock.now,
    });
    const imported = await entries.importIdentity({
      fileName: 'sy.p12',
      bytes: p12,
      password: PASSWORD,
    });
    if (!imported.ok) throw new Error(imported.error.message);
    const request = (password: string): SignPdfRequest => ({
      identityId: imported.value.id,
      password,
      pdf,
      fieldName: 'secretary',
      name: TEST_MEMBER_NAME,
      role: 'Thư ký',
      reason: 'Ký biên bản',
      location: 'Hà Nội',
    });
    return { entries, clock, request };
  }

  it('refuses a wrong password with p12-bad-password and signs nothing', async () => {
    const { entries, request } = await signingService();
    const before = pdf.slice();
    const result = await entries.signPdf(request('sai mật khẩu'));
    expect(result).toMatchObject({ ok: false, error: { code: 'p12-bad-password' } });
    expect('value' in result).toBe(false);
    // The caller's bytes are untouched and still carry no signature.
    expect(pdf).toEqual(before);
    await expect(
      verifyPdfSignatures(pdf, {
        crypto: createForgeCryptoServices(),
        trustedCaPem: [pki.ca.certificatePem],
      }),
    ).resolves.toEqual([]);
  });

  it('refuses to sign once the certificate has expired', async () => {
    const { entries, clock, request } = await signingService();
    clock.now = new Date('2030-01-01T00:00:00Z');
    await expect(entries.signPdf(request(PASSWORD))).resolves.toMatchObject({
      ok: false,
      error: { code: 'cert-expired' },
    });
  });

  it('with the right password, returns the PDF plus one signature the verifier accepts', async () => {
    const { entries, request } = await signingService();
    const result = await entries.signPdf(request(PASSWORD));
    if (!result.ok) throw new Error(result.error.message);
    const signed = result.value;
    // An incremental update: the unsigned bytes come first, unchanged.
    expect(signed.subarray(0, pdf.length)).toEqual(pdf);
    const reports = await verifyPdfSignatures(signed, {
      crypto: createForgeCryptoServices(),
      trustedCaPem: [pki.ca.certificatePem],
    });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      fieldName: 'secretary',
      signerCommonName: TEST_MEMBER_NAME,
      byteRangeWellFormed: true,
      digestValid: true,
      signatureValid: true,
      issuedByTrustedCa: true,
      certificateValidAtSigningTime: true,
      coversWholeDocument: true,
    });
    expect(reports[0]?.signingTime?.toISOString()).toBe(pki.now.toISOString());
  });
});
