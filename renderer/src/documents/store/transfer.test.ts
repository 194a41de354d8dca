import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadDocument } from './transfer';

const bytes = new TextEncoder().encode('%PDF-1.7 tài liệu kỳ họp '.repeat(2000));
const sha = createHash('sha256').update(bytes).digest('hex');

/** A server answering with `body` in several chunks, with its Content-Length. */
function serve(body: Uint8Array) {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < body.length; at += 10_000)
        controller.enqueue(body.slice(at, at + 10_000));
      controller.close();
    },
  });
  const fetch = vi.fn(
    async () =>
      new Response(stream, {
        status: 200,
        headers: { 'Content-Length': String(body.length), 'Content-Type': 'application/pdf' },
      }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => vi.unstubAllGlobals());

describe('downloading an agenda document', () => {
  it('reports progress up to the full size and returns bytes that match the hash', async () => {
    const fetch = serve(bytes);
    const seen: number[] = [];
    const loaded = await loadDocument('hop-1', { sha256: sha, size: bytes.length }, (p) => {
      expect(p.total).toBe(bytes.length);
      seen.push(p.received);
    });
    expect(fetch).toHaveBeenCalledWith(`/api/meetings/hop-1/blobs/${sha}`, expect.anything());
    expect(loaded.fromCache).toBe(false);
    expect(loaded.bytes).toEqual(bytes);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toBe(bytes.length);
  });

  it('refuses bytes that do not match the SHA-256 the agenda lists', async () => {
    const tampered = bytes.slice();
    tampered[100] = 0x21;
    serve(tampered);
    await expect(
      loadDocument('hop-1', { sha256: sha, size: bytes.length }, () => undefined),
    ).rejects.toMatchObject({ code: 'hash-mismatch' });
  });
});
