/** Zoom levels and how a zoom setting becomes a scale for a page in a given viewer box. */

/** A fixed factor (1 = 100%) or a fit to the viewer box. */
export type ViewerZoom = number | 'page-width' | 'page-fit';

/** 100% shows a page at its real size: PDF points (1/72 in) to CSS pixels (1/96 in). */
export const PDF_TO_CSS = 96 / 72;
export const ZOOM_STEPS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 2, 3, 4] as const;
export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 4;
/** Room left around a page when fitting (scrollbar, page shadow). */
const FIT_MARGIN = 32;

/** A page's size in PDF points as shown (after rotation). */
export interface PageBox {
  width: number;
  height: number;
}

/** The zoom factor (1 = 100%) a setting means for `page` in a `box` of CSS pixels. */
export function zoomFactor(zoom: ViewerZoom, page: PageBox, box: PageBox): number {
  if (typeof zoom === 'number') return clampZoom(zoom);
  const byWidth = (box.width - FIT_MARGIN) / (page.width * PDF_TO_CSS);
  if (zoom === 'page-width') return clampZoom(byWidth);
  const byHeight = (box.height - FIT_MARGIN) / (page.height * PDF_TO_CSS);
  return clampZoom(Math.min(byWidth, byHeight));
}

export const clampZoom = (z: number): number =>
  Number.isFinite(z) ? Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z)) : 1;

/** The next step up or down from the current factor (a fit setting steps from where it is). */
export function stepZoom(current: number, direction: 1 | -1): number {
  const eps = 0.001;
  if (direction > 0) return ZOOM_STEPS.find((s) => s > current + eps) ?? MAX_ZOOM;
  return [...ZOOM_STEPS].reverse().find((s) => s < current - eps) ?? MIN_ZOOM;
}
