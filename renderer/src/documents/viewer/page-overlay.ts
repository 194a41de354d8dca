import type { PageViewport } from 'pdfjs-dist';

/** What a page overlay (annotations, follow marker) is told about the page it draws on. */
export interface PageOverlayInfo {
  /** 0-based page index. */
  pageIndex: number;
  /** pdf.js viewport at the current zoom + rotation (CSS pixels). */
  viewport: PageViewport;
  /** Page box size in CSS pixels (= viewport.width / viewport.height). */
  width: number;
  height: number;
}
