/**
 * HTTP requests that change an agenda item's attached documents (routes in routes-documents.ts;
 * rules in core/meeting/document-edit.ts). The chair and the secretary may (document.edit).
 * `:documentId` is the document's first SHA-256 (documentIdOf).
 *
 * | route | body → answer |
 * |---|---|
 * | `PUT    /api/meetings/:id/agenda/:itemId/documents/:documentId` | DocumentRenameRequest → ItemDocumentsView |
 * | `POST   /api/meetings/:id/agenda/:itemId/documents/:documentId/replace` | DocumentReplaceRequest → ItemDocumentsView |
 * | `DELETE /api/meetings/:id/agenda/:itemId/documents/:documentId` | (no body) → ItemDocumentsView |
 *
 * A replacement is uploaded first as a meeting blob (`PUT …/blobs/:sha256`: checked as a PDF,
 * size-capped), then named here. Refusals: 404 `agenda-item-not-found` / `document-not-found` /
 * `blob-not-found`, 415 `not-a-pdf`, 409 `document-unchanged` / `document-already-attached` /
 * `meeting-closed`, 400 `invalid-field`; a refusal changes nothing.
 */
import type { AgendaDocument, DocumentVersion } from '../docs/control/agenda';
import { DocumentEditError, documentTitle } from '../meeting/document-edit';
import { ApiValidationError } from './meetings';

export interface DocumentRenameRequest {
  title: string;
}

export interface DocumentReplaceRequest {
  /** The new file, already uploaded to this meeting. */
  sha256: string;
}

/** The item's documents and their history after the change (as the control document holds them). */
export interface ItemDocumentsView {
  documents: AgendaDocument[];
  history: DocumentVersion[];
}

const fields = (body: unknown) =>
  (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;

export function parseDocumentRename(body: unknown): DocumentRenameRequest {
  try {
    return { title: documentTitle(fields(body).title) };
  } catch (error) {
    if (error instanceof DocumentEditError)
      throw new ApiValidationError('invalid-field', 'title', error.message);
    throw error;
  }
}

export function parseDocumentReplace(body: unknown): DocumentReplaceRequest {
  const sha256 = fields(body).sha256;
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))
    throw new ApiValidationError(
      'invalid-field',
      'sha256',
      'sha256 must be a lower-case SHA-256 hex string.',
    );
  return { sha256 };
}
