import { memo, type ReactNode, useEffect, useRef, useState } from 'react';
import {
  type PageViewport,
  type PDFDocumentProxy,
  type PDFPageProxy,
  type RenderTask,
  TextLayer,
} from 'pdfjs-dist';
import type { TextContent } from 'pdfjs-dist/types/src/display/api';
import { buildPageText, type FindHit, hitRangeInItem, type PageText } from './find';
import type { PageOverlayInfo } from './page-overlay';

/** Canvas pixels beyond this are not worth their memory (a 4× zoom on a retina screen). */
const MAX_CANVAS_PIXELS = 16_000_000;
const NEIGHBOUR_DELAY_MS = 60;

export interface PageViewProps {
  pdf: PDFDocumentProxy;
  pageIndex: number;
  /** Viewport scale (CSS px per PDF point) and the user's extra rotation. */
  scale: number;
  rotation: number;
  /** Placeholder box in CSS px and its place in the column. */
  width: number;
  height: number;
  top: number;
  /** Near the viewport: render it; otherwise keep only the sized placeholder. */
  near: boolean;
  /** Pages away from the one being read; farther pages start painting a little later. */
  distance: number;
  textContent: (pageIndex: number) => Promise<TextContent>;
  hits: readonly FindHit[];
  currentHit: FindHit | null;
  label: string;
  renderPageOverlay?: ((page: PageOverlayInfo) => ReactNode) | undefined;
  onPainted?: (pageIndex: number) => void;
}

/** One page of the continuous column: a placeholder, and when near the viewport its layers. */
export const PageView = memo(function PageView(props: PageViewProps) {
  const { width, height, top, near, pageIndex, label } = props;
  return (
    <div
      className="pdf-page"
      data-page-index={pageIndex}
      role="region"
      aria-label={label}
      style={{ top, width, height }}
    >
      {near ? <RenderedPage {...props} /> : null}
    </div>
  );
});

