/**
 * The desktop token picker's main side, under Node: the `listTokenCertificates` IPC handler
 * main.ts registers, against SoftHSM2 tokens this test initialises (an RSA and an ECDSA key with
 * their certificates on one token, a bare certificate and nothing else on others). Listing
 * asks no PIN; without a module set it says so; a module that cannot load is a coded failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenList } from '../../core/bridge/contract';
import { certificateInfo } from '../../core/identity/certificate';
import type { IpcSender } from '../../main/facade';
import { createIpcHandlers } from '../../main/ipc';
import { memoryFacade } from '../../main/memory-facade';
import {
  SOFTHSM_MODULE,
  createSoftHsm,
  softHsmAvailable,
  type SoftHsm,
  type SoftToken,
} from '../../tools/harness/softhsm';
import { opensslIdentity } from '../helpers/openssl-pki';

const available = softHsmAvailable();
const appOrigin = 'http://127.0.0.1:4870';
const trusted: IpcSender = { frameUrl: `${appOrigin}/#/`, isMainFrame: true };
let dir: string;
let hsm: SoftHsm;
let meetingToken: SoftToken;
let spareToken: SoftToken;
const fingerprints: Record<string, string> = {};

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

async function list(pkcs11Module: string | null = SOFTHSM_MODULE) {
  const { handlers, pinRequests } = setup(pkcs11Module);
  const result = (await handlers.listTokenCertificates(trusted, [])) as
    { ok: true; value: TokenList } | { ok: false; error: { code: string } };
  return { result, pinRequests };
}

beforeAll(() => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'token-list-'));
  hsm = createSoftHsm(dir);
  hsm.use();
  const ca = opensslIdentity({
    dir,
    name: 'CA Máy',
    keyType: 'RSA',
    signature: { digest: 'sha256' },
  });
  const secretary = opensslIdentity({
    dir,
    name: 'Nguyễn Tiến Sỹ',
    keyType: 'P-256',
    signature: { digest: 'sha256' },
    issuer: ca,
  });
  const chair = opensslIdentity({
    dir,
    name: 'Trần Thị Hồng Nhung',
    keyType: 'RSA',
    signature: { digest: 'sha256' },
    issuer: ca,
  });
  meetingToken = hsm.initToken('Máy họp 1', '1357');
  hsm.importKey(meetingToken, {
    keyPath: secretary.keyPath,
    certPath: secretary.certPath,
    id: '11',
    label: 'thu-ky',
  });
  hsm.importKey(meetingToken, {
    keyPath: chair.keyPath,
    certPath: chair.certPath,
    id: '22',
    label: 'chu-toa',
  });
  spareToken = hsm.initToken('Dự phòng', '2468');
  hsm.writeCertificate(spareToken, ca.certPath, 'ca01', 'ca');
  fingerprints.secretary = certificateInfo(secretary.certPem).fingerprintSha256Hex;
  fingerprints.chair = certificateInfo(chair.certPem).fingerprintSha256Hex;
  fingerprints.ca = certificateInfo(ca.certPem).fingerprintSha256Hex;
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available)('listTokenCertificates (desktop main process)', () => {
  it('lists each token with its certificates, without asking a PIN', async () => {
    const { result, pinRequests } = await list();
    expect(pinRequests).toEqual([]);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.value.moduleConfigured).toBe(true);
    const byLabel = new Map(result.value.tokens.map((t) => [t.tokenLabel, t]));
    expect([...byLabel.keys()].sort()).toEqual(['Dự phòng', 'Máy họp 1']);

    const meeting = byLabel.get('Máy họp 1')!;
    expect(meeting).toMatchObject({ slot: meetingToken.slot, manufacturer: 'SoftHSM project' });
    const certs = [...meeting.certificates].sort((a, b) => a.keyId.localeCompare(b.keyId));
    expect(certs).toMatchObject([
      {
        keyId: '11',
        label: 'thu-ky',
        subjectCommonName: 'Nguyễn Tiến Sỹ',
        fingerprintSha256: fingerprints.secretary,
      },
      {
        keyId: '22',
        label: 'chu-toa',
        subjectCommonName: 'Trần Thị Hồng Nhung',
        fingerprintSha256: fingerprints.chair,
      },
    ]);
    for (const cert of certs) {
      expect(cert.issuer).toContain('CA Máy');
      expect(cert.subject).toContain(cert.subjectCommonName);
      expect(Date.parse(cert.notBefore)).toBeLessThan(Date.parse(cert.notAfter));
    }
    expect(byLabel.get('Dự phòng')!.certificates).toMatchObject([
      { keyId: 'ca01', label: 'ca', fingerprintSha256: fingerprints.ca },
    ]);
  });

  it('a token taken away is no longer listed', async () => {
    const gone = hsm.initToken('Tạm', '1111');
    const before = await list();
    expect(before.result.ok && before.result.value.tokens.map((t) => t.tokenLabel)).toContain(
      'Tạm',
    );
    hsm.deleteToken(gone);
    const after = await list();
    if (!after.result.ok) throw new Error(JSON.stringify(after.result));
    expect(after.result.value.tokens.map((t) => t.tokenLabel)).not.toContain('Tạm');
  });

  it('says when no module is set, and a module that cannot load is a coded failure', async () => {
    expect((await list(null)).result).toEqual({
      ok: true,
      value: { moduleConfigured: false, tokens: [] },
    });
    expect((await list(join(dir, 'no-such-module.so'))).result).toMatchObject({
      ok: false,
      error: { code: 'token-module-unloadable' },
    });
  });

  it('refuses arguments and untrusted frames before touching the module', async () => {
    const { handlers } = setup();
    await expect(handlers.listTokenCertificates(trusted, ['x'])).rejects.toMatchObject({
      code: 'bridge-bad-argument',
    });
    await expect(
      handlers.listTokenCertificates({ frameUrl: 'https://evil.example/', isMainFrame: true }, []),
    ).rejects.toMatchObject({ code: 'ipc-untrusted-sender' });
  });
});
