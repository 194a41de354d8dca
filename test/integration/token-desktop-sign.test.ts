/**
 * The desktop signer's token path, under Node: the same IPC handler main.ts registers for
 * `signPdf`, with a token key source, the PKCS#11 module as the machine's setting and the PIN
 * from facade.askTokenPin (the main process's own dialog in Electron; the in-memory facade
 * here). SoftHSM2 holds an ECDSA key (secretary) and an RSA key (chair); the co-signed minutes
 * must satisfy pdfsig and pyHanko. Refusals come back as BridgeResult failures with the code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignPdfRequest } from '../../core/bridge/contract';
import { renderMinutesPdf } from '../../core/minutes';
import { SAMPLE_CHAIR, SAMPLE_SECRETARY, sampleMinutes } from '../../core/minutes/testing';
import type { IpcSender } from '../../main/facade';
import { createIpcHandlers } from '../../main/ipc';
import { memoryFacade } from '../../main/memory-facade';
import { SOFTHSM_MODULE, createSoftHsm, softHsmAvailable } from '../../tools/harness/softhsm';
import { dejavuSerif } from '../helpers/minutes-fonts';
import { opensslIdentity } from '../helpers/openssl-pki';
import { type Judges, createJudges } from '../helpers/pdf-judges';

const available = softHsmAvailable();
const appOrigin = 'http://127.0.0.1:4870';
const trusted: IpcSender = { frameUrl: `${appOrigin}/#/`, isMainFrame: true };
let dir: string;
let judges: Judges;
let minutes: Uint8Array;

function setup(pkcs11Module: string | null = SOFTHSM_MODULE) {
  const mem = memoryFacade();
  const handlers = createIpcHandlers({
    facade: mem.facade,
    appOrigin,
    serverUrl: `${appOrigin}/`,
    ...(pkcs11Module ? { pkcs11Module } : {}),
  });
  return { ...mem, handlers };
}

const request = (pdf: Uint8Array, keyId: string, field: 'secretary' | 'chair') =>
  ({
    token: { keyId, tokenLabel: 'Máy họp 1' },
    pdf,
    fieldName: field,
    name: field === 'secretary' ? SAMPLE_SECRETARY : SAMPLE_CHAIR,
    role: field === 'secretary' ? 'Thư ký' : 'Chủ tọa',
    reason: 'Xác nhận biên bản',
    location: 'Hà Nội',
  }) satisfies SignPdfRequest;

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'token-desktop-'));
  const hsm = createSoftHsm(dir);
  hsm.use();
  const ca = opensslIdentity({
    dir,
    name: 'CA Máy',
    keyType: 'RSA',
    signature: { digest: 'sha256' },
  });
  const secretary = opensslIdentity({
    dir,
    name: SAMPLE_SECRETARY,
    keyType: 'P-256',
    signature: { digest: 'sha256' },
    issuer: ca,
  });
  const chair = opensslIdentity({
    dir,
    name: SAMPLE_CHAIR,
    keyType: 'RSA',
    signature: { digest: 'sha256' },
    issuer: ca,
  });
  const token = hsm.initToken('Máy họp 1', '1357');
  hsm.importKey(token, {
    keyPath: secretary.keyPath,
    certPath: secretary.certPath,
    id: '11',
    label: 'thu-ky',
  });
  hsm.importKey(token, {
    keyPath: chair.keyPath,
    certPath: chair.certPath,
    id: '22',
    label: 'chu-toa',
  });
  judges = createJudges(dir, ca.certPem);
  minutes = await renderMinutesPdf(sampleMinutes(), dejavuSerif());
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available)('desktop signPdf with a token key (main process code path)', () => {
  it('secretary (ECDSA) signs and chair (RSA) co-signs; the PIN comes from the main dialog', async () => {
    const { handlers, answerPin, pinRequests } = setup();
    answerPin('1357');
    const first = await handlers.signPdf(trusted, [request(minutes, '11', 'secretary')]);
    if (!(first as { ok: boolean }).ok) throw new Error(JSON.stringify(first));
    const once = (first as { ok: true; value: Uint8Array }).value;
    const second = await handlers.signPdf(trusted, [request(once, '22', 'chair')]);
    if (!(second as { ok: boolean }).ok) throw new Error(JSON.stringify(second));
    const signed = (second as { ok: true; value: Uint8Array }).value;
    expect(pinRequests).toEqual([
      { tokenLabel: 'Máy họp 1', finalTry: false },
      { tokenLabel: 'Máy họp 1', finalTry: false },
    ]);

    const file = join(dir, 'desktop-cosigned.pdf');
    writeFileSync(file, signed);
    expect(judges.qpdfCheck(file)).toBe(0);
    expect(judges.pdfsig(file).map((e) => [e.fieldName, e.validation, e.certificate])).toEqual([
      ['secretary', 'Signature is Valid.', 'Certificate is Trusted.'],
      ['chair', 'Signature is Valid.', 'Certificate is Trusted.'],
    ]);
    const hanko = judges.pyhanko(file);
    expect(hanko.map((e) => [e.fieldName, e.intact, e.trusted])).toEqual([
      ['secretary', true, true],
      ['chair', true, true],
    ]);
  }, 120_000);

  it('returns the token refusals as failures with their codes', async () => {
    const { handlers, answerPin } = setup();
    answerPin('0000');
    await expect(
      handlers.signPdf(trusted, [request(minutes, '11', 'secretary')]),
    ).resolves.toMatchObject({ ok: false, error: { code: 'token-pin-incorrect' } });
    answerPin(undefined);
    await expect(
      handlers.signPdf(trusted, [request(minutes, '11', 'secretary')]),
    ).resolves.toMatchObject({ ok: false, error: { code: 'token-pin-cancelled' } });
    answerPin('1357');
    await expect(
      handlers.signPdf(trusted, [request(minutes, '7e', 'secretary')]),
    ).resolves.toMatchObject({ ok: false, error: { code: 'token-key-not-found' } });
    const { handlers: noModule } = setup(null);
    await expect(
      noModule.signPdf(trusted, [request(minutes, '11', 'secretary')]),
    ).resolves.toMatchObject({ ok: false, error: { code: 'token-module-unloadable' } });
  });

  it('never lets the renderer name a module or mix a token with a stored identity', async () => {
    const { handlers, answerPin, pinRequests } = setup();
    answerPin('1357');
    const withModule = {
      ...request(minutes, '11', 'secretary'),
      token: { keyId: '11', modulePath: '/tmp/evil.so' },
    };
    // The validator keeps only keyId and tokenLabel: the machine's module signs.
    const result = await handlers.signPdf(trusted, [withModule]);
    expect(result).toMatchObject({ ok: true });
    await expect(
      handlers.signPdf(trusted, [{ ...withModule, identityId: 'x'.repeat(64), password: 'p' }]),
    ).rejects.toMatchObject({ code: 'bridge-bad-argument' });
    await expect(
      handlers.signPdf(trusted, [{ ...withModule, token: { keyId: 'not hex' } }]),
    ).rejects.toMatchObject({ code: 'bridge-bad-argument' });
    expect(pinRequests).toHaveLength(1);
  });
});
