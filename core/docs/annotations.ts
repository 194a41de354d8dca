/**
 * Annotations as data (DESIGN.md): a Y.Map keyed by annotation id, each a Y.Map with the PDF's
 * SHA-256, page index, kind and author. Geometry (PDF user space) is read by the viewer feature.
 */
import type * as Y from 'yjs';
import { readNestedMaps, readNumber, readString } from './values';

export interface AnnotationHead {
  id: string;
  documentSha256: string;
  pageIndex: number;
  kind: string;
  authorId: string | null;
}

export function readAnnotationHeads(map: Y.Map<unknown>): AnnotationHead[] {
  const out: AnnotationHead[] = [];
  for (const [id, entry] of readNestedMaps(map)) {
    const documentSha256 = readString(entry, 'documentSha256');
    const pageIndex = readNumber(entry, 'pageIndex');
    const kind = readString(entry, 'kind');
    if (documentSha256 === null || pageIndex === null || kind === null) continue;
    out.push({ id, documentSha256, pageIndex, kind, authorId: readString(entry, 'authorId') });
  }
  return out;
}
