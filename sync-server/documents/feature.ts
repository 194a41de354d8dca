import {
  attachAgendaDocument,
  type AgendaDocument,
  type AttachOutcome,
} from '../../core/docs/control/agenda';
import type { ServerFeature } from '../feature';
import { meetingCaller } from '../meetings/caller';
import { transactControl } from '../meetings/control-doc';
import { HttpError } from '../http/router';
import { route } from '../http/route';
import type { Auth } from '../identity/auth-feature';
import type { MeetingDirectory } from '../meetings/directory';
import type { Rooms } from '../rooms/manager';
import type { AuditLog, RecordStore } from '../store/types';
import { blobRecord, knownPdfPages } from '../blobs/feature';
import type { BlobStore } from '../blobs/blob-store';
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

async function readBlob(blobs: BlobStore, sha256: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of blobs.read(sha256)) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * What an uploaded meeting blob is as an agenda document: its page count and size, or the
 * HTTP refusal (404 blob-not-found, 415 not-a-pdf, 422 pdf-…). Shared by attaching and by
 * replacing a document's file.
 */
export async function attachablePdf(
  deps: Pick<DocumentsDeps, 'blobs' | 'records' | 'pdf'>,
  meetingId: string,
  sha256: string,
): Promise<{ pages: number; size: number }> {
  const { blobs, records } = deps;
  const record = await blobRecord(records, meetingId, sha256);
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
    if (error instanceof PdfInspectError) throw new HttpError(422, error.code, error.message);
    throw error;
  }
  return { pages, size };
}

/**
 * Agenda documents: `POST /api/meetings/:id/agenda/:itemId/documents { sha256, title }` attaches
 * a PDF already uploaded as a meeting blob to an agenda item. Its page count comes from the
 * blob record (the upload opened it: not encrypted, not broken); a blob stored before records
 * kept it is opened here. The entry is written into the control document.
 */
export function documentsFeature(deps: DocumentsDeps): ServerFeature {
  const { rooms, audit } = deps;
  return {
    name: 'documents',
    routes: [
      route('attachDocument', {
        guard: async (ctx) => {
          const found = await meetingCaller(deps, ctx, 'document.attach');
          if (!found.meeting.agenda.some((item) => item.id === ctx.params.itemId))
            throw new HttpError(404, 'agenda-item-not-found', 'No such agenda item.');
          return found;
        },
        handler: async (ctx) => {
          const { member, meeting } = ctx.guard;
          const { itemId } = ctx.params;
          const { sha256, title } = ctx.body;
          const { pages, size } = await attachablePdf(deps, meeting.id, sha256);
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
          return entry;
        },
      }),
    ],
  };
}
