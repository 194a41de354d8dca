/**
 * Writing and reading annotations in a member's two documents: the meeting's shared document and
 * their private one. Every write is one Yjs transaction per document with the caller's origin,
 * so a Y.UndoManager tracking that origin undoes exactly the member's own edits. Fields are
 * separate map keys, so a concurrent move and recolour of one mark both survive.
 */
import * as Y from 'yjs';
import { privateAnnotations, PRIVATE_SCHEMA_VERSION, PrivateTypes } from '../docs/private';
import { sharedAnnotations, SHARED_SCHEMA_VERSION, SharedTypes } from '../docs/shared';
import { readSchemaVersion } from '../docs/values';
import {
  AnnotationError,
  checkShape,
  isAnnotationId,
  isColour,
  readAnnotation,
  shapeOf,
  translateShape,
  type Annotation,
  type AnnotationAuthor,
  type AnnotationShape,
  type Visibility,
} from './model';

/** The two documents a member writes annotations into. */
export interface AnnotationDocs {
  shared: Y.Doc;
  private: Y.Doc;
}

export interface EditContext {
  /** Who edits: only the author may change or delete a mark. */
  actor: AnnotationAuthor;
  /** ISO time of the edit. */
  now: string;
  /** Transaction origin (the undo manager tracks it). */
  origin?: unknown;
}

export interface AnnotationDraft {
  id: string;
  documentSha256: string;
  pageIndex: number;
  color: string;
  visibility: Visibility;
  shape: AnnotationShape;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function mapOf(docs: AnnotationDocs, visibility: Visibility): Y.Map<unknown> {
  return visibility === 'shared'
    ? sharedAnnotations(docs.shared)
    : privateAnnotations(docs.private);
}
const docOf = (docs: AnnotationDocs, visibility: Visibility): Y.Doc =>
  visibility === 'shared' ? docs.shared : docs.private;

function markSchema(doc: Y.Doc, visibility: Visibility): void {
  const metaName = visibility === 'shared' ? SharedTypes.meta : PrivateTypes.meta;
  if (readSchemaVersion(doc, metaName) === 0)
    doc
      .getMap<unknown>(metaName)
      .set(
        'schemaVersion',
        visibility === 'shared' ? SHARED_SCHEMA_VERSION : PRIVATE_SCHEMA_VERSION,
      );
}

/** The geometry and text keys of a shape, as plain values. */
function shapeFields(shape: AnnotationShape): Record<string, unknown> {
  const { kind: _kind, ...fields } = shape;
  return JSON.parse(JSON.stringify(fields)) as Record<string, unknown>;
}

/** Where the mark lives now: shared wins when a concurrent switch left it in both. */
function locate(
  docs: AnnotationDocs,
  id: string,
): { annotation: Annotation; map: Y.Map<unknown>; visibility: Visibility } | null {
  for (const visibility of ['shared', 'private'] as const) {
    const raw = mapOf(docs, visibility).get(id);
    const annotation = readAnnotation(id, raw, visibility);
    if (annotation) return { annotation, map: raw as Y.Map<unknown>, visibility };
  }
  return null;
}

function own(docs: AnnotationDocs, id: string, ctx: EditContext) {
  const found = locate(docs, id);
  if (!found) throw new AnnotationError('annotation-not-found', `no annotation ${id}`);
  if (found.annotation.author.memberId !== ctx.actor.memberId)
    throw new AnnotationError('not-author', 'only the author may change this annotation');
  return found;
}

export function createAnnotation(
  docs: AnnotationDocs,
  draft: AnnotationDraft,
  ctx: EditContext,
): Annotation {
  if (!isAnnotationId(draft.id)) throw new AnnotationError('invalid-annotation', 'bad id');
  if (!SHA256_HEX.test(draft.documentSha256))
    throw new AnnotationError('invalid-annotation', 'documentSha256 must be 64 hex digits');
  if (!Number.isInteger(draft.pageIndex) || draft.pageIndex < 0)
    throw new AnnotationError('invalid-annotation', 'pageIndex must be a page number from 0');
  if (!isColour(draft.color))
    throw new AnnotationError('invalid-annotation', 'colour must be #rrggbb');
  if (locate(docs, draft.id)) throw new AnnotationError('annotation-exists', `${draft.id} exists`);
  const shape = checkShape(draft.shape);
  const doc = docOf(docs, draft.visibility);
  doc.transact(() => {
    markSchema(doc, draft.visibility);
    const entry = new Y.Map<unknown>();
    const fields: Record<string, unknown> = {
      documentSha256: draft.documentSha256,
      pageIndex: draft.pageIndex,
      kind: shape.kind,
      authorId: ctx.actor.memberId,
      authorName: ctx.actor.name,
      color: draft.color.toLowerCase(),
      createdAt: ctx.now,
      updatedAt: ctx.now,
      ...shapeFields(shape),
    };
    for (const [key, value] of Object.entries(fields)) entry.set(key, value);
    mapOf(docs, draft.visibility).set(draft.id, entry);
  }, ctx.origin);
  return locate(docs, draft.id)?.annotation as Annotation;
}

export interface AnnotationPatch {
  color?: string;
  /** The note's, free text's or highlight's text. */
  text?: string;
  /** New geometry of the same kind (redrawn ink, resized free text box). */
  shape?: AnnotationShape;
}

/** Changes only the fields given, so concurrent edits of other fields are kept. */
export function updateAnnotation(
  docs: AnnotationDocs,
  id: string,
  patch: AnnotationPatch,
  ctx: EditContext,
): Annotation {
  const { annotation, map, visibility } = own(docs, id, ctx);
  const fields: Record<string, unknown> = {};
  if (patch.color !== undefined) {
    if (!isColour(patch.color))
      throw new AnnotationError('invalid-annotation', 'colour must be #rrggbb');
    fields.color = patch.color.toLowerCase();
  }
  if (patch.shape !== undefined) {
    if (patch.shape.kind !== annotation.kind)
      throw new AnnotationError('invalid-annotation', 'an annotation keeps its kind');
    Object.assign(fields, shapeFields(checkShape(patch.shape)));
  }
  if (patch.text !== undefined) {
    if (annotation.kind === 'ink')
      throw new AnnotationError('invalid-annotation', 'ink has no text');
    checkShape({ ...shapeOf(annotation), text: patch.text } as AnnotationShape);
    fields.text = patch.text;
  }
  docOf(docs, visibility).transact(() => {
    for (const [key, value] of Object.entries(fields)) map.set(key, value);
    map.set('updatedAt', ctx.now);
  }, ctx.origin);
  return locate(docs, id)?.annotation as Annotation;
}

/** Shifts a mark by (dx, dy) PDF points; writes only its geometry. */
export function moveAnnotation(
  docs: AnnotationDocs,
  id: string,
  dx: number,
  dy: number,
  ctx: EditContext,
): Annotation {
  if (!Number.isFinite(dx) || !Number.isFinite(dy))
    throw new AnnotationError('invalid-annotation', 'move by finite amounts');
  const { annotation, map, visibility } = own(docs, id, ctx);
  const moved = shapeFields(translateShape(shapeOf(annotation), dx, dy));
  delete moved.text;
  docOf(docs, visibility).transact(() => {
    for (const [key, value] of Object.entries(moved)) map.set(key, value);
    map.set('updatedAt', ctx.now);
  }, ctx.origin);
  return locate(docs, id)?.annotation as Annotation;
}

export function deleteAnnotation(docs: AnnotationDocs, id: string, ctx: EditContext): void {
  own(docs, id, ctx);
  // Both, in case a concurrent visibility switch left a copy in each.
  for (const visibility of ['shared', 'private'] as const) {
    const map = mapOf(docs, visibility);
    if (map.has(id)) docOf(docs, visibility).transact(() => map.delete(id), ctx.origin);
  }
}

/**
 * Moves a mark between the private and the shared document, keeping its id. The copy is written
 * before the original is removed: an interruption leaves a duplicate (read once), never a loss.
 */
export function setVisibility(
  docs: AnnotationDocs,
  id: string,
  visibility: Visibility,
  ctx: EditContext,
): Annotation {
  const { annotation, map, visibility: from } = own(docs, id, ctx);
  if (from === visibility) return annotation;
  const plain = map.toJSON() as Record<string, unknown>;
  const target = docOf(docs, visibility);
  target.transact(() => {
    markSchema(target, visibility);
    const copy = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(plain)) copy.set(key, value);
    copy.set('updatedAt', ctx.now);
    mapOf(docs, visibility).set(id, copy);
  }, ctx.origin);
  docOf(docs, from).transact(() => mapOf(docs, from).delete(id), ctx.origin);
  return locate(docs, id)?.annotation as Annotation;
}

