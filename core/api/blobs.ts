/** Meeting files (blobs) and agenda documents over HTTP (routes.ts lists the routes). */
import { ApiValidationError } from './meetings';

/** What `PUT /api/meetings/:id/blobs/:sha256` answers: the stored file's record. */
export interface BlobRecord {
  sha256: string;
  size: number;
  contentType: string;
  uploadedBy: string;
  at: string;
}

/** `POST /api/meetings/:id/agenda/:itemId/documents`: attach an uploaded PDF to an item. */
export interface AttachDocumentRequest {
  sha256: string;
  title: string;
}

export const MAX_DOCUMENT_TITLE = 200;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** `{ sha256, title }` from the request body, or a 400 naming the bad field. */
export function parseAttachDocument(body: unknown): AttachDocumentRequest {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.sha256 !== 'string' || !SHA256_HEX.test(b.sha256))
    throw new ApiValidationError(
      'invalid-field',
      'sha256',
      'sha256 must be a lower-case SHA-256 hex string.',
    );
  const title = typeof b.title === 'string' ? b.title.trim() : '';
  if (title.length === 0 || title.length > MAX_DOCUMENT_TITLE)
    throw new ApiValidationError(
      'invalid-field',
      'title',
      `title must be 1–${MAX_DOCUMENT_TITLE} characters.`,
    );
  return { sha256: b.sha256, title };
}
