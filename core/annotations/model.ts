/**
 * The annotation model (DESIGN.md "annotations as data"): what a mark is, in PDF user-space
 * points, and how one is read back from its Y.Map — validated, so a malformed or hostile entry
 * written by any client with write rights is skipped instead of breaking the viewer.
 *
 * Stored shape (one Y.Map per annotation, key = annotation id, in the `annotations` map of the
 * shared document or of the member's private document; see core/docs/annotations.ts):
 *   documentSha256, pageIndex, kind, authorId, authorName, color, createdAt, updatedAt,
 *   and per kind: highlight → quads (number[][], 8 numbers each, PDF QuadPoints order) + text;
 *   ink → paths (number[][], x0,y0,x1,y1,… per stroke) + width; note → at ([x, y]) + text;
 *   text → rect ([x1, y1, x2, y2]) + text + fontSize.
 * Visibility is where the map lives, never a field, so it cannot disagree with the document.
 */
import * as Y from 'yjs';
import type { Point, Rect } from '../geometry/viewport';
import { CodedError } from '../errors/coded-error';

export type AnnotationKind = 'highlight' | 'ink' | 'note' | 'text';
export const ANNOTATION_KINDS: readonly AnnotationKind[] = ['highlight', 'ink', 'note', 'text'];
export type Visibility = 'private' | 'shared';

/** Colours offered in the toolbar; any #rrggbb is accepted from the document. */
export const ANNOTATION_COLOURS = ['#f2c14e', '#7ad17a', '#6fb7ff', '#ff8fa3', '#b3261e'] as const;

/** Four corners (x1,y1 … x4,y4), the order PDF QuadPoints use: top-left, top-right, bottom-left, bottom-right. */
export type Quad = readonly [number, number, number, number, number, number, number, number];

export interface AnnotationAuthor {
  memberId: string;
  name: string;
}

interface Common {
  id: string;
  documentSha256: string;
  pageIndex: number;
  color: string;
  author: AnnotationAuthor;
  createdAt: string;
  updatedAt: string;
  visibility: Visibility;
}

export interface HighlightAnnotation extends Common {
  kind: 'highlight';
  quads: Quad[];
  /** The selected text, for the side list. */
  text: string;
}
export interface InkAnnotation extends Common {
  kind: 'ink';
  /** Strokes, each a flat list x0, y0, x1, y1, … */
  paths: number[][];
  /** Stroke width in PDF points. */
  width: number;
}
export interface NoteAnnotation extends Common {
  kind: 'note';
  at: Point;
  text: string;
}
export interface FreeTextAnnotation extends Common {
  kind: 'text';
  rect: Rect;
  text: string;
  fontSize: number;
}

export type Annotation = HighlightAnnotation | InkAnnotation | NoteAnnotation | FreeTextAnnotation;

/** What the author supplies when creating a mark (the rest is filled in). */
export type AnnotationShape =
  | { kind: 'highlight'; quads: Quad[]; text: string }
  | { kind: 'ink'; paths: number[][]; width: number }
  | { kind: 'note'; at: Point; text: string }
  | { kind: 'text'; rect: Rect; text: string; fontSize: number };

export const MAX_TEXT = 10_000;
const MAX_POINTS = 20_000;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const COLOUR = /^#[0-9a-f]{6}$/i;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type AnnotationErrorCode =
  'invalid-annotation' | 'annotation-not-found' | 'not-author' | 'annotation-exists';

export class AnnotationError extends CodedError<AnnotationErrorCode> {
  override readonly name = 'AnnotationError';
}

export const isAnnotationId = (id: string): boolean => ID.test(id);
export const isColour = (value: unknown): value is string =>
  typeof value === 'string' && COLOUR.test(value);

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numbers = (v: unknown, length?: number): number[] | null => {
  if (!Array.isArray(v)) return null;
  if (length !== undefined && v.length !== length) return null;
  return v.every(finite) ? (v as number[]) : null;
};

function readQuads(v: unknown): Quad[] | null {
  if (!Array.isArray(v) || v.length === 0 || v.length > 500) return null;
  const out: Quad[] = [];
  for (const q of v) {
    const quad = numbers(q, 8);
    if (!quad) return null;
    out.push(quad as unknown as Quad);
  }
  return out;
}

function readPaths(v: unknown): number[][] | null {
  if (!Array.isArray(v) || v.length === 0) return null;
  let total = 0;
  const out: number[][] = [];
  for (const p of v) {
    const path = numbers(p);
    if (!path || path.length < 2 || path.length % 2 !== 0) return null;
    total += path.length;
    out.push(path);
  }
  return total <= MAX_POINTS * 2 ? out : null;
}

const text = (v: unknown): string | null =>
  typeof v === 'string' && v.length <= MAX_TEXT ? v : null;

/** Checks an author-supplied shape; throws AnnotationError('invalid-annotation') when wrong. */
export function checkShape(shape: AnnotationShape): AnnotationShape {
  const parsed = readShape(shape.kind, (key) => (shape as unknown as Record<string, unknown>)[key]);
  if (!parsed) throw new AnnotationError('invalid-annotation', `malformed ${shape.kind} mark`);
  return parsed;
}

