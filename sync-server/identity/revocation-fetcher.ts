/**
 * The network side of revocation checks: Node's fetch with a hard timeout and a size bound,
 * http(s) only. Core judges the answers (core/identity/revocation.ts).
 */
import type { RevocationFetcher, RevocationRequest } from '../../core/identity/revocation';

/** A CRL of a large CA can be a few MiB; anything past this is no answer we want. */
export const MAX_REVOCATION_RESPONSE_BYTES = 16 * 1024 * 1024;

export class RevocationFetchError extends Error {
  override readonly name = 'RevocationFetchError';
}

export const nodeRevocationFetcher: RevocationFetcher = {
  async fetch(request: RevocationRequest): Promise<Uint8Array> {
    const url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new RevocationFetchError(`refusing to fetch ${url.protocol} URLs`);
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.body ? 'POST' : 'GET',
        ...(request.body
          ? {
              body: request.body.slice(),
              headers: { 'content-type': request.contentType ?? 'application/octet-stream' },
            }
          : {}),
        redirect: 'error',
        signal: AbortSignal.timeout(request.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new RevocationFetchError(
        timedOut ? `no answer within ${request.timeoutMs} ms` : `unreachable (${String(error)})`,
      );
    }
    if (!response.ok) throw new RevocationFetchError(`HTTP ${response.status}`);
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > MAX_REVOCATION_RESPONSE_BYTES) throw new RevocationFetchError('answer too large');
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > MAX_REVOCATION_RESPONSE_BYTES)
      throw new RevocationFetchError('answer too large');
    return bytes;
  },
};
