/**
 * `meeting/<id>/private/<memberId>`: written and read by that member only. Top-level types:
 * - `meta` (Y.Map): schemaVersion
 * - `annotations` (Y.Map annotationId → Y.Map): private annotations (see annotations.ts)
 * - `notes` (Y.Map agendaItemId → Y.Text): the member's own notes per agenda item
 */
import * as Y from 'yjs';
import { type AnnotationHead, readAnnotationHeads } from './annotations';
import { readSchemaVersion } from './values';

export const PRIVATE_SCHEMA_VERSION = 1;

export const PrivateTypes = { meta: 'meta', annotations: 'annotations', notes: 'notes' } as const;

export const privateAnnotations = (doc: Y.Doc): Y.Map<unknown> =>
  doc.getMap<unknown>(PrivateTypes.annotations);
export const privateNotes = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(PrivateTypes.notes);

export const readPrivateSchemaVersion = (doc: Y.Doc): number =>
  readSchemaVersion(doc, PrivateTypes.meta);
export const readPrivateAnnotations = (doc: Y.Doc): AnnotationHead[] =>
  readAnnotationHeads(privateAnnotations(doc));

/** The member's note for an agenda item as plain text ('' when there is none). */
export function readNote(doc: Y.Doc, agendaItemId: string): string {
  const note = privateNotes(doc).get(agendaItemId);
  return note instanceof Y.Text ? note.toString() : '';
}
