/**
 * Changing an agenda item's attached documents (the chair or secretary: document.edit): rename
 * one, replace its file, remove it. Pure: the server decides by these and writes the result
 * into the control document. Nothing leaves the record: a replaced file's bytes stay stored
 * under their hash, and every step is appended to the item's document history (who, when,
 * file, name); a removed document leaves the agenda but not the history.
 */
import type { AgendaDocument, DocumentVersion } from '../docs/control/agenda';
import { documentIdOf } from '../docs/control/agenda';
import { CodedError } from '../errors/coded-error';
import type { MeetingLifecycle } from './lifecycle';

/** A document's name: 1–200 characters once trimmed, no control characters. */
export const MAX_DOCUMENT_TITLE = 200;

export interface DocumentFile {
  sha256: string;
  pages: number;
  size: number;
}

export type DocumentEdit =
  | { kind: 'rename'; documentId: string; title: string }
  | { kind: 'replace'; documentId: string; file: DocumentFile }
  | { kind: 'remove'; documentId: string };

export type DocumentEditKind = DocumentEdit['kind'];

/**
 * While the meeting is in which state each change may be made. Once the meeting is closed its
 * documents are part of what happened (the minutes cite them): nothing changes any more.
 */
export const DOCUMENT_EDIT_STATES: {
  readonly [K in DocumentEditKind]: readonly MeetingLifecycle[];
} = {
  rename: ['scheduled', 'open', 'paused'],
  replace: ['scheduled', 'open', 'paused'],
  remove: ['scheduled', 'open', 'paused'],
};

export type DocumentEditErrorCode =
  | 'document-not-found'
  | 'document-unchanged'
  | 'document-already-attached'
  | 'document-bad-title'
  | 'meeting-closed';

export class DocumentEditError extends CodedError<DocumentEditErrorCode> {
  override name = 'DocumentEditError';
}

/** C0 and C1 control characters (line breaks, NUL…), which a name shown in one line may not hold. */
const hasControlChar = (text: string) =>
  [...text].some((c) => {
    const code = c.codePointAt(0)!;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });

/** The name as it will be kept (trimmed), or `document-bad-title`. */
export function documentTitle(raw: unknown): string {
  const title = typeof raw === 'string' ? raw.normalize('NFC').trim() : '';
  if (title.length === 0 || [...title].length > MAX_DOCUMENT_TITLE || hasControlChar(title))
    throw new DocumentEditError(
      'document-bad-title',
      `A document's name is 1–${MAX_DOCUMENT_TITLE} characters, without control characters.`,
    );
  return title;
}

export function mayEditDocuments(state: MeetingLifecycle, kind: DocumentEditKind): boolean {
  return DOCUMENT_EDIT_STATES[kind].includes(state);
}

export interface ItemDocuments {
  documents: readonly AgendaDocument[];
  history: readonly DocumentVersion[];
}

/**
 * The item's documents and history after `edit`, made by `by` at `at` (ISO). A document never
 * edited before gets its attachment written first, so its history is complete. The arguments
 * are left untouched; a refusal (DocumentEditError) changes nothing.
 */
export function editDocuments(
  lifecycle: MeetingLifecycle,
  current: ItemDocuments,
  edit: DocumentEdit,
  by: string,
  at: string,
): { documents: AgendaDocument[]; history: DocumentVersion[]; version: DocumentVersion } {
  if (!mayEditDocuments(lifecycle, edit.kind))
    throw new DocumentEditError('meeting-closed', 'The meeting is closed: its documents stay.');
  const at_ = current.documents.findIndex((d) => documentIdOf(d) === edit.documentId);
  const document = current.documents[at_];
  if (!document) throw new DocumentEditError('document-not-found', 'No such document here.');
  const documentId = documentIdOf(document);
  const history = [...current.history];
  if (!history.some((v) => v.documentId === documentId))
    history.push({
      documentId,
      change: 'attach',
      sha256: documentId,
      title: document.title,
      by: document.addedBy,
      at: document.addedAt,
    });
  const documents = [...current.documents];
  let next: AgendaDocument | null;
  switch (edit.kind) {
    case 'rename': {
      const title = documentTitle(edit.title);
      if (title === document.title)
        throw new DocumentEditError('document-unchanged', 'The document already has this name.');
      next = { ...document, title };
      break;
    }
    case 'replace': {
      const { sha256, pages, size } = edit.file;
      if (sha256 === document.sha256)
        throw new DocumentEditError('document-unchanged', 'This is already the current file.');
      if (
        current.documents.some(
          (d) => d !== document && (d.sha256 === sha256 || documentIdOf(d) === sha256),
        )
      )
        throw new DocumentEditError(
          'document-already-attached',
          'Another document of this item has this file.',
        );
      next = { ...document, sha256, pages, size, origin: documentId };
      break;
    }
    case 'remove':
      next = null;
      break;
  }
  if (next) documents[at_] = next;
  else documents.splice(at_, 1);
  const version: DocumentVersion = {
    documentId,
    change: edit.kind,
    sha256: (next ?? document).sha256,
    title: (next ?? document).title,
    by,
    at,
  };
  history.push(version);
  return { documents, history, version };
}

/** One document's versions, oldest first (its id is documentIdOf). */
export function documentVersions(
  history: readonly DocumentVersion[],
  documentId: string,
): DocumentVersion[] {
  return history.filter((v) => v.documentId === documentId);
}

/** Ids of the item's documents that were removed (in the history, no longer on the agenda). */
export function removedDocumentIds(item: ItemDocuments): string[] {
  const present = new Set(item.documents.map(documentIdOf));
  const removed: string[] = [];
  for (const v of item.history)
    if (v.change === 'remove' && !present.has(v.documentId) && !removed.includes(v.documentId))
      removed.push(v.documentId);
  return removed;
}

/**
 * A document's versions for display, oldest first: its history, or — never edited — its
 * attachment alone, as the history would record it.
 */
export function versionsOf(
  document: AgendaDocument,
  history: readonly DocumentVersion[],
): DocumentVersion[] {
  const documentId = documentIdOf(document);
  const recorded = documentVersions(history, documentId);
  if (recorded.length > 0) return recorded;
  return [
    {
      documentId,
      change: 'attach',
      sha256: document.sha256,
      title: document.title,
      by: document.addedBy,
      at: document.addedAt,
    },
  ];
}