export function findAnnotation(docs: AnnotationDocs, id: string): Annotation | null {
  return locate(docs, id)?.annotation ?? null;
}

/** Valid annotations of one document's map (malformed entries skipped). */
export function readAnnotationsIn(map: Y.Map<unknown>, visibility: Visibility): Annotation[] {
  const out: Annotation[] = [];
  map.forEach((value, id) => {
    const a = readAnnotation(id, value, visibility);
    if (a) out.push(a);
  });
  return out;
}

export interface AnnotationQuery {
  documentSha256: string;
  /** Only this page; every page when absent. */
  pageIndex?: number;
}

/**
 * What a member sees for a PDF: their private marks and everyone's shared ones, each id once
 * (the shared copy wins), ordered by page, then creation time, then id — the same on every replica.
 */
export function listAnnotations(
  docs: { shared: Y.Doc; private?: Y.Doc | null },
  query: AnnotationQuery,
): Annotation[] {
  const byId = new Map<string, Annotation>();
  const sources: [Y.Map<unknown>, Visibility][] = [];
  if (docs.private) sources.push([privateAnnotations(docs.private), 'private']);
  sources.push([sharedAnnotations(docs.shared), 'shared']);
  for (const [map, visibility] of sources)
    for (const a of readAnnotationsIn(map, visibility))
      if (
        a.documentSha256 === query.documentSha256 &&
        (query.pageIndex === undefined || a.pageIndex === query.pageIndex)
      )
        byId.set(a.id, a);
  return [...byId.values()].sort(
    (a, b) =>
      a.pageIndex - b.pageIndex ||
      (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
