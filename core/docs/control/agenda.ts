/**
 * `agenda` (Y.Array of Y.Map) of the control document: the items in order, each `id`, `title`
 * and `documents` — a plain array of AgendaDocument objects, replaced whole on every attach so
 * a reader never sees half an entry. (Version 1 documents could hold bare SHA-256 strings;
 * migrations.ts rewrites them.)
 */
import * as Y from 'yjs';
import { readString } from '../values';

export const AGENDA = 'agenda';

/** A PDF attached to an agenda item; the bytes are the meeting blob named by `sha256`. */
export interface AgendaDocument {
  sha256: string;
  title: string;
  /** Page count, checked by the server when the document was attached (0 if unknown). */
  pages: number;
  /** Size in bytes (0 if unknown). */
  size: number;
  addedBy: string | null;
  addedAt: string | null;
  /**
   * The document's id when it differs from `sha256`: the SHA-256 of its first version, set once
   * its file has been replaced (documentIdOf). Absent on documents never replaced.
   */
  origin?: string;
}

/** One step in a document's life, kept for the record (core/meeting/document-edit.ts). */
export interface DocumentVersion {
  /** documentIdOf the document: the SHA-256 of its first version. */
  documentId: string;
  change: 'attach' | 'rename' | 'replace' | 'remove';
  /** The file after the step (its bytes stay stored under this hash). */
  sha256: string;
  /** The name after the step. */
  title: string;
  by: string | null;
  at: string | null;
}

/** A document's stable id: its first version's SHA-256 (what edits and the history name). */
export const documentIdOf = (document: Pick<AgendaDocument, 'sha256' | 'origin'>): string =>
  document.origin ?? document.sha256;

export interface AgendaItem {
  id: string;
  title: string;
  /** The item's documents in the order they were attached (removed ones are not here). */
  documents: AgendaDocument[];
  /**
   * Every rename, replacement and removal of the item's documents, oldest first, each
   * document's first entry being its attachment; absent until a document is first edited.
   */
  history?: DocumentVersion[];
}

/** What the server mirrors of an item from the meeting record. */
export interface AgendaItemFields {
  id: string;
  title: string;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export const agendaArray = (doc: Y.Doc): Y.Array<unknown> => doc.getArray<unknown>(AGENDA);

/** One `documents` entry as an AgendaDocument, or null when it is not one. */
function readAgendaDocument(value: unknown): AgendaDocument | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entry = value as Record<string, unknown>;
  const sha256 = entry.sha256;
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) return null;
  const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const origin = entry.origin;
  return {
    sha256,
    title: text(entry.title) ?? '',
    pages: count(entry.pages),
    size: count(entry.size),
    addedBy: text(entry.addedBy),
    addedAt: text(entry.addedAt),
    ...(typeof origin === 'string' && SHA256_HEX.test(origin) && origin !== sha256
      ? { origin }
      : {}),
  };
}

const CHANGES: readonly DocumentVersion['change'][] = ['attach', 'rename', 'replace', 'remove'];

/** One `documentHistory` entry, or null when it is not one. */
function readDocumentVersion(value: unknown): DocumentVersion | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entry = value as Record<string, unknown>;
  const { documentId, change, sha256 } = entry;
  if (typeof documentId !== 'string' || !SHA256_HEX.test(documentId)) return null;
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) return null;
  if (!CHANGES.includes(change as DocumentVersion['change'])) return null;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    documentId,
    change: change as DocumentVersion['change'],
    sha256,
    title: text(entry.title) ?? '',
    by: text(entry.by),
    at: text(entry.at),
  };
}

export const DOCUMENT_HISTORY = 'documentHistory';

/** The item's document history (a plain array, appended to whole like `documents`). */
function readHistory(item: Y.Map<unknown>): DocumentVersion[] {
  const raw = item.get(DOCUMENT_HISTORY);
  if (!Array.isArray(raw)) return [];
  return (raw as unknown[]).flatMap((value) => readDocumentVersion(value) ?? []);
}

/** The raw `documents` list of an item (a plain array; a Y.Array is tolerated). */
export function rawDocuments(item: Y.Map<unknown>): unknown[] {
  const raw = item.get('documents');
  return Array.isArray(raw) ? (raw as unknown[]) : raw instanceof Y.Array ? raw.toArray() : [];
}

