import type { PageViewport } from 'pdfjs-dist';
import { quadFromRect, type Quad } from '../../../../core/annotations/model';
import { normaliseRect, type Rect } from '../../../../core/geometry/viewport';

/** A rendered page's overlay element and the viewport it was drawn with. */
export interface PageSurface {
  element: HTMLElement;
  viewport: PageViewport;
}

export interface SelectionOnPage {
  pageIndex: number;
  quads: Quad[];
  text: string;
}

/** A viewport-space rectangle (CSS px from the page's top-left) in PDF user space. */
export function viewportRectToPdf(viewport: PageViewport, [x1, y1, x2, y2]: Rect): Rect {
  const a = viewport.convertToPdfPoint(x1, y1) as number[];
  const b = viewport.convertToPdfPoint(x2, y2) as number[];
  return normaliseRect([a[0] ?? 0, a[1] ?? 0, b[0] ?? 0, b[1] ?? 0]);
}

/**
 * The current text selection as highlight quads per page: each client rect of the selection
 * (one per text-layer span line) is placed on the page it falls on and converted to PDF points
 * with that page's viewport, so rotation and zoom hold.
 */
export function selectionQuads(
  selection: Selection | null,
  surfaces: ReadonlyMap<number, PageSurface>,
): SelectionOnPage[] {
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return [];
  const byPage = new Map<number, SelectionOnPage>();
  const pages = [...surfaces.entries()].map(([pageIndex, s]) => ({
    pageIndex,
    surface: s,
    box: s.element.getBoundingClientRect(),
  }));
  for (let i = 0; i < selection.rangeCount; i++) {
    for (const r of selection.getRangeAt(i).getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      const cx = r.left + r.width / 2;
      const cy = r.top + r.height / 2;
      const page = pages.find(
        (p) => cx >= p.box.left && cx <= p.box.right && cy >= p.box.top && cy <= p.box.bottom,
      );
      if (!page) continue;
      const rect = viewportRectToPdf(page.surface.viewport, [
        r.left - page.box.left,
        r.top - page.box.top,
        r.right - page.box.left,
        r.bottom - page.box.top,
      ]);
      const entry = byPage.get(page.pageIndex) ?? {
        pageIndex: page.pageIndex,
        quads: [],
        text: '',
      };
      entry.quads.push(quadFromRect(rect));
      byPage.set(page.pageIndex, entry);
    }
  }
  const text = selection.toString().replace(/\s+/g, ' ').trim().slice(0, 500);
  return [...byPage.values()].map((e) => ({ ...e, text }));
}
