import { useEffect, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { openFailure, openPdf, type PdfOpenFailure } from './pdfjs';

/** A page's size in PDF points before any rotation, and its own /Rotate. */
export interface PageShape {
  width: number;
  height: number;
  rotate: number;
}

export type DocumentState =
  | { status: 'loading' }
  | { status: 'failed'; reason: PdfOpenFailure }
  | { status: 'ready'; pdf: PDFDocumentProxy; shapes: PageShape[] };

const SHAPES_DELAY_MS = 400;
const SHAPES_BATCH = 25;
const sameShape = (a: PageShape, b: PageShape) =>
  a.width === b.width && a.height === b.height && a.rotate === b.rotate;

async function shapeOf(pdf: PDFDocumentProxy, pageNumber: number): Promise<PageShape> {
  const page = await pdf.getPage(pageNumber);
  const { width, height } = page.getViewport({ scale: 1, rotation: 0 });
  return { width, height, rotate: page.rotate };
}

/**
 * Opens the bytes with pdf.js. The first page's shape stands in for every page so the column
 * can be laid out at once; the real shapes follow in one update a moment later.
 */
export function useDocument(data: Uint8Array): DocumentState {
  // The state remembers which bytes it describes, so new bytes read as loading at once.
  const [opened, setOpened] = useState<{ data: Uint8Array; state: DocumentState } | null>(null);
  useEffect(() => {
    let live = true;
    const setState = (state: DocumentState) => setOpened({ data, state });
    const task = openPdf(data);
    task.promise.then(
      async (pdf) => {
        try {
          const first = await shapeOf(pdf, 1);
          if (!live) return;
          setState({
            status: 'ready',
            pdf,
            shapes: Array.from({ length: pdf.numPages }, () => first),
          });
          // Later pages' shapes wait until the first page had the worker to itself, then come
          // in batches so a page the reader jumps to is never queued behind all the others.
          await new Promise((resolve) => setTimeout(resolve, SHAPES_DELAY_MS));
          const shapes: PageShape[] = [first];
          for (let start = 2; start <= pdf.numPages && live; start += SHAPES_BATCH) {
            const end = Math.min(pdf.numPages, start + SHAPES_BATCH - 1);
            const batch = [];
            for (let n = start; n <= end; n++) batch.push(shapeOf(pdf, n));
            shapes.push(...(await Promise.all(batch)));
          }
          if (live && shapes.some((s) => !sameShape(s, first)))
            setState({ status: 'ready', pdf, shapes });
        } catch (error) {
          if (live) setState({ status: 'failed', reason: openFailure(error) });
        }
      },
      (error: unknown) => live && setState({ status: 'failed', reason: openFailure(error) }),
    );
    return () => {
      live = false;
      void task.destroy();
    };
  }, [data]);
  return opened?.data === data ? opened.state : { status: 'loading' };
}