/** The items' Y.Maps by id, in order; entries that are not maps with an id are left out. */
function itemMaps(doc: Y.Doc): Map<string, Y.Map<unknown>> {
  const out = new Map<string, Y.Map<unknown>>();
  agendaArray(doc).forEach((entry) => {
    if (!(entry instanceof Y.Map)) return;
    const id = readString(entry as Y.Map<unknown>, 'id');
    if (id !== null && !out.has(id)) out.set(id, entry as Y.Map<unknown>);
  });
  return out;
}

/** Agenda items in order; malformed entries (not a map, no id, bad documents) are skipped. */
export function readAgenda(doc: Y.Doc): AgendaItem[] {
  const items: AgendaItem[] = [];
  for (const entry of agendaArray(doc).toArray()) {
    if (!(entry instanceof Y.Map)) continue;
    const item = entry as Y.Map<unknown>;
    const id = readString(item, 'id');
    if (id === null) continue;
    const documents: AgendaDocument[] = [];
    for (const value of rawDocuments(item)) {
      const document = readAgendaDocument(value);
      if (document) documents.push(document);
    }
    const history = readHistory(item);
    items.push({
      id,
      title: readString(item, 'title') ?? '',
      documents,
      ...(history.length > 0 ? { history } : {}),
    });
  }
  return items;
}

/**
 * Server side: makes the agenda hold exactly `items`, in that order. An item keeps its Y.Map
 * (and its attached documents) when only its title changes; removed items go, new ones are
 * appended with no documents.
 */
export function writeAgendaItems(doc: Y.Doc, items: readonly AgendaItemFields[]): void {
  const agenda = agendaArray(doc);
  const existing = itemMaps(doc);
  const wanted = new Set(items.map((item) => item.id));
  // A Y.Map cannot move within a Y.Array: when the kept items change order, they are written
  // again in the new order with their documents copied (readers see one transaction).
  const kept = [...existing.keys()].filter((id) => wanted.has(id));
  const order = items.map((item) => item.id).filter((id) => existing.has(id));
  if (kept.join('\n') !== order.join('\n')) {
    const documents = new Map([...existing].map(([id, map]) => [id, rawDocuments(map)]));
    const histories = new Map([...existing].map(([id, map]) => [id, map.get(DOCUMENT_HISTORY)]));
    agenda.delete(0, agenda.length);
    for (const item of items) {
      const created = new Y.Map<unknown>();
      created.set('id', item.id);
      created.set('title', item.title);
      created.set('documents', [...(documents.get(item.id) ?? [])]);
      const history = histories.get(item.id);
      if (Array.isArray(history)) created.set(DOCUMENT_HISTORY, [...(history as unknown[])]);
      agenda.push([created]);
    }
    return;
  }
  for (let i = agenda.length - 1; i >= 0; i--) {
    const entry = agenda.get(i);
    if (!(entry instanceof Y.Map) || !wanted.has(entry.get('id') as string)) agenda.delete(i, 1);
  }
  for (const item of items) {
    const map = existing.get(item.id);
    if (map) {
      if (map.get('title') !== item.title) map.set('title', item.title);
      continue;
    }
    const created = new Y.Map<unknown>();
    created.set('id', item.id);
    created.set('title', item.title);
    created.set('documents', []);
    agenda.push([created]);
  }
}

export type AttachOutcome = 'attached' | 'item-not-found' | 'already-attached';

/** Server side: appends `document` to the item's documents unless the item already has it. */
export function attachAgendaDocument(
  doc: Y.Doc,
  itemId: string,
  document: AgendaDocument,
): AttachOutcome {
  const item = itemMaps(doc).get(itemId);
  if (!item) return 'item-not-found';
  const list = rawDocuments(item);
  // A document once replaced keeps its first hash as its id: that file is "attached" too.
  if (
    list.some((d) => {
      const present = readAgendaDocument(d);
      return (
        present !== null &&
        (present.sha256 === document.sha256 || present.origin === document.sha256)
      );
    })
  )
    return 'already-attached';
  item.set('documents', [...list, { ...document }]);
  return 'attached';
}

/**
 * Server side: sets the item's documents and history to what core/meeting/document-edit.ts
 * decided (both replaced whole, in one transaction with the caller's reads).
 */
export function writeItemDocuments(
  doc: Y.Doc,
  itemId: string,
  documents: readonly AgendaDocument[],
  history: readonly DocumentVersion[],
): boolean {
  const item = itemMaps(doc).get(itemId);
  if (!item) return false;
  item.set(
    'documents',
    documents.map((d) => ({ ...d })),
  );
  item.set(
    DOCUMENT_HISTORY,
    history.map((v) => ({ ...v })),
  );
  return true;
}
