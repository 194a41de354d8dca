/**
 * Splits a PDF into its revisions: the original file and each incremental update. Revision k
 * is the prefix of the file up to the `%%EOF` that closes its cross-reference section; read
 * on its own it is the document as it stood then (its newest section says what it changed).
 */
import { latin1Text } from './pdf-objects';
import { type PdfFile, readPdf } from './pdf-xref';

export interface PdfRevision {
  /** 0 for the original file. */
  readonly index: number;
  /** Offset just past `%%EOF` (a signature may cover up to here)… */
  readonly eofEnd: number;
  /** …or up to here, after the end-of-line that follows it. */
  readonly end: number;
  readonly file: PdfFile;
}

export interface PdfRevisions {
  readonly revisions: readonly PdfRevision[];
  /** Non-blank bytes after the last revision, outside any cross-reference section. */
  readonly trailingBytes: number;
}

function revisionEndAfter(text: string, sectionOffset: number): { eofEnd: number; end: number } {
  const at = text.indexOf('%%EOF', sectionOffset);
  if (at < 0) return { eofEnd: text.length, end: text.length };
  const eofEnd = at + 5;
  let end = eofEnd;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return { eofEnd, end };
}

export async function readRevisions(bytes: Uint8Array): Promise<PdfRevisions> {
  const whole = await readPdf(bytes);
  const text = latin1Text(bytes);
  const ends = new Map<number, { eofEnd: number; end: number }>();
  for (const offset of whole.sectionOffsets) {
    const e = revisionEndAfter(text, offset);
    ends.set(e.eofEnd, e);
  }
  const sorted = [...ends.values()].sort((a, b) => a.eofEnd - b.eofEnd);
  const revisions: PdfRevision[] = [];
  for (const [index, e] of sorted.entries()) {
    const last = index === sorted.length - 1;
    const file = last ? whole : await readPdf(bytes.subarray(0, e.end));
    revisions.push({ index, eofEnd: e.eofEnd, end: e.end, file });
  }
  const lastEnd = sorted[sorted.length - 1]?.end ?? 0;
  const trailingBytes = text.slice(lastEnd).replace(/[\s\0]+/g, '').length;
  return { revisions, trailingBytes };
}

/** The revision a signature covering `signedLength` bytes signed, if it ends exactly there. */
export function revisionSignedBy(
  revisions: readonly PdfRevision[],
  signedLength: number,
): PdfRevision | undefined {
  return revisions.find((r) => signedLength >= r.eofEnd && signedLength <= r.end);
}
