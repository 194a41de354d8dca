/**
 * Moving agenda documents: upload (the blob by its SHA-256, then attach it to an agenda item)
 * and download with progress, verified against the hash before anyone reads it — through the
 * one blob transfer (api/blobs.ts) and the one client.
 */
import type { AgendaDocument } from '../../../../core/docs/control';
import { blobs, type DownloadProgress } from '../../api/blobs';
import { call } from '../../api/client';
import { cacheDocument, readCachedDocument } from './cache';

export type { DownloadProgress };

/** Codes the UI maps to messages (server codes pass through unchanged). */
export type DocumentErrorCode = 'hash-mismatch' | 'network' | string;

/** Uploads a PDF and attaches it to an agenda item; resolves to the entry the server wrote. */
export async function attachPdf(
  meetingId: string,
  itemId: string,
  file: { name: string; bytes: Uint8Array },
): Promise<AgendaDocument> {
  const { sha256 } = await blobs.upload(meetingId, file.bytes, 'application/pdf');
  const title = file.name.replace(/\.pdf$/i, '').trim() || file.name;
  const entry = await call('attachDocument', {
    params: { id: meetingId, itemId },
    body: { sha256, title },
  });
  // Keep the uploader's own copy: it is already verified.
  void cacheDocument(sha256, file.bytes);
  return entry;
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
  const bytes = await blobs.download(meetingId, document.sha256, {
    onProgress,
    size: document.size,
    ...(signal ? { signal } : {}),
  });
  await cacheDocument(document.sha256, bytes);
  return { bytes, fromCache: false };
}
