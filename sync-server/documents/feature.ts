import {
  attachAgendaDocument,
  type AgendaDocument,
  type AttachOutcome,
} from '../../core/docs/control/agenda';
import type { ServerFeature } from '../feature';
import { meetingCaller } from '../meetings/caller';
import { transactControl } from '../meetings/control-doc';
import { HttpError, readJson, sendJson } from '../http/router';
import type { Auth } from '../identity/auth-feature';
import type { MeetingDirectory } from '../meetings/directory';
import type { Rooms } from '../rooms/manager';
import type { AuditLog, RecordStore } from '../store/types';
import { blobRecord, knownPdfPages } from '../blobs/feature';
import { isSha256Hex, type BlobStore } from '../blobs/blob-store';
import { PdfInspectError, type PdfInspector } from './pdf-inspect';

export interface DocumentsDeps {
  auth: Auth;
  meetings: MeetingDirectory;
  rooms: Rooms;
  blobs: BlobStore;
  records: RecordStore;
  audit: AuditLog;
  /** Opens PDFs in a worker thread, with time and memory limits. */
  pdf: PdfInspector;
}

const MAX_TITLE = 200;

async function readBlob(blobs: BlobStore, sha256: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of blobs.read(sha256)) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** `{ sha256, title }` from the request body, or a 400 naming the bad field. */
function parseAttach(body: unknown): { sha256: string; title: string } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.sha256 !== 'string' || !isSha256Hex(b.sha256))
    throw new HttpError(400, 'invalid-field', 'sha256 must be a lower-case SHA-256 hex string.');
  const title = typeof b.title === 'string' ? b.title.trim() : '';
  if (title.length === 0 || title.length > MAX_TITLE)
    throw new HttpError(400, 'invalid-field', `title must be 1–${MAX_TITLE} characters.`);
  return { sha256: b.sha256, title };
}

/**
 * Agenda documents: `POST /api/meetings/:id/agenda/:itemId/documents { sha256, title }` attaches
 * a PDF already uploaded as a meeting blob to an agenda item. Its page count comes from the
 * blob record (the upload opened it: not encrypted, not broken); a blob stored before records
 * kept it is opened here. The entry is written into the control document.
 */
export function documentsFeature(deps: DocumentsDeps): ServerFeature {
  const { rooms, blobs, records, audit } = deps;
  return {
    name: 'documents',
    routes: [
      {
        method: 'POST',
        path: '/api/meetings/:id/agenda/:itemId/documents',
        handler: async (ctx) => {
          const { member, meeting } = await meetingCaller(deps, ctx, 'document.attach');
          const itemId = ctx.params.itemId ?? '';
          if (!meeting.agenda.some((item) => item.id === itemId))
            throw new HttpError(404, 'agenda-item-not-found', 'No such agenda item.');
          const { sha256, title } = parseAttach(await readJson(ctx.req));
          const record = await blobRecord(records, meeting.id, sha256);
          const size = record ? await blobs.size(sha256) : null;
          if (!record || size === null)
            throw new HttpError(404, 'blob-not-found', 'Upload the file to this meeting first.');
          if (record.contentType !== 'application/pdf')
            throw new HttpError(415, 'not-a-pdf', 'Only PDF files can be agenda documents.');
          let pages: number;
          try {
            // The upload already opened it and kept the count; only blobs stored by an older
            // server (no count on the record) are opened again.
            const known = knownPdfPages(record);
            pages = (
              known !== null
                ? deps.pdf.checkKnownPages(known)
                : await deps.pdf.inspect(await readBlob(blobs, sha256))
            ).pages;
          } catch (error) {
            if (error instanceof PdfInspectError)
              throw new HttpError(422, error.code, error.message);
            throw error;
          }
          const entry: AgendaDocument = {
            sha256,
            title,
            pages,
            size,
            addedBy: member.id,
            addedAt: new Date().toISOString(),
          };
          let outcome: AttachOutcome = 'item-not-found';
          await transactControl(rooms, meeting.id, (doc) => {
            outcome = attachAgendaDocument(doc, itemId, entry);
          });
          if (outcome === 'item-not-found')
            throw new HttpError(404, 'agenda-item-not-found', 'The agenda item is not live yet.');
          if (outcome === 'already-attached')
            throw new HttpError(409, 'document-already-attached', 'This item already has it.');
          await audit.appendAudit({
            at: entry.addedAt,
            action: 'document.attach',
            meetingId: meeting.id,
            memberId: member.id,
            itemId,
            sha256,
            title,
            pages,
          });
          sendJson(ctx.res, 201, entry);
        },
      },
    ],
  };
}
