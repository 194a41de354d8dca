/** Changing attached documents (one part of the route map, routes.ts; requests in documents.ts). */
import { parseDocumentRename, parseDocumentReplace, type ItemDocumentsView } from './documents';
import { defineRoute, json, jsonBody, noBody, sha256Param } from './http';
import { JSON_BODY, MEETING, PDF_REFUSALS, VALIDATION } from './route-errors';

const DOCUMENT_EDIT = [
  'agenda-item-not-found',
  'document-not-found',
  'document-unchanged',
  'meeting-closed',
  'blob-bad-hash',
] as const;
const DOCUMENT = '/api/meetings/:id/agenda/:itemId/documents/:documentId';

export const documentsRoutes = {
  renameDocument: defineRoute({
    method: 'PUT',
    path: DOCUMENT,
    auth: 'session',
    status: 200,
    params: { documentId: sha256Param },
    body: jsonBody(parseDocumentRename, 4096),
    answer: json<ItemDocumentsView>(),
    errors: [...MEETING, ...JSON_BODY, ...VALIDATION, ...DOCUMENT_EDIT],
  }),
  replaceDocument: defineRoute({
    method: 'POST',
    path: `${DOCUMENT}/replace`,
    auth: 'session',
    status: 200,
    params: { documentId: sha256Param },
    body: jsonBody(parseDocumentReplace, 1024),
    answer: json<ItemDocumentsView>(),
    errors: [
      ...MEETING,
      ...JSON_BODY,
      ...VALIDATION,
      ...DOCUMENT_EDIT,
      'blob-not-found',
      'not-a-pdf',
      'document-already-attached',
      ...PDF_REFUSALS,
    ],
  }),
  removeDocument: defineRoute({
    method: 'DELETE',
    path: DOCUMENT,
    auth: 'session',
    status: 200,
    params: { documentId: sha256Param },
    body: noBody,
    answer: json<ItemDocumentsView>(),
    errors: [...MEETING, ...DOCUMENT_EDIT],
  }),
} as const;
