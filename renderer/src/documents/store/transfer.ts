/**
 * Moving agenda documents over HTTP: upload (PUT the blob by its SHA-256, then attach it to an
 * agenda item) and download with progress, verified against the hash before anyone reads it.
 */
import type { AgendaDocument } from '../../../../core/docs/control';
import { ApiError } from '../../api/client';
import { sessionStore } from '../../session/session';
import { cacheDocument, readCachedDocument } from './cache';
import { sha256Hex } from './sha256';

/** The server's default upload limit (sync-server/app.ts DEFAULT_MAX_UPLOAD_BYTES). */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** Codes the UI maps to messages (server codes pass through unchanged). */
export type DocumentErrorCode = 'hash-mismatch' | 'network' | string;

function authHeaders(): Record<string, string> {
  const token = sessionStore.get().session?.token;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function failure(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  if (res.status === 401) sessionStore.end('expired');
  const code = body?.error?.code ?? (res.status === 413 ? 'too-large' : 'http');
  return new ApiError(res.status, code, body?.error?.message ?? res.statusText);
}

async function send(path: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { ...authHeaders(), ...init.headers } });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (!res.ok) throw await failure(res);
  return res;
}

const blobPath = (meetingId: string, sha256: string) =>
  `/api/meetings/${encodeURIComponent(meetingId)}/blobs/${sha256}`;

/** Uploads a PDF and attaches it to an agenda item; resolves to the entry the server wrote. */
export async function attachPdf(
  meetingId: string,
  itemId: string,
  file: { name: string; bytes: Uint8Array },
): Promise<AgendaDocument> {
  // Refused here rather than mid-upload, where the server cuts the connection and the browser
  // could only report a network error.
  if (file.bytes.byteLength > MAX_UPLOAD_BYTES)
    throw new ApiError(413, 'too-large', 'The file is larger than the server accepts.');
  const sha256 = await sha256Hex(file.bytes);
  await send(blobPath(meetingId, sha256), {
    method: 'PUT',
    headers: { 'Content-Type': 'application/pdf' },
    body: file.bytes as Uint8Array<ArrayBuffer>,
  });
  const title = file.name.replace(/\.pdf$/i, '').trim() || file.name;
  const res = await send(
    `/api/meetings/${encodeURIComponent(meetingId)}/agenda/${encodeURIComponent(itemId)}/documents`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sha256, title }),
    },
  );
  // Keep the uploader's own copy: it is already verified.
  void cacheDocument(sha256, file.bytes);
  return (await res.json()) as AgendaDocument;
}

export interface DownloadProgress {
  received: number;
  /** From Content-Length; 0 when the server did not say. */
  total: number;
}

export interface LoadedDocument {
  bytes: Uint8Array;
  fromCache: boolean;
}

/**
 * The verified bytes of a document: from the offline cache when it still matches its hash,
 * otherwise downloaded with progress, checked, then cached.
 */
export async function loadDocument(
  meetingId: string,
  document: Pick<AgendaDocument, 'sha256' | 'size'>,
  onProgress: (progress: DownloadProgress) => void,
  signal?: AbortSignal,
): Promise<LoadedDocument> {
  const cached = await readCachedDocument(document.sha256);
  if (cached) return { bytes: cached, fromCache: true };
  const res = await send(blobPath(meetingId, document.sha256), signal ? { signal } : {});
  const total = Number(res.headers.get('Content-Length')) || document.size || 0;
  const bytes = await readWithProgress(res, total, onProgress);
  if ((await sha256Hex(bytes)) !== document.sha256)
    throw new ApiError(200, 'hash-mismatch', 'The downloaded bytes do not match their SHA-256.');
  await cacheDocument(document.sha256, bytes);
  return { bytes, fromCache: false };
}

async function readWithProgress(
  res: Response,
  total: number,
  onProgress: (progress: DownloadProgress) => void,
): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  onProgress({ received, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress({ received, total });
  }
  const out = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