function RenderedPage(props: PageViewProps) {
  const { pdf, pageIndex, scale, rotation, hits, currentHit } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const [page, setPage] = useState<{ proxy: PDFPageProxy; viewport: PageViewport } | null>(null);
  const [text, setText] = useState<{ layer: TextLayer; pageText: PageText } | null>(null);
  const textContent = props.textContent;
  const onPainted = props.onPainted;
  // How far from the page being read it was when it came near: decides how long it waits.
  const [distance] = useState(props.distance);

  useEffect(() => {
    let live = true;
    void pdf.getPage(pageIndex + 1).then(
      (proxy) => {
        if (!live) return;
        const viewport = proxy.getViewport({ scale, rotation: (proxy.rotate + rotation) % 360 });
        setPage({ proxy, viewport });
        // The document was closed (new bytes, the viewer left) before the page came: nothing to show.
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [pdf, pageIndex, scale, rotation]);

  // The canvas: rendered at device resolution, released (0×0) when the page leaves.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!page || !canvas) return;
    const { proxy, viewport } = page;
    const dpr = window.devicePixelRatio || 1;
    const area = viewport.width * viewport.height;
    const outputScale = Math.min(dpr, Math.sqrt(MAX_CANVAS_PIXELS / Math.max(1, area)));
    canvas.width = Math.floor(viewport.width * outputScale);
    canvas.height = Math.floor(viewport.height * outputScale);
    canvas.style.width = `${viewport.width}px`;
    canvas.style.height = `${viewport.height}px`;
    let task: RenderTask | null = null;
    // The page being read goes to the worker first; neighbours follow.
    const start = setTimeout(
      () => {
        task = proxy.render({
          canvas,
          viewport,
          ...(outputScale !== 1 ? { transform: [outputScale, 0, 0, outputScale, 0, 0] } : {}),
        });
        task.promise.then(
          () => {
            task = null;
            canvas.dataset.painted = 'true';
            onPainted?.(pageIndex);
          },
          () => undefined, // cancelled: the page scrolled away or the zoom changed
        );
      },
      Math.min(3, distance) * NEIGHBOUR_DELAY_MS,
    );
    return () => {
      clearTimeout(start);
      task?.cancel();
      delete canvas.dataset.painted;
      canvas.width = 0;
      canvas.height = 0;
      // Drop the page's decoded resources; pdf.js refetches them if the page comes back.
      proxy.cleanup();
    };
  }, [page, pageIndex, onPainted, distance]);

  // The text layer, for selection and find; built from the same text content find searches.
  useEffect(() => {
    const container = textRef.current;
    if (!page || !container) return;
    let live = true;
    let layer: TextLayer | null = null;
    void textContent(pageIndex).then((content) => {
      if (!live) return;
      const created = new TextLayer({
        textContentSource: content,
        container,
        viewport: page.viewport,
      });
      layer = created;
      const pageText = buildPageText(content.items.filter((item) => 'str' in item));
      created.render().then(
        () => live && setText({ layer: created, pageText }),
        () => undefined,
      );
    });
    return () => {
      live = false;
      layer?.cancel();
      container.replaceChildren();
      setText(null);
    };
  }, [page, pageIndex, textContent]);

  // Find hits: marks inside the text layer's spans (the text itself stays transparent).
  useEffect(() => {
    if (!text) return;
    const divs = text.layer.textDivs;
    const strs = text.layer.textContentItemsStr;
    const touched = new Set<number>();
    let current: HTMLElement | null = null;
    for (const hit of hits) {
      for (let i = 0; i < strs.length; i++) {
        const str = strs[i] ?? '';
        const range = hitRangeInItem(text.pageText, i, str.length, hit);
        const div = divs[i];
        if (!range || !div) continue;
        const mark = markRange(div, str, range, hit === currentHit);
        touched.add(i);
        if (hit === currentHit) current ??= mark;
      }
    }
    if (current) centerInViewer(current);
    return () => {
      for (const i of touched) {
        const div = divs[i];
        if (div) div.textContent = strs[i] ?? '';
      }
    };
  }, [text, hits, currentHit]);

  const overlay =
    page && props.renderPageOverlay
      ? props.renderPageOverlay({
          pageIndex,
          viewport: page.viewport,
          width: page.viewport.width,
          height: page.viewport.height,
        })
      : null;

  return (
    <>
      <canvas ref={canvasRef} className="pdf-page__canvas" aria-hidden="true" />
      <div
        ref={textRef}
        className="textLayer"
        style={page ? ({ '--total-scale-factor': page.viewport.scale } as object) : undefined}
      />
      {overlay !== null ? <div className="pdf-page__overlay">{overlay}</div> : null}
    </>
  );
}

/** Wraps [from, to) of a span's text in a <mark>; a span with several hits keeps them all. */
function markRange(div: HTMLElement, str: string, [from, to]: [number, number], current: boolean) {
  const existing = [...div.querySelectorAll('mark')].map((m) => ({
    from: Number(m.dataset.from),
    to: Number(m.dataset.to),
    current: m.classList.contains('find-hit--current'),
  }));
  const ranges = [...existing, { from, to, current }].sort((a, b) => a.from - b.from);
  div.replaceChildren();
  let at = 0;
  let created: HTMLElement | null = null;
  for (const r of ranges) {
    if (r.from > at) div.append(str.slice(at, r.from));
    const mark = document.createElement('mark');
    mark.className = r.current ? 'find-hit find-hit--current' : 'find-hit';
    mark.dataset.from = String(r.from);
    mark.dataset.to = String(r.to);
    mark.textContent = str.slice(r.from, r.to);
    div.append(mark);
    if (r.from === from && r.to === to) created = mark;
    at = Math.max(at, r.to);
  }
  if (at < str.length) div.append(str.slice(at));
  return created;
}

/** Brings a find hit to the middle of the viewer's scroll box without scrolling the app around it. */
function centerInViewer(el: HTMLElement) {
  const scroller = el.closest<HTMLElement>('.pdf-viewer__scroll');
  if (!scroller) return;
  const box = scroller.getBoundingClientRect();
  const hit = el.getBoundingClientRect();
  scroller.scrollTop += hit.top + hit.height / 2 - (box.top + box.height / 2);
  if (hit.left < box.left || hit.right > box.right)
    scroller.scrollLeft += hit.left - box.left - box.width / 4;
}
