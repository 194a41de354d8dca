/**
 * The PKCS#11 signer against a real module: SoftHSM2 tokens this test initialises, RSA and
 * ECDSA P-256 keys imported the way an issuer writes them. Each refusal the issue lists (wrong
 * PIN, locked PIN, no token / removed token, a certificate that is not the key's) has its own
 * code; signatures made on the token verify with core's verifier and log a member in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChallenge, signChallenge, verifyLogin } from '../../core/identity/login';
import { signPdf, verifyPdf } from '../../core/signing';
import {
  type PinPrompt,
  type TokenSource,
  openTokenSigner,
} from '../../node-shared/pkcs11/token-signer';
import { nodeCryptoServices } from '../../sync-server/crypto/node-crypto';
import {
  SOFTHSM_MODULE,
  type SoftHsm,
  type SoftToken,
  createSoftHsm,
  softHsmAvailable,
} from '../../tools/harness/softhsm';
import { type OpensslIdentity, opensslIdentity } from '../helpers/openssl-pki';

const available = softHsmAvailable();
let dir: string;
let hsm: SoftHsm;
let token: SoftToken;
let ca: OpensslIdentity;
let rsaMember: OpensslIdentity;
let ecMember: OpensslIdentity;
let stranger: OpensslIdentity;

const pin =
  (value: string | undefined): PinPrompt =>
  async () =>
    value;

async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'no error';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

async function onePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  return doc.save({ useObjectStreams: false });
}

const source = (over: Partial<TokenSource> = {}): TokenSource => ({
  modulePath: SOFTHSM_MODULE,
  slot: token.slot,
  keyId: '01',
  ...over,
});

beforeAll(() => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'dienhong-token-'));
  hsm = createSoftHsm(dir);
  hsm.use();
  ca = opensslIdentity({
    dir,
    name: 'CA Thử nghiệm',
    keyType: 'RSA',
    signature: { digest: 'sha256' },
  });
  const leaf = (name: string, keyType: 'RSA' | 'P-256') =>
    opensslIdentity({ dir, name, keyType, signature: { digest: 'sha256' }, issuer: ca });
  rsaMember = leaf('Nguyễn Tiến Sỹ', 'RSA');
  ecMember = leaf('Trần Thị Hồng Nhung', 'P-256');
  stranger = leaf('Người Lạ', 'RSA');
  token = hsm.initToken('Token Sỹ', '123456');
  hsm.importKey(token, {
    keyPath: rsaMember.keyPath,
    certPath: rsaMember.certPath,
    id: '01',
    label: 'rsa',
  });
  hsm.importKey(token, {
    keyPath: ecMember.keyPath,
    certPath: ecMember.certPath,
    id: '02',
    label: 'ec',
  });
  // A key whose certificate on the token is someone else's.
  hsm.importKey(token, { keyPath: leaf('Khóa Khác', 'RSA').keyPath, id: '03', label: 'other' });
  hsm.writeCertificate(token, stranger.certPath, '03', 'other');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available)('PKCS#11 token signer (SoftHSM2)', () => {
  for (const [scheme, keyId] of [
    ['RSA', '01'],
    ['EC', '02'],
  ] as const) {
    it(`signs a PDF with the ${scheme} key on the token, verified by core`, async () => {
      const signer = await openTokenSigner(source({ keyId }), pin('123456'));
      try {
        expect(signer.scheme).toBe(scheme);
        const signed = await signPdf({
          pdf: await onePagePdf(),
          signer,
          hasher: nodeCryptoServices,
          name: 'Thành viên',
          signingTime: new Date(),
        });
        const report = await verifyPdf(signed, {
          crypto: nodeCryptoServices,
          trustedCaPem: [ca.certPem],
        });
        const [sig] = report.signatures;
        expect(sig?.signatureValid).toBe(true);
        expect(sig?.digestValid).toBe(true);
        expect(sig?.issuedByTrustedCa).toBe(true);
      } finally {
        signer.close();
      }
    });

    it(`logs in with the ${scheme} key on the token`, async () => {
      const signer = await openTokenSigner(source({ keyId }), pin('123456'));
      try {
        const now = new Date();
        const { nonce } = createChallenge(nodeCryptoServices, now, 60_000);
        const request = await signChallenge(signer, nonce, 'https://hop.example');
        const leaf = await verifyLogin(nodeCryptoServices, {
          request,
          trustedCaPem: [ca.certPem],
          now,
          origin: 'https://hop.example',
        });
        expect(leaf.subjectCommonName).toBe(scheme === 'RSA' ? rsaMember.name : ecMember.name);
      } finally {
        signer.close();
      }
    });
  }

  it('finds the key by label and names the token for the PIN prompt', async () => {
    const asked: string[] = [];
    const signer = await openTokenSigner(
      { modulePath: SOFTHSM_MODULE, tokenLabel: 'Token Sỹ', keyLabel: 'ec' },
      async (request) => {
        asked.push(request.tokenLabel);
        return '123456';
      },
    );
    signer.close();
    expect(asked).toEqual(['Token Sỹ']);
    expect(signer.scheme).toBe('EC');
  });

  it('refuses a wrong PIN and a cancelled prompt with their own codes', async () => {
    expect(await codeOf(() => openTokenSigner(source(), pin('000000')))).toBe(
      'token-pin-incorrect',
    );
    expect(await codeOf(() => openTokenSigner(source(), pin(undefined)))).toBe(
      'token-pin-cancelled',
    );
  });

  it('refuses a token whose PIN is locked without asking for the PIN', async () => {
    const locked = hsm.initToken('Token khóa', '654321');
    hsm.importKey(locked, {
      keyPath: rsaMember.keyPath,
      certPath: rsaMember.certPath,
      id: '01',
      label: 'rsa',
    });
    hsm.lockUserPin(locked);
    let asked = false;
    const code = await codeOf(() =>
      openTokenSigner(source({ slot: locked.slot }), async () => {
        asked = true;
        return '654321';
      }),
    );
    expect(code).toBe('token-pin-locked');
    expect(asked).toBe(false);
  });

  it('refuses a slot without a token, and a token pulled out while open', async () => {
    expect(await codeOf(() => openTokenSigner(source({ slot: '4242' }), pin('123456')))).toBe(
      'token-not-present',
    );
    const pulled = hsm.initToken('Token rút', '111111');
    hsm.importKey(pulled, {
      keyPath: rsaMember.keyPath,
      certPath: rsaMember.certPath,
      id: '01',
      label: 'rsa',
    });
    const signer = await openTokenSigner(source({ slot: pulled.slot }), pin('111111'));
    try {
      hsm.deleteToken(pulled);
      const code = await codeOf(() =>
        'rsaSignSha256' in signer ? signer.rsaSignSha256(new Uint8Array(8)) : Promise.resolve(),
      );
      expect(code).toBe('token-removed');
    } finally {
      signer.close();
    }
  });

  it('refuses a certificate that is not the key’s, on the token or given', async () => {
    expect(await codeOf(() => openTokenSigner(source({ keyId: '03' }), pin('123456')))).toBe(
      'token-certificate-mismatch',
    );
    expect(
      await codeOf(() =>
        openTokenSigner(source({ keyId: '01', certificateDer: stranger.certDer }), pin('123456')),
      ),
    ).toBe('token-certificate-mismatch');
    expect(
      await codeOf(() =>
        openTokenSigner(source({ keyId: '02', certificateDer: rsaMember.certDer }), pin('123456')),
      ),
    ).toBe('token-certificate-mismatch');
  });

  it('refuses a key that is not there and a module that does not load', async () => {
    expect(await codeOf(() => openTokenSigner(source({ keyId: '7f' }), pin('123456')))).toBe(
      'token-key-not-found',
    );
    expect(
      await codeOf(() =>
        openTokenSigner(source({ modulePath: join(dir, 'absent.so') }), pin('123456')),
      ),
    ).toBe('token-module-unloadable');
  });
});
