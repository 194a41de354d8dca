import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
let chair: string;
let delegate: string;
let outsider: string;
let pdf: Uint8Array;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  app = await startTestApp(
    [
      { id: 'nhung', name: 'Trần Thị Hồng Nhung', role: 'chair' },
      { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' },
      { id: 'ngoai', name: 'Người Ngoài' },
    ],
    { maxUploadBytes: 64 * 1024 },
  );
  [chair, delegate, outsider] = await Promise.all([
    app.login('nhung'),
    app.login('dung'),
    app.login('ngoai'),
  ]);
  const doc = await PDFDocument.create();
  doc.addPage().drawText('To trinh');
  pdf = await doc.save();
});
afterAll(() => app.close());

const put = (bytes: Uint8Array, token: string, hash = sha(bytes), type = 'application/pdf') =>
  app.api(`/api/meetings/${MEETING_ID}/blobs/${hash}`, {
    method: 'PUT',
    token,
    headers: { 'Content-Type': type },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
const code = async (res: Response) => [
  res.status,
  ((await res.json()) as { error: { code: string } }).error.code,
];

describe('meeting files by SHA-256', () => {
  it('stores a PDF the chair uploads and serves it back immutable, with the hash as ETag', async () => {
    expect((await put(pdf, chair)).status).toBe(201);
    const res = await app.api(`/api/meetings/${MEETING_ID}/blobs/${sha(pdf)}`, { token: delegate });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('etag')).toBe(`"${sha(pdf)}"`);
    expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(sha(pdf));
    const again = await app.api(`/api/meetings/${MEETING_ID}/blobs/${sha(pdf)}`, {
      token: delegate,
      headers: { 'If-None-Match': `"${sha(pdf)}"` },
    });
    expect(again.status).toBe(304);
  });

  it('refuses a wrong hash, a non-PDF, a truncated PDF and an oversize file, keeping nothing', async () => {
    const other = sha(new TextEncoder().encode('khác'));
    expect(await code(await put(pdf, chair, other))).toEqual([400, 'blob-hash-mismatch']);
    expect(
      (await app.api(`/api/meetings/${MEETING_ID}/blobs/${other}`, { token: chair })).status,
    ).toBe(404);
    expect(await code(await put(new TextEncoder().encode('MZ not a pdf'), chair))).toEqual([
      415,
      'not-a-pdf',
    ]);
    expect(await code(await put(pdf.subarray(0, pdf.length - 10), chair))).toEqual([
      422,
      'pdf-truncated',
    ]);
    expect(await code(await put(pdf, chair, sha(pdf), 'text/html'))).toEqual([
      415,
      'unsupported-type',
    ]);
    const big = new Uint8Array(65 * 1024);
    big.set(new TextEncoder().encode('%PDF-1.7'));
    expect(await code(await put(big, chair))).toEqual([413, 'body-too-large']);
    expect((await app.api('/healthz')).status).toBe(200);
  });

  it('lets no delegate upload and no outsider read', async () => {
    expect(await code(await put(pdf, delegate))).toEqual([403, 'forbidden']);
    expect(
      (await app.api(`/api/meetings/${MEETING_ID}/blobs/${sha(pdf)}`, { token: outsider })).status,
    ).toBe(404);
    expect(
      (await app.api(`/api/meetings/${MEETING_ID}/blobs/not-a-hash`, { token: chair })).status,
    ).toBe(400);
  });
});
