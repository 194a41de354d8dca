/**
 * `meeting/<id>/shared`: written by members with write rights. Top-level types:
 * - `meta` (Y.Map): schemaVersion
 * - `annotations` (Y.Map annotationId → Y.Map): shared annotations (see annotations.ts)
 * - `minutesDraft` (Y.XmlFragment): the minutes text edited together
 */
import type * as Y from 'yjs';
import { type AnnotationHead, readAnnotationHeads } from './annotations';
import { readSchemaVersion } from './values';

export const SHARED_SCHEMA_VERSION = 1;

export const SharedTypes = {
  meta: 'meta',
  annotations: 'annotations',
  minutesDraft: 'minutesDraft',
} as const;

export const sharedAnnotations = (doc: Y.Doc): Y.Map<unknown> =>
  doc.getMap<unknown>(SharedTypes.annotations);
export const sharedMinutesDraft = (doc: Y.Doc): Y.XmlFragment =>
  doc.getXmlFragment(SharedTypes.minutesDraft);

export const readSharedSchemaVersion = (doc: Y.Doc): number =>
  readSchemaVersion(doc, SharedTypes.meta);
export const readSharedAnnotations = (doc: Y.Doc): AnnotationHead[] =>
  readAnnotationHeads(sharedAnnotations(doc));
