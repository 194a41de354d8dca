/**
 * The desktop token picker end to end under Node: the main process's `listTokenCertificates`
 * handler lists SoftHSM2 tokens this test initialises, core/bridge/token-picker decides what
 * may be chosen, and the choice signs through the `signPdf` handler with its slot and key.
 * The refusals the signing dialog shows (wrong PIN, locked, removed or swapped token,
 * certificate not matching the key) come back as coded failures, with no PDF.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignPdfRequest, TokenList } from '../../core/bridge/contract';
import { preselectedChoice, tokenChoices, tokenKeyRef } from '../../core/bridge/token-picker';
import { renderMinutesPdf } from '../../core/minutes';
import { SAMPLE_CHAIR, SAMPLE_SECRETARY, sampleMinutes } from '../../core/minutes/testing';
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
import { dejavuSerif } from '../helpers/minutes-fonts';
import { opensslIdentity } from '../helpers/openssl-pki';
import { type Judges, createJudges } from '../helpers/pdf-judges';

const available = softHsmAvailable();
const appOrigin = 'http://127.0.0.1:4870';
const trusted: IpcSender = { frameUrl: `${appOrigin}/#/`, isMainFrame: true };
// The picker's clock, injected: just after the newest certificate on the tokens began (openssl
// issued them as the test started), and one far past every one of them.
const during = (list: TokenList) =>
  new Date(
    Math.max(...list.tokens.flatMap((t) => t.certificates.map((c) => Date.parse(c.notBefore)))) +
      60_000,
  );
const longAfter = new Date('2199-01-01T00:00:00Z');
let dir: string;
let hsm: SoftHsm;
let meeting: SoftToken;
let spare: SoftToken;
let judges: Judges;
let minutes: Uint8Array;
let secretaryKeyPath: string;
let secretaryCertPath: string;

function setup() {
  const mem = memoryFacade();
  const handlers = createIpcHandlers({
    facade: mem.facade,
    appOrigin,
    serverUrl: `${appOrigin}/`,
    pkcs11Module: SOFTHSM_MODULE,
  });
  return { ...mem, handlers };
}

const withClock = (list: TokenList) => [list, during(list)] as const;

async function listed(handlers: ReturnType<typeof setup>['handlers']): Promise<TokenList> {
  const result = (await handlers.listTokenCertificates(trusted, [])) as
    { ok: true; value: TokenList } | { ok: false };
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.value;
}

const signing = (
  key: { token: ReturnType<typeof tokenKeyRef> },
  field: 'secretary' | 'chair',
): SignPdfRequest => ({
  ...key,
  pdf: minutes,
  fieldName: field,
  name: field === 'secretary' ? SAMPLE_SECRETARY : SAMPLE_CHAIR,
  role: field === 'secretary' ? 'Thư ký' : 'Chủ tọa',
  reason: 'Xác nhận biên bản',
  location: 'Hà Nội',
});

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'token-picker-'));
  hsm = createSoftHsm(dir);
  hsm.use();
  const issue = (
    name: string,
    keyType: 'RSA' | 'P-256',
    issuer?: ReturnType<typeof opensslIdentity>,
  ) =>
    opensslIdentity({
      dir,
      name,
      keyType,
      signature: { digest: 'sha256' },
      ...(issuer ? { issuer } : {}),
    });
  const ca = issue('CA Máy', 'RSA');
  const secretary = issue(SAMPLE_SECRETARY, 'P-256', ca);
  const chair = issue(SAMPLE_CHAIR, 'RSA', ca);
  secretaryKeyPath = secretary.keyPath;
  secretaryCertPath = secretary.certPath;
  const stranger = issue('Lê Văn Ba', 'RSA', ca);
  meeting = hsm.initToken('Máy họp 1', '1357');
  hsm.importKey(meeting, {
    keyPath: secretary.keyPath,
    certPath: secretary.certPath,
    id: '11',
    label: 'thu-ky',
  });
  // Someone else's certificate without its key: listed, marked, not selectable.
  hsm.writeCertificate(meeting, stranger.certPath, '44', 'la');
  // The chair's key filed under the stranger's certificate: the signer's probe refuses it.
  hsm.importKey(meeting, {
    keyPath: chair.keyPath,
    certPath: stranger.certPath,
    id: '55',
    label: 'sai',
  });
  spare = hsm.initToken('Chủ tọa', '2468');
  hsm.importKey(spare, {
    keyPath: chair.keyPath,
    certPath: chair.certPath,
    id: '22',
    label: 'chu-toa',
  });
  judges = createJudges(dir, ca.certPem);
  minutes = await renderMinutesPdf(sampleMinutes(), dejavuSerif());
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available)('token picker through the desktop main process', () => {
  it('lists what may be chosen, and the preselected choice signs with its own slot and key', async () => {
    const { handlers, answerPin, pinRequests } = setup();
    const choices = tokenChoices(...withClock(await listed(handlers)));
    const row = (keyId: string) => choices.find((c) => c.certificate.keyId === keyId)!;
    expect(row('11')).toMatchObject({ tokenLabel: 'Máy họp 1', selectable: true, problems: [] });
    expect(row('11').certificate).toMatchObject({
      subjectCommonName: SAMPLE_SECRETARY,
      issuerCommonName: 'CA Máy',
    });
    expect(row('11').certificate.serialNumber).toMatch(/^[0-9a-f]+$/);
    expect(row('44')).toMatchObject({ selectable: false, problems: ['key-missing'] });
    expect(row('22')).toMatchObject({ tokenLabel: 'Chủ tọa', slot: spare.slot, selectable: true });
    // The same list read by a clock past every certificate: nothing may be chosen.
    const later = tokenChoices(await listed(handlers), longAfter);
    expect(later.every((c) => !c.selectable && c.problems.includes('expired'))).toBe(true);
    expect(pinRequests).toEqual([]);

    const chosen = preselectedChoice(choices, SAMPLE_CHAIR)!;
    expect(tokenKeyRef(chosen)).toEqual({ keyId: '22', slot: spare.slot, tokenLabel: 'Chủ tọa' });
    answerPin('2468');
    const result = await handlers.signPdf(trusted, [
      signing({ token: tokenKeyRef(chosen) }, 'secretary'),
    ]);
    if (!(result as { ok: boolean }).ok) throw new Error(JSON.stringify(result));
    expect(pinRequests).toEqual([{ tokenLabel: 'Chủ tọa', finalTry: false }]);
    const file = join(dir, 'picked.pdf');
    writeFileSync(file, (result as { ok: true; value: Uint8Array }).value);
    // The chair's field is still empty.
    expect(
      judges
        .pdfsig(file)
        .filter((e) => e.validation !== '')
        .map((e) => [e.fieldName, e.validation, e.certificate]),
    ).toEqual([['secretary', 'Signature is Valid.', 'Certificate is Trusted.']]);
  }, 120_000);

  it('returns the refusals the dialog shows, and no PDF', async () => {
    const { handlers, answerPin } = setup();
    const choices = tokenChoices(...withClock(await listed(handlers)));
    const ref = (keyId: string) => tokenKeyRef(choices.find((c) => c.certificate.keyId === keyId)!);
    const sign = (token: ReturnType<typeof tokenKeyRef>) =>
      handlers.signPdf(trusted, [signing({ token }, 'secretary')]);

    answerPin('0000');
    await expect(sign(ref('11'))).resolves.toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'token-pin-incorrect' }),
    });
    answerPin('1357');
    await expect(sign(ref('55'))).resolves.toMatchObject({
      ok: false,
      error: { code: 'token-certificate-mismatch' },
    });
    // A picker's slot whose token is not the one listed (swapped since): refused before the PIN.
    await expect(sign({ ...ref('11'), slot: spare.slot })).resolves.toMatchObject({
      ok: false,
      error: { code: 'token-not-present' },
    });
    await expect(
      handlers.signPdf(trusted, [signing({ token: { ...ref('11'), slot: 'x1' } }, 'secretary')]),
    ).rejects.toMatchObject({ code: 'bridge-bad-argument' });
  }, 120_000);

  it('a locked token is refused before any PIN; a removed one is not signed with', async () => {
    const extra = hsm.initToken('Tạm', '1111');
    hsm.importKey(extra, {
      keyPath: secretaryKeyPath,
      certPath: secretaryCertPath,
      id: '66',
      label: 'tam',
    });
    const { handlers, answerPin, pinRequests } = setup();
    const choice = tokenChoices(...withClock(await listed(handlers))).find(
      (c) => c.tokenLabel === 'Tạm',
    )!;
    expect(choice.selectable).toBe(true);
    const sign = () =>
      handlers.signPdf(trusted, [signing({ token: tokenKeyRef(choice) }, 'secretary')]);
    answerPin('1111');
    hsm.lockUserPin(extra);
    await expect(sign()).resolves.toMatchObject({ ok: false, error: { code: 'token-pin-locked' } });
    expect(pinRequests).toEqual([]);
    hsm.deleteToken(extra);
    await expect(sign()).resolves.toMatchObject({
      ok: false,
      error: { code: 'token-not-present' },
    });
    expect(pinRequests).toEqual([]);
  });
});
