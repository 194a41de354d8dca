/**
 * One delegate must not freeze the server: a pathological PDF upload and a huge minutes draft
 * are handled off the event loop or refused, and /healthz keeps answering meanwhile. "Meanwhile"
 * is proven by order (answers that arrive after the request's body is sent and before its reply),
 * never by timing.
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sharedDocName } from '../../core/docs/names';
import { sharedMinutesDraft } from '../../core/docs/shared';
import { buildXreflessPdf } from '../../tools/harness/pdf-fixtures';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { connectClient, waitFor } from '../helpers/server';

let app: TestApp;
let chair = '';
let secretary = '';
let delegate = '';
beforeAll(async () => {
  app = await startTestApp([
    { id: 'chu-toa', name: 'Nguyễn Văn Chủ', role: 'chair' },
    { id: 'thu-ky', name: 'Lê Thị Thư', role: 'secretary' },
    { id: 'dai-bieu', name: 'Trần Đại Biểu', role: 'delegate' },
  ]);
  [chair, secretary, delegate] = await Promise.all([
    app.login('chu-toa'),
    app.login('thu-ky'),
    app.login('dai-bieu'),
  ]);
});

/** Replaces the shared draft with `paragraphs` paragraphs of `size` characters, as a delegate types them. */
async function writeDraft(paragraphs: number, size: number): Promise<void> {
  const client = connectClient(app.syncUrl, sharedDocName(MEETING_ID), delegate);
  await client.synced;
  const fragment = sharedMinutesDraft(client.doc);
  client.doc.transact(() => fragment.delete(0, fragment.length));
  const heading = new Y.XmlElement('heading');
  heading.setAttribute('level', '2');
  fragment.insert(0, [heading]);
  heading.insert(0, [new Y.XmlText('1. Khai mạc')]);
  for (let i = 0; i < paragraphs; i++) {
    const para = new Y.XmlElement('paragraph');
    fragment.insert(fragment.length, [para]);
    // Vietnamese words with diacritics, wrapped by the PDF layout like real prose.
    para.insert(0, [
      new Y.XmlText(`Đoạn ${i}: ${'Biểu quyết thông qua nghị quyết. '.repeat(size / 32)}`),
    ]);
  }
  const reader = connectClient(app.syncUrl, sharedDocName(MEETING_ID), secretary);
  await reader.synced;
  await waitFor(
    () => sharedMinutesDraft(reader.doc).length === paragraphs + 1,
    'the draft to reach the server',
    30_000,
  );
  reader.destroy();
  client.destroy();
}
afterAll(async () => {
  await app.close();
});

/**
 * Sends a request and, once its body has left this process, polls /healthz one request at a
 * time until the reply arrives; returns the reply and how many health answers came in between.
 */
async function whilePending(
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body: Uint8Array | string,
): Promise<{ status: number; body: string; healthAnswers: number }> {
  const url = new URL(app.url);
  let done = false;
  let sent!: () => void;
  const bodySent = new Promise<void>((resolve) => (sent = resolve));
  const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path: pathname, headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          done = true;
          resolve({ status: res.statusCode ?? 0, body: text });
        });
      },
    );
    req.on('error', reject);
    req.end(body, () => sent());
  });
  await bodySent;
  let healthAnswers = 0;
  while (!done) {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    if (!done) healthAnswers++;
  }
  return { ...(await reply), healthAnswers };
}

describe('heavy input does not block other requests', () => {
  it('a PDF with no usable xref is parsed in a worker while /healthz answers', async () => {
    const bytes = buildXreflessPdf(20);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const result = await whilePending(
      'PUT',
      `/api/meetings/${MEETING_ID}/blobs/${sha256}`,
      {
        Authorization: `Bearer ${chair}`,
        'Content-Type': 'application/pdf',
        'Content-Length': String(bytes.byteLength),
      },
      bytes,
    );
    expect(result.status).toBe(422);
    // Refused as broken once scanned, or as too complex if the scan overran the time limit.
    const { error } = JSON.parse(result.body) as { error: { code: string } };
    expect(['pdf-broken', 'pdf-too-complex']).toContain(error.code);
    // Parsing 20 MB takes seconds: thousands of health answers get through with the worker, fewer
    // than ten when pdf.js ran on the event loop (checked by running it in-thread).
    expect(result.healthAnswers).toBeGreaterThanOrEqual(100);
  }, 120_000);

  it('a 5 MB minutes draft is refused at finalize as too large, while /healthz answers', async () => {
    await writeDraft(50, 100 * 1024);
    const result = await whilePending(
      'POST',
      `/api/meetings/${MEETING_ID}/minutes/finalize`,
      { Authorization: `Bearer ${secretary}`, 'Content-Type': 'application/json' },
      '{}',
    );
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'minutes-draft-too-large' } });
  }, 120_000);

  it('a long draft within the limit is rendered in a worker while /healthz answers', async () => {
    await writeDraft(2, 100 * 1024);
    const result = await whilePending(
      'POST',
      `/api/meetings/${MEETING_ID}/minutes/finalize`,
      { Authorization: `Bearer ${secretary}`, 'Content-Type': 'application/json' },
      '{}',
    );
    expect(result.status, result.body).toBe(201);
    expect(JSON.parse(result.body)).toMatchObject({ status: 'final' });
    expect(result.healthAnswers).toBeGreaterThanOrEqual(100);
  }, 120_000);
});