function readShape(kind: unknown, get: (key: string) => unknown): AnnotationShape | null {
  switch (kind) {
    case 'highlight': {
      const quads = readQuads(get('quads'));
      const t = text(get('text') ?? '');
      return quads && t !== null ? { kind, quads, text: t } : null;
    }
    case 'ink': {
      const paths = readPaths(get('paths'));
      const width = get('width');
      return paths && finite(width) && width > 0 && width <= 100 ? { kind, paths, width } : null;
    }
    case 'note': {
      const at = numbers(get('at'), 2);
      const t = text(get('text') ?? '');
      return at && t !== null ? { kind, at: [at[0] as number, at[1] as number], text: t } : null;
    }
    case 'text': {
      const rect = numbers(get('rect'), 4);
      const t = text(get('text') ?? '');
      const fontSize = get('fontSize');
      if (!rect || t === null || !finite(fontSize) || fontSize <= 0 || fontSize > 200) return null;
      const [a, b, c, d] = rect as [number, number, number, number];
      return { kind, rect: [a, b, c, d], text: t, fontSize };
    }
    default:
      return null;
  }
}

/** One stored entry as an Annotation, or null when anything about it is malformed. */
export function readAnnotation(
  id: string,
  value: unknown,
  visibility: Visibility,
): Annotation | null {
  if (!(value instanceof Y.Map) || !ID.test(id)) return null;
  const entry = value as Y.Map<unknown>;
  const get = (key: string) => entry.get(key);
  const documentSha256 = get('documentSha256');
  const pageIndex = get('pageIndex');
  const authorId = get('authorId');
  const authorName = get('authorName');
  const color = get('color');
  const createdAt = get('createdAt');
  const updatedAt = get('updatedAt');
  if (typeof documentSha256 !== 'string' || !SHA256_HEX.test(documentSha256)) return null;
  if (!finite(pageIndex) || !Number.isInteger(pageIndex) || pageIndex < 0) return null;
  if (typeof authorId !== 'string' || !ID.test(authorId)) return null;
  if (!isColour(color) || typeof createdAt !== 'string') return null;
  const shape = readShape(get('kind'), get);
  if (!shape) return null;
  return {
    ...shape,
    id,
    documentSha256,
    pageIndex,
    color,
    author: { memberId: authorId, name: typeof authorName === 'string' ? authorName : authorId },
    createdAt,
    updatedAt: typeof updatedAt === 'string' ? updatedAt : createdAt,
    visibility,
  };
}

/** The shape part of an annotation (what a move or an edit changes). */
export function shapeOf(a: Annotation): AnnotationShape {
  switch (a.kind) {
    case 'highlight':
      return { kind: a.kind, quads: a.quads, text: a.text };
    case 'ink':
      return { kind: a.kind, paths: a.paths, width: a.width };
    case 'note':
      return { kind: a.kind, at: a.at, text: a.text };
    case 'text':
      return { kind: a.kind, rect: a.rect, text: a.text, fontSize: a.fontSize };
  }
}

/** The same shape shifted by (dx, dy) PDF points. */
export function translateShape(shape: AnnotationShape, dx: number, dy: number): AnnotationShape {
  switch (shape.kind) {
    case 'highlight':
      return {
        ...shape,
        quads: shape.quads.map(
          (q) => q.map((v, i) => v + (i % 2 === 0 ? dx : dy)) as unknown as Quad,
        ),
      };
    case 'ink':
      return {
        ...shape,
        paths: shape.paths.map((p) => p.map((v, i) => v + (i % 2 === 0 ? dx : dy))),
      };
    case 'note':
      return { ...shape, at: [shape.at[0] + dx, shape.at[1] + dy] };
    case 'text': {
      const [x1, y1, x2, y2] = shape.rect;
      return { ...shape, rect: [x1 + dx, y1 + dy, x2 + dx, y2 + dy] };
    }
  }
}

/** A quad covering a PDF-space rectangle (selection rects come as rectangles). */
export function quadFromRect([x1, y1, x2, y2]: Rect): Quad {
  return [x1, y2, x2, y2, x1, y1, x2, y1];
}

/** The bounding rectangle of a mark in PDF space (hit tests, side-list jumps, export). */
export function boundsOf(shape: AnnotationShape): Rect {
  const xs: number[] = [];
  const ys: number[] = [];
  const add = (flat: readonly number[]) => flat.forEach((v, i) => (i % 2 === 0 ? xs : ys).push(v));
  switch (shape.kind) {
    case 'highlight':
      shape.quads.forEach(add);
      break;
    case 'ink':
      shape.paths.forEach(add);
      break;
    case 'note':
      add([shape.at[0], shape.at[1] - 20, shape.at[0] + 20, shape.at[1]]);
      break;
    case 'text':
      add(shape.rect);
      break;
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
