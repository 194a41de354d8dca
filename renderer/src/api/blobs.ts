/**
 * Meeting files over HTTP, for every feature that moves them (agenda documents, minutes PDFs):
 * upload by SHA-256 (`PUT /api/meetings/:id/blobs/:sha256`), refused here when larger than the
 * server says it accepts (`GET /api/me` → maxUploadBytes), and download with progress, verified
 * against the hash before anyone reads the bytes.
 */
import type { BlobRecord } from '../../../core/api/blobs';
import { toHex } from '../../../core/util/hex';
import { concatBytes } from '../../../core/util/bytes';
import { api, clientError, type ApiClient } from './client';

/** Lower-case hex SHA-256 of bytes, with WebCrypto (in the renderer and in Electron alike). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest));
}

export interface DownloadProgress {
  received: number;
  /** From Content-Length; 0 when the server did not say. */
  total: number;
}

export interface BlobTransfer {
  upload(meetingId: string, bytes: Uint8Array, contentType: string): Promise<BlobRecord>;
  download(
    meetingId: string,
    sha256: string,
    options?: {
      onProgress?: (progress: DownloadProgress) => void;
      signal?: AbortSignal;
      /** The expected size, when Content-Length is missing. */
      size?: number;
    },
  ): Promise<Uint8Array>;
}

export function createBlobTransfer(client: ApiClient): BlobTransfer {
  // The server's limit, asked once per session token (it is the same for every member).
  let limit: { token: string | undefined; bytes: Promise<number> } | null = null;
  const maxUploadBytes = (token: string | undefined): Promise<number> => {
    if (limit !== null && limit.token === token) return limit.bytes;
    const bytes = client.call('me').then((me) => me.maxUploadBytes);
    // A failed look-up is not kept: the next upload asks again.
    bytes.catch(() => {
      if (limit?.bytes === bytes) limit = null;
    });
    limit = { token, bytes };
    return bytes;
  };

  return {
    async upload(meetingId, bytes, contentType) {
      // Refused here rather than mid-upload, where the server cuts the connection and the
      // browser could only report a network error.
      if (bytes.byteLength > (await maxUploadBytes(client.token())))
        throw clientError('too-large', 'The file is larger than the server accepts.');
      const sha256 = await sha256Hex(bytes);
      return client.call('putBlob', {
        params: { id: meetingId, sha256 },
        body: bytes,
        headers: { 'Content-Type': contentType },
      });
    },

    async download(meetingId, sha256, options = {}) {
      const res = await client.send('getBlob', {
        params: { id: meetingId, sha256 },
        signal: options.signal,
      });
      const total = Number(res.headers.get('Content-Length')) || options.size || 0;
      const bytes = await readWithProgress(res, total, options.onProgress);
      if ((await sha256Hex(bytes)) !== sha256)
        throw clientError('hash-mismatch', 'The downloaded bytes do not match their SHA-256.');
      return bytes;
    },
  };
}

async function readWithProgress(
  res: Response,
  total: number,
  onProgress: ((progress: DownloadProgress) => void) | undefined,
): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  onProgress?.({ received, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress?.({ received, total });
  }
  return concatBytes(chunks);
}

export const blobs: BlobTransfer = createBlobTransfer(api);
