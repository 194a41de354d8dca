/**
 * Remote signing through the CSC API v2 client against the test CSC service (a SoftHSM2 key
 * behind it): end to end judged by pdfsig and pyHanko; several records under one confirmation;
 * and each way the member or the provider can fail — declined, never confirmed, a certificate
 * that is not the key's, a wrong access token — a clear code, and nothing accepted.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesPdf } from '../../core/minutes';
import { SAMPLE_CHAIR, sampleMinutes } from '../../core/minutes/testing';
import { signPdfsRemotely, verifyPdf } from '../../core/signing';
import { type CscClientOptions, createCscClient } from '../../node-shared/csc/csc-client';
import { type TokenSigner, openTokenSigner } from '../../node-shared/pkcs11/token-signer';
import { nodeCryptoServices } from '../../sync-server/crypto/node-crypto';
import { runSignCommand } from '../../sync-server/admin/sign';
import { type TestCscServer, startCscServer } from '../../tools/harness/csc-server';
import { SOFTHSM_MODULE, createSoftHsm, softHsmAvailable } from '../../tools/harness/softhsm';
import { dejavuSerif } from '../helpers/minutes-fonts';
import { type OpensslIdentity, opensslIdentity } from '../helpers/openssl-pki';
import { type Judges, createJudges } from '../helpers/pdf-judges';

const available = softHsmAvailable();
let dir: string;
let ca: OpensslIdentity;
let judges: Judges;
let minutes: Uint8Array;
let signer: TokenSigner;
let csc: TestCscServer;

const client = (over: Partial<CscClientOptions> = {}) =>
  createCscClient({
    baseUrl: csc.url,
    accessToken: csc.accessToken,
    pollIntervalMs: 20,
    confirmTimeoutMs: 5_000,
    description: 'Ký biên bản họp',
    ...over,
  });

const document = (pdf: Uint8Array) => ({
  pdf,
  hasher: nodeCryptoServices,
  fieldName: 'chair',
  name: SAMPLE_CHAIR,
  role: 'Chủ tọa',
  signingTime: new Date(),
  contentsSize: 12_000,
});

async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'no error';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'csc-'));
  const hsm = createSoftHsm(dir);
  hsm.use();
  ca = opensslIdentity({ dir, name: 'CA Từ xa', keyType: 'RSA', signature: { digest: 'sha256' } });
  const chair = opensslIdentity({
    dir,
    name: SAMPLE_CHAIR,
    keyType: 'RSA',
    signature: { digest: 'sha256' },
    issuer: ca,
  });
  const other = opensslIdentity({
    dir,
    name: 'Người Khác',
    keyType: 'RSA',
    signature: { digest: 'sha256' },
    issuer: ca,
  });
  const token = hsm.initToken('Dịch vụ ký', '9999');
  hsm.importKey(token, {
    keyPath: chair.keyPath,
    certPath: chair.certPath,
    id: '01',
    label: 'chu-toa',
  });
  signer = await openTokenSigner(
    { modulePath: SOFTHSM_MODULE, slot: token.slot, keyId: '01' },
    async () => '9999',
  );
  csc = await startCscServer({ signer, wrongCertificateDer: other.certDer, multisign: 3 });
  judges = createJudges(dir, ca.certPem);
  minutes = await renderMinutesPdf(sampleMinutes(), dejavuSerif());
}, 60_000);

afterAll(async () => {
  await csc?.close();
  signer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available)('remote signing through the CSC API', () => {
  it('signs the minutes after the member confirms; pdfsig and pyHanko accept it', async () => {
    csc.mode = 'confirm';
    const [signed] = await signPdfsRemotely({
      remote: client(),
      documents: [document(minutes)],
      crypto: nodeCryptoServices,
      trustedCaPem: [ca.certPem],
    });
    const file = join(dir, 'remote.pdf');
    writeFileSync(file, signed as Uint8Array);
    expect(judges.qpdfCheck(file)).toBe(0);
    expect(
      judges
        .pdfsig(file)
        .filter((e) => e.validation !== '') // the secretary's field is still empty
        .map((e) => [e.fieldName, e.commonName, e.validation, e.certificate]),
    ).toEqual([['chair', SAMPLE_CHAIR, 'Signature is Valid.', 'Certificate is Trusted.']]);
    expect(judges.pyhanko(file).map((e) => [e.fieldName, e.intact, e.trusted])).toEqual([
      ['chair', true, true],
    ]);
  }, 60_000);

  it('co-signs several records under one confirmation (multisign)', async () => {
    csc.mode = 'confirm';
    const before = { confirmations: csc.confirmations, hashes: csc.hashesSigned };
    const records = await signPdfsRemotely({
      remote: client({ credentialId: csc.credentialId }),
      documents: [document(minutes), document(minutes), document(minutes)],
      crypto: nodeCryptoServices,
      trustedCaPem: [ca.certPem],
    });
    expect(records).toHaveLength(3);
    expect(csc.confirmations - before.confirmations).toBe(1);
    expect(csc.hashesSigned - before.hashes).toBe(3);
    for (const pdf of records) {
      const report = await verifyPdf(pdf, {
        crypto: nodeCryptoServices,
        trustedCaPem: [ca.certPem],
      });
      expect(report.signatures.map((s) => [s.signatureValid, s.issuedByTrustedCa])).toEqual([
        [true, true],
      ]);
    }
  });

  it.each([
    ['refuse', 'remote-refused'],
    ['never', 'remote-confirmation-timeout'],
    ['wrong-certificate', 'remote-signature-invalid'],
  ] as const)('mode %s gives %s and returns nothing', async (mode, code) => {
    csc.mode = mode;
    const before = csc.confirmations;
    expect(
      await codeOf(() =>
        signPdfsRemotely({
          remote: client({ confirmTimeoutMs: 300 }),
          documents: [document(minutes)],
          crypto: nodeCryptoServices,
          trustedCaPem: [ca.certPem],
        }),
      ),
    ).toBe(code);
    if (mode !== 'wrong-certificate') expect(csc.confirmations).toBe(before);
  });

  it('refuses a wrong access token, an unknown credential and an unreachable service', async () => {
    csc.mode = 'confirm';
    const run = (over: Partial<CscClientOptions>) =>
      codeOf(() =>
        signPdfsRemotely({
          remote: client(over),
          documents: [document(minutes)],
          crypto: nodeCryptoServices,
        }),
      );
    expect(await run({ accessToken: 'sai' })).toBe('remote-unauthorized');
    expect(await run({ credentialId: 'khong-co' })).toBe('remote-credential-not-found');
    expect(await run({ baseUrl: 'http://127.0.0.1:1/csc/v2' })).toBe('remote-unreachable');
  });

  it('admin sign --csc-url signs through the provider, the token from an env var', async () => {
    csc.mode = 'confirm';
    const input = join(dir, 'cli-in.pdf');
    writeFileSync(input, minutes);
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
    };
    const args = (out: string) => [
      input,
      '--csc-url',
      csc.url,
      '--csc-token-env',
      'CSC_TOKEN',
      '--ca',
      judges.caPemPath,
      '--field',
      'chair',
      '--csc-timeout',
      '10',
      '--out',
      out,
    ];
    const out = join(dir, 'cli-remote.pdf');
    const env = { CSC_TOKEN: csc.accessToken };
    expect(await runSignCommand(args(out), io, new Date(), { env })).toBe(0);
    expect(stdout).toContain(SAMPLE_CHAIR);
    expect(
      judges
        .pdfsig(out)
        .filter((e) => e.validation !== '')
        .map((e) => e.validation),
    ).toEqual(['Signature is Valid.']);
    csc.mode = 'refuse';
    stderr = '';
    const refused = join(dir, 'cli-refused.pdf');
    expect(await runSignCommand(args(refused), io, new Date(), { env })).toBe(2);
    expect(stderr).toMatch(/error \[remote-refused\]/);
    expect(existsSync(refused)).toBe(false);
  }, 60_000);
});
