import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAgenda } from '../../core/docs/control/agenda';
import { controlDocName } from '../../core/docs/names';
import {
  buildBrokenPdf,
  buildNonPdf,
  buildRotatedPdf,
  buildVietnamesePack,
  encryptWithQpdf,
} from '../../tools/harness/pdf-fixtures';
import { openStore } from '../../sync-server/store/open';
import type { JsonValue } from '../../sync-server/store/types';
import { CHAIR_SECRETARY_DELEGATE, MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { connectClient, waitFor } from '../helpers/server';

let app: TestApp;
let chair: string;
let secretary: string;
let delegate: string;
let itemId: string;
let pack: Uint8Array;
let rotated: Uint8Array;
let encrypted: Uint8Array;
let tmp: string;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  app = await startTestApp(CHAIR_SECRETARY_DELEGATE);
  [chair, secretary, delegate] = await Promise.all([
    app.login('nhung'),
    app.login('sy'),
    app.login('dung'),
  ]);
  const meeting = (await await app
    .api(`/api/meetings/${MEETING_ID}`, { token: chair })
    .then((r) => r.json())) as { agenda: { id: string }[] };
  itemId = meeting.agenda[0]?.id ?? '';
  [pack, rotated] = await Promise.all([buildVietnamesePack(40), buildRotatedPdf()]);
  tmp = await mkdtemp(path.join(tmpdir(), 'dienhong-pdf-'));
  await writeFile(path.join(tmp, 'in.pdf'), rotated);
  encryptWithQpdf(path.join(tmp, 'in.pdf'), path.join(tmp, 'out.pdf'));
  encrypted = new Uint8Array(readFileSync(path.join(tmp, 'out.pdf')));
}, 30_000);
afterAll(async () => {
  await app.close();
  await rm(tmp, { recursive: true, force: true });
});

const put = (bytes: Uint8Array, token: string) =>
  app.api(`/api/meetings/${MEETING_ID}/blobs/${sha(bytes)}`, {
    method: 'PUT',
    token,
    headers: { 'Content-Type': 'application/pdf' },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
const attach = (bytes: Uint8Array, token: string, title: string, item = itemId) =>
  app.api(`/api/meetings/${MEETING_ID}/agenda/${item}/documents`, {
    method: 'POST',
    token,
    body: JSON.stringify({ sha256: sha(bytes), title }),
  });
const code = async (res: Response) => [
  res.status,
  ((await res.json()) as { error: { code: string } }).error.code,
];
/** How many files this server has handed to pdf.js, from its metrics. */
const pdfOpened = async (): Promise<number> => {
  const text = await (await app.api('/metrics')).text();
  const line = /^dienhong_pdf_opened_total (\d+)$/m.exec(text);
  if (!line) throw new Error('no dienhong_pdf_opened_total in /metrics');
  return Number(line[1]);
};

describe('agenda documents', () => {
  it('the chair uploads and attaches a PDF; every member sees it with its pages and size', async () => {
    expect((await put(pack, chair)).status).toBe(201);
    const res = await attach(pack, chair, 'Tờ trình ngân sách 2026');
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ sha256: sha(pack), pages: 40, size: pack.length });

    const client = connectClient(app.syncUrl, controlDocName(MEETING_ID), delegate);
    try {
      await client.synced;
      await waitFor(
        () => (readAgenda(client.doc)[0]?.documents.length ?? 0) > 0,
        'the document in the control doc',
      );
      expect(readAgenda(client.doc)[0]?.documents).toEqual([
        {
          sha256: sha(pack),
          title: 'Tờ trình ngân sách 2026',
          pages: 40,
          size: pack.length,
          addedBy: 'nhung',
          addedAt: expect.any(String),
        },
      ]);
    } finally {
      client.destroy();
    }
    // Attaching the same file twice is refused rather than listed twice.
    expect(await code(await attach(pack, chair, 'Lần nữa'))).toEqual([
      409,
      'document-already-attached',
    ]);
  });

  it('the secretary may attach; a delegate may neither upload nor attach', async () => {
    expect((await put(rotated, secretary)).status).toBe(201);
    expect(await code(await attach(rotated, delegate, 'Không được'))).toEqual([403, 'forbidden']);
    expect((await attach(rotated, secretary, 'Trang xoay')).status).toBe(201);
    const other = await buildVietnamesePack(2);
    expect(await code(await put(other, delegate))).toEqual([403, 'forbidden']);
  });

  it('refuses broken, encrypted and non-PDF uploads with distinct codes; the server keeps running', async () => {
    expect(await code(await put(await buildBrokenPdf(), chair))).toEqual([422, 'pdf-broken']);
    expect(await code(await put(encrypted, chair))).toEqual([422, 'pdf-encrypted']);
    expect(await code(await put(buildNonPdf(), chair))).toEqual([415, 'not-a-pdf']);
    // Nothing refused was kept, so it cannot be attached either.
    expect(await code(await attach(encrypted, chair, 'Mã hóa'))).toEqual([404, 'blob-not-found']);
    expect((await app.api('/healthz')).status).toBe(200);
    expect((await app.api(`/api/meetings/${MEETING_ID}`, { token: delegate })).status).toBe(200);
  });

  it('refuses an unknown agenda item and a missing title', async () => {
    expect(await code(await attach(pack, chair, 'X', 'khong-co'))).toEqual([
      404,
      'agenda-item-not-found',
    ]);
    expect(await code(await attach(pack, chair, '  '))).toEqual([400, 'invalid-field']);
  });

  it('attach takes the page count the upload kept: pdf.js opens each upload once', async () => {
    const file = await buildVietnamesePack(7);
    const before = await pdfOpened();
    expect((await put(file, chair)).status).toBe(201);
    expect(await pdfOpened()).toBe(before + 1);
    const res = await attach(file, chair, 'Phụ lục 7 trang');
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ sha256: sha(file), pages: 7, size: file.length });
    expect(await pdfOpened()).toBe(before + 1);
  });

  it('a blob stored by an older server (no page count on its record) is opened and attaches', async () => {
    const file = await buildVietnamesePack(3);
    expect((await put(file, chair)).status).toBe(201);
    const key = `meeting-blob/${MEETING_ID}/${sha(file)}`;
    await app.restart({}, async () => {
      const store = await openStore(app.dataDir);
      try {
        const record = (await store.get(key)) as Record<string, unknown>;
        expect(record).toMatchObject({ sha256: sha(file), pdf: { pages: 3 } });
        const { pdf: _learned, ...older } = record;
        await store.put(key, older as JsonValue);
      } finally {
        await store.close();
      }
    });
    const token = await app.login('nhung');
    expect(await pdfOpened()).toBe(0);
    const res = await attach(file, token, 'Phụ lục cũ');
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ sha256: sha(file), pages: 3, size: file.length });
    expect(await pdfOpened()).toBe(1);
  });
});
