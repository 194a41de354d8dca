/**
 * The minutes from draft to two signatures through the real server: the draft written in the
 * shared document, finalize by the secretary, a signature by the secretary then the chair
 * (signed here with node crypto from each member's .p12, as the app does where the key lives),
 * judged by pdfsig and qpdf — and every refusal the server owes a wrong upload.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MinutesState } from '../../core/api/minutes';
import { certificateDerFromPem, parseP12 } from '../../core/identity';
import { sharedDocName } from '../../core/docs/names';
import { sharedMinutesDraft } from '../../core/docs/shared';
import { createOutlineTextPainter, signPdf } from '../../core/signing';
import { loadTrustedCas } from '../../sync-server/identity/data-dir';
import { nodeCryptoServices, nodeRsaSigner } from '../../sync-server/crypto/node-crypto';
import {
  CHAIR_SECRETARY_DELEGATE,
  MEETING_ID,
  PASSWORD,
  startTestApp,
  type TestApp,
} from '../helpers/app';
import { dejavuSans } from '../helpers/minutes-fonts';
import { createJudges, pdftotext, type Judges } from '../helpers/pdf-judges';
import { connectClient, waitFor } from '../helpers/server';

let app: TestApp;
let judges: Judges;
const tokens: Record<string, string> = {};
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const base = `/api/meetings/${MEETING_ID}`;
const font = createOutlineTextPainter(dejavuSans());

beforeAll(async () => {
  app = await startTestApp(CHAIR_SECRETARY_DELEGATE);
  for (const id of ['nhung', 'sy', 'dung']) tokens[id] = await app.login(id);
  const [ca] = await loadTrustedCas(app.dataDir);
  judges = createJudges(mkdtempSync(join(tmpdir(), 'minutes-judges-')), ca ?? '');
});
afterAll(() => app.close());

async function body<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
const errorCode = async (res: Response) =>
  [res.status, ((await res.json()) as { error: { code: string } }).error.code] as const;

function post(path: string, who: string, json?: unknown) {
  return app.api(`${base}${path}`, {
    method: 'POST',
    token: tokens[who] ?? '',
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
}

async function download(sha256: string, who = 'dung'): Promise<Uint8Array> {
  const res = await app.api(`${base}/blobs/${sha256}`, { token: tokens[who] ?? '' });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

async function upload(bytes: Uint8Array, who: string): Promise<string> {
  const hash = sha(bytes);
  const res = await app.api(`${base}/blobs/${hash}`, {
    method: 'PUT',
    token: tokens[who] ?? '',
    headers: { 'Content-Type': 'application/pdf' },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  expect(res.status).toBe(201);
  return hash;
}

/** Signs as the member whose .p12 this is, in `field`. */
function signAs(member: string, pdf: Uint8Array, field: 'secretary' | 'chair', role: string) {
  const parsed = parseP12(app.p12.get(member) ?? new Uint8Array(), PASSWORD);
  const chain = [parsed.certificatePem, ...parsed.chainPem].map((p) => certificateDerFromPem(p));
  return signPdf({
    pdf,
    signer: nodeRsaSigner(parsed.privateKeyPem, chain),
    hasher: nodeCryptoServices,
    fieldName: field,
    name: parsed.subjectName,
    role,
    reason: 'Ha Noi',
    signingTime: new Date(),
    utcOffsetMinutes: 420,
    drawText: font,
    contentsSize: 12_000,
  });
}

function writeDraft(doc: Y.Doc): void {
  const fragment = sharedMinutesDraft(doc);
  const heading = new Y.XmlElement('heading');
  heading.setAttribute('level', '2');
  const para = new Y.XmlElement('paragraph');
  const decision = new Y.XmlElement('paragraph');
  fragment.insert(0, [heading, para, decision]);
  // Text goes in once the elements are part of the document, as an editor types it.
  heading.insert(0, [new Y.XmlText('1. Khai mạc')]);
  const text = new Y.XmlText();
  para.insert(0, [text]);
  text.insert(0, 'Đồng chí Chủ tọa phát biểu khai mạc, ');
  text.insert(text.length, 'nhấn mạnh', { bold: {} });
  text.insert(text.length, ' tiến độ quý IV.');
  decision.insert(0, [new Y.XmlText('Kết luận: Thống nhất chương trình họp.')]);
}

