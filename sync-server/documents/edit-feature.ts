/**
 * Renaming, replacing and removing attached documents over HTTP (core/api/routes-documents.ts),
 * decided by core/meeting/document-edit.ts. The meeting's state, the item's documents and their
 * history are read inside the control transaction that writes the result, so two chairs editing
 * at once never lose a step. Nothing is deleted: a replaced file stays a meeting blob (readable
 * by sha like any other), and the history keeps every version.
 */
import { readAgenda } from '../../core/docs/control/agenda';
import { writeItemDocuments } from '../../core/docs/control/agenda';
import { readMeetingLifecycle } from '../../core/docs/control/meta';
import type { ItemDocumentsView } from '../../core/api/documents';
import {
  DocumentEditError,
  editDocuments,
  type DocumentEdit,
} from '../../core/meeting/document-edit';
import type { ServerFeature } from '../feature';
import { route } from '../http/route';
import { HttpError, type RequestContext } from '../http/router';
import type { Auth } from '../identity/auth-feature';
import { meetingCaller } from '../meetings/caller';
import { transactControl } from '../meetings/control-doc';
import type { MeetingDirectory } from '../meetings/directory';
import type { Rooms } from '../rooms/manager';
import type { AuditLog, RecordStore } from '../store/types';
import type { BlobStore } from '../blobs/blob-store';
import { attachablePdf } from './feature';
import type { PdfInspector } from './pdf-inspect';

export interface DocumentEditDeps {
  auth: Auth;
  meetings: MeetingDirectory;
  rooms: Rooms;
  blobs: BlobStore;
  records: RecordStore;
  audit: AuditLog;
  pdf: PdfInspector;
}

const STATUS: Record<DocumentEditError['code'], number> = {
  'document-not-found': 404,
  'document-unchanged': 409,
  'document-already-attached': 409,
  'document-bad-title': 400,
  'meeting-closed': 409,
};

export function documentEditFeature(deps: DocumentEditDeps): ServerFeature {
  const { rooms, audit } = deps;

  async function apply(
    ctx: RequestContext,
    edit: (documentId: string, meetingId: string) => Promise<DocumentEdit>,
  ): Promise<ItemDocumentsView> {
    const { member, meeting } = await meetingCaller(deps, ctx, 'document.edit');
    const itemId = ctx.params.itemId ?? '';
    if (!meeting.agenda.some((item) => item.id === itemId))
      throw new HttpError(404, 'agenda-item-not-found', 'No such agenda item.');
    // The route map checked the id is a SHA-256; a new file is checked before anything is read.
    const change = await edit(ctx.params.documentId ?? '', meeting.id);
    const at = new Date().toISOString();
    type Outcome = { ok: ItemDocumentsView & { sha256: string } } | { error: unknown };
    let outcome: Outcome | null = null;
    await transactControl(rooms, meeting.id, (doc) => {
      try {
        const item = readAgenda(doc).find((i) => i.id === itemId);
        if (!item) throw new HttpError(404, 'agenda-item-not-found', 'The item is not live yet.');
        const { lifecycle } = readMeetingLifecycle(doc);
        const current = { documents: item.documents, history: item.history ?? [] };
        const next = editDocuments(lifecycle, current, change, member.id, at);
        writeItemDocuments(doc, itemId, next.documents, next.history);
        outcome = {
          ok: { documents: next.documents, history: next.history, sha256: next.version.sha256 },
        };
      } catch (error) {
        outcome = { error };
      }
    });
    const result = outcome as Outcome | null;
    if (result === null) throw new Error('document edit did not run');
    if ('error' in result) {
      const error = result.error;
      if (error instanceof DocumentEditError)
        throw new HttpError(STATUS[error.code], error.code, error.message);
      throw error;
    }
    await audit.appendAudit({
      at,
      memberId: member.id,
      action: `document.${change.kind}`,
      meetingId: meeting.id,
      itemId,
      target: change.documentId,
      sha256: result.ok.sha256,
    });
    return { documents: result.ok.documents, history: result.ok.history };
  }

  return {
    name: 'document-edit',
    routes: [
      route('renameDocument', (ctx) =>
        apply(ctx, async (documentId) => ({ kind: 'rename', documentId, title: ctx.body.title })),
      ),
      route('replaceDocument', (ctx) =>
        apply(ctx, async (documentId, meetingId) => {
          const { sha256 } = ctx.body;
          const { pages, size } = await attachablePdf(deps, meetingId, sha256);
          return { kind: 'replace', documentId, file: { sha256, pages, size } };
        }),
      ),
      route('removeDocument', (ctx) =>
        apply(ctx, async (documentId) => ({ kind: 'remove', documentId })),
      ),
    ],
  };
}
