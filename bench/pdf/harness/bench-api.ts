/** What each harness page exposes to the bench driver (bench/pdf/run.ts). */
export interface BenchPage {
  /** performance.now() when the first page finished painting, or null. */
  firstPaint: number | null;
  pageCount: number;
  /** Shows page `n` (1-based) and resolves once it is painted. */
  goTo(n: number): Promise<void>;
  /** Canvases currently holding pixels (a proxy for memory outside the JS heap). */
  liveCanvases(): number;
}

declare global {
  interface Window {
    bench?: BenchPage;
  }
}

export const FIXTURE_URL = '/fixture.pdf';

export const liveCanvases = (): number =>
  [...document.querySelectorAll('canvas')].filter((c) => c.width > 0 && c.height > 0).length;

/** Resolves when `check` holds, polling each animation frame. */
export function until(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const tick = () => (check() ? resolve() : requestAnimationFrame(tick));
    tick();
  });
}