describe('minutes: draft, finalize, sign, co-sign', () => {
  let state: MinutesState;
  let finalPdf: Uint8Array;
  let secretarySigned: Uint8Array;

  it('shares the draft written in the shared document and refuses a delegate finalizing', async () => {
    const client = connectClient(app.syncUrl, sharedDocName(MEETING_ID), tokens.dung ?? '');
    await client.synced;
    writeDraft(client.doc);
    const reader = connectClient(app.syncUrl, sharedDocName(MEETING_ID), tokens.sy ?? '');
    await reader.synced;
    await waitFor(
      () => sharedMinutesDraft(reader.doc).length === 3,
      'the draft to reach the server',
    );
    client.destroy();
    reader.destroy();
    expect(await errorCode(await post('/minutes/finalize', 'dung'))).toEqual([403, 'forbidden']);
  });

  it('lets the secretary finalize once: a PDF blob whose hash the control document records', async () => {
    const res = await post('/minutes/finalize', 'sy');
    expect(res.status).toBe(201);
    state = await body<MinutesState>(res);
    expect(state.status).toBe('final');
    finalPdf = await download(state.pdfSha256 ?? '');
    expect(sha(finalPdf)).toBe(state.pdfSha256);
    const path = join(judges.dir, 'final.pdf');
    writeFileSync(path, finalPdf);
    const text = pdftotext(path).replace(/\s+/g, ' ');
    expect(text).toContain('nhấn mạnh tiến độ quý IV');
    expect(text).toContain('Thống nhất chương trình họp');
    expect(text).toContain('Nguyễn Tiến Sỹ');
    expect(await errorCode(await post('/minutes/finalize', 'sy'))).toEqual([
      409,
      'minutes-not-draft',
    ]);
  });

  it('refuses the chair signing before the secretary', async () => {
    const early = await signAs('nhung', finalPdf, 'chair', 'Chủ tọa');
    const hash = await upload(early, 'nhung');
    expect(
      await errorCode(await post('/minutes/signatures', 'nhung', { sha256: hash, field: 'chair' })),
    ).toEqual([409, 'minutes-wrong-order']);
  });

  it("refuses a signature made with someone else's certificate", async () => {
    const forged = await signAs('dung', finalPdf, 'secretary', 'Thư ký');
    const hash = await upload(forged, 'sy');
    expect(
      await errorCode(
        await post('/minutes/signatures', 'sy', { sha256: hash, field: 'secretary' }),
      ),
    ).toEqual([403, 'minutes-signer-mismatch']);
  });

  it('refuses a signed upload whose earlier bytes changed', async () => {
    const altered = finalPdf.slice();
    // A byte of the binary comment on line 2: the file still opens, but it is not the same file.
    expect(altered[10]).toBe(0x81);
    altered[10] = 0x82;
    const signed = await signAs('sy', altered, 'secretary', 'Thư ký');
    const hash = await upload(signed, 'sy');
    expect(
      await errorCode(
        await post('/minutes/signatures', 'sy', { sha256: hash, field: 'secretary' }),
      ),
    ).toEqual([422, 'minutes-earlier-bytes-changed']);
  });

  it('refuses a tampered signature', async () => {
    const signed = await signAs('sy', finalPdf, 'secretary', 'Thư ký');
    const tail = new TextDecoder('latin1').decode(signed.subarray(finalPdf.length));
    const at = finalPdf.length + tail.indexOf('Ha Noi') + 3;
    const tampered = signed.slice();
    tampered[at] = 'M'.charCodeAt(0);
    const hash = await upload(tampered, 'sy');
    expect(
      await errorCode(
        await post('/minutes/signatures', 'sy', { sha256: hash, field: 'secretary' }),
      ),
    ).toEqual([422, 'minutes-signature-invalid']);
    const unchanged = await body<MinutesState>(
      await app.api(`${base}/minutes`, { token: tokens.dung ?? '' }),
    );
    expect(unchanged.status).toBe('final');
    expect(unchanged.pdfSha256).toBe(state.pdfSha256);
  });

  it('accepts the secretary, then the chair; pdfsig and qpdf accept both signatures', async () => {
    secretarySigned = await signAs('sy', finalPdf, 'secretary', 'Thư ký');
    const first = await upload(secretarySigned, 'sy');
    expect(
      await errorCode(
        await post('/minutes/signatures', 'dung', { sha256: first, field: 'secretary' }),
      ),
    ).toEqual([403, 'forbidden']);
    const r1 = await post('/minutes/signatures', 'sy', { sha256: first, field: 'secretary' });
    expect(r1.status).toBe(200);
    expect((await body<MinutesState>(r1)).status).toBe('signed-secretary');

    const both = await signAs('nhung', await download(first), 'chair', 'Chủ tọa');
    const second = await upload(both, 'nhung');
    const r2 = await post('/minutes/signatures', 'nhung', { sha256: second, field: 'chair' });
    expect(r2.status).toBe(200);
    const done = await body<MinutesState>(r2);
    expect(done.status).toBe('signed');
    expect(done.pdfSha256).toBe(second);
    expect(done.signatures.map((s) => [s.field, s.name])).toEqual([
      ['secretary', 'Nguyễn Tiến Sỹ'],
      ['chair', 'Trần Thị Hồng Nhung'],
    ]);

    const path = join(judges.dir, 'signed.pdf');
    writeFileSync(path, await download(second));
    const verdicts = judges.pdfsig(path);
    expect(verdicts.map((v) => v.commonName)).toEqual(['Nguyễn Tiến Sỹ', 'Trần Thị Hồng Nhung']);
    for (const v of verdicts) {
      expect(v.validation).toBe('Signature is Valid.');
      expect(v.certificate).toBe('Certificate is Trusted.');
    }
    expect(judges.qpdfCheck(path)).toBe(0);
    expect(
      await errorCode(
        await post('/minutes/signatures', 'nhung', { sha256: second, field: 'chair' }),
      ),
    ).toEqual([409, 'minutes-not-final']);
  });

  it('serves the trusted CA certificates to members', async () => {
    const res = await app.api('/api/trust', { token: tokens.dung ?? '' });
    const trust = await body<{ caPem: string[] }>(res);
    expect(trust.caPem[0]).toContain('BEGIN CERTIFICATE');
  });
});
