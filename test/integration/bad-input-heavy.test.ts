/**
 * One delegate must not freeze the server: a pathological PDF upload and a huge minutes draft
 * are handled off the event loop or refused, and /healthz keeps answering meanwhile. "Meanwhile"
 * is proven by order (answers that arrive after the request's body is sent and before its reply),
 * never by timing.
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXreflessPdf } from '../fixtures/pdf/build';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
let chair = '';
beforeAll(async () => {
  app = await startTestApp([
    { id: 'chu-toa', name: 'Nguyễn Văn Chủ', role: 'chair' },
    { id: 'thu-ky', name: 'Lê Thị Thư', role: 'secretary' },
    { id: 'dai-bieu', name: 'Trần Đại Biểu', role: 'delegate' },
  ]);
  chair = await app.login('chu-toa');
});
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
    const bytes = buildXreflessPdf(40);
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
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'pdf-broken' } });
    // Parsing 40 MB takes seconds; on a blocked event loop no health answer could get through.
    expect(result.healthAnswers).toBeGreaterThanOrEqual(10);
  });
});
