import { beforeAll, describe, expect, it } from 'vitest';
import type { BridgeResult, IdentitySummary, LoginRequest } from '../../core/bridge/contract';
import { createForgeCryptoServices } from '../../core/crypto/forge-services';
import { buildP12, verifyLogin } from '../../core/identity';
import { makeTestPki, TEST_MEMBER_NAME, type TestPki } from '../../core/identity/testing';
import type { IpcSender } from '../facade';
import { createIpcHandlers } from '../ipc';
import { memoryFacade } from '../memory-facade';

const appOrigin = 'http://127.0.0.1:4870';
const trusted: IpcSender = { frameUrl: `${appOrigin}/#/`, isMainFrame: true };
const PASSWORD = 'Mật khẩu của Sỹ';
const NONCE = 'n'.repeat(43);

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

function setup() {
  const mem = memoryFacade();
  const handlers = createIpcHandlers({
    facade: mem.facade,
    appOrigin,
    serverUrl: `${appOrigin}/`,
    now: () => pki.now,
  });
  const importP12 = (password: string) =>
    handlers.importIdentity(trusted, [
      { fileName: 'Nguyễn Tiến Sỹ.p12', bytes: p12, password },
    ]) as Promise<BridgeResult<IdentitySummary>>;
  return { ...mem, handlers, importP12 };
}

const contains = (haystack: Uint8Array, needle: Uint8Array) =>
  Buffer.from(haystack).includes(Buffer.from(needle.subarray(0, 64)));

describe('identity entries over IPC (main process)', () => {
  it('refuses a wrong password with its code and stores nothing', async () => {
    const { importP12, identityFiles, handlers } = setup();
    await expect(importP12('sai')).resolves.toMatchObject({
      ok: false,
      error: { code: 'p12-bad-password' },
    });
    expect(identityFiles.size).toBe(0);
    await expect(handlers.listIdentities(trusted, [])).resolves.toEqual([]);
  });

  it('stores a good import sealed by safeStorage and lists it', async () => {
    const { importP12, identityFiles, handlers } = setup();
    const imported = await importP12(PASSWORD);
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.name).toBe(TEST_MEMBER_NAME);
    await expect(handlers.listIdentities(trusted, [])).resolves.toEqual([imported.value]);
    const sealed = identityFiles.get(`${imported.value.id}.bin`);
    expect(sealed).toBeDefined();
    // Neither the .p12 itself nor its Base64 lies in the clear on disk.
    expect(contains(sealed!, p12)).toBe(false);
    expect(new TextDecoder().decode(sealed).includes(Buffer.from(p12).toString('base64'))).toBe(
      false,
    );
  });

  it('keeps the .p12 as it is when the OS offers no safeStorage, and still signs', async () => {
    const { importP12, identityFiles, handlers, setEncryptionAvailable } = setup();
    setEncryptionAvailable(false);
    const imported = await importP12(PASSWORD);
    if (!imported.ok) throw new Error(imported.error.message);
    expect(identityFiles.get(`${imported.value.id}.bin`)).toEqual(p12);
    const signed = (await handlers.signLogin(trusted, [
      { identityId: imported.value.id, password: PASSWORD, nonce: NONCE, origin: appOrigin },
    ])) as BridgeResult<LoginRequest>;
    expect(signed.ok).toBe(true);
  });

  it('signs a login request that verifyLogin accepts with the test CA', async () => {
    const { importP12, handlers } = setup();
    const imported = await importP12(PASSWORD);
    if (!imported.ok) throw new Error(imported.error.message);
    const args = { identityId: imported.value.id, nonce: NONCE, origin: appOrigin };
    await expect(
      handlers.signLogin(trusted, [{ ...args, password: 'sai' }]),
    ).resolves.toMatchObject({ ok: false, error: { code: 'p12-bad-password' } });
    const signed = (await handlers.signLogin(trusted, [
      { ...args, password: PASSWORD },
    ])) as BridgeResult<LoginRequest>;
    if (!signed.ok) throw new Error(signed.error.message);
    const leaf = await verifyLogin(createForgeCryptoServices(), {
      request: signed.value,
      trustedCaPem: [pki.ca.certificatePem],
      now: pki.now,
      origin: appOrigin,
    });
    expect(leaf.subjectCommonName).toBe(TEST_MEMBER_NAME);
    // The renderer gets certificates and a signature, never the key.
    expect(JSON.stringify(signed.value)).not.toMatch(/PRIVATE KEY/);
  });

  it('signs only for the server this window loaded', async () => {
    const { importP12, handlers } = setup();
    const imported = await importP12(PASSWORD);
    if (!imported.ok) throw new Error(imported.error.message);
    await expect(
      handlers.signLogin(trusted, [
        {
          identityId: imported.value.id,
          password: PASSWORD,
          nonce: NONCE,
          origin: 'https://evil.example',
        },
      ]),
    ).resolves.toMatchObject({ ok: false, error: { code: 'login-wrong-origin' } });
  });

  it('removes an identity and its file', async () => {
    const { importP12, handlers, identityFiles } = setup();
    const imported = await importP12(PASSWORD);
    if (!imported.ok) throw new Error(imported.error.message);
    await expect(handlers.removeIdentity(trusted, [imported.value.id])).resolves.toEqual({
      removed: true,
    });
    expect(identityFiles.has(`${imported.value.id}.bin`)).toBe(false);
    await expect(handlers.listIdentities(trusted, [])).resolves.toEqual([]);
  });

  it('refuses untrusted senders and malformed arguments, and does nothing', async () => {
    const { handlers, identityFiles } = setup();
    const request = { fileName: 'a.p12', bytes: p12, password: PASSWORD };
    for (const sender of [
      { frameUrl: 'https://evil.example/', isMainFrame: true },
      { frameUrl: `${appOrigin}/`, isMainFrame: false },
    ]) {
      await expect(handlers.importIdentity(sender, [request])).rejects.toMatchObject({
        code: 'ipc-untrusted-sender',
      });
      await expect(handlers.listIdentities(sender, [])).rejects.toMatchObject({
        code: 'ipc-untrusted-sender',
      });
    }
    for (const bad of [
      [{ ...request, fileName: '../../.bashrc' }],
      [{ ...request, bytes: 'not bytes' }],
      [{ ...request, password: 42 }],
    ]) {
      await expect(handlers.importIdentity(trusted, bad)).rejects.toMatchObject({
        code: 'bridge-bad-argument',
      });
    }
    await expect(handlers.removeIdentity(trusted, ['../index'])).rejects.toMatchObject({
      code: 'bridge-bad-argument',
    });
    await expect(
      handlers.signLogin(trusted, [
        { identityId: 'a'.repeat(64), password: '', nonce: NONCE, origin: 'javascript:alert(1)' },
      ]),
    ).rejects.toMatchObject({ code: 'bridge-bad-argument' });
    expect(identityFiles.size).toBe(0);
  });
});
