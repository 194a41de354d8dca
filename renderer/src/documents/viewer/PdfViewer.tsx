/**
 * PdfViewer — the agenda document reader (pdfjs-dist). Props (a contract with annotations/follow):
 * - `data`: the verified PDF bytes (the viewer copies them; pdf.js transfers its copy to the worker).
 * - `renderPageOverlay?({ pageIndex, viewport, width, height })`: drawn absolutely over each
 *   rendered page, above the text layer, same size as the page box (CSS px). `viewport` is the
 *   pdf.js PageViewport at the current zoom and rotation (use convertToViewportPoint /
 *   convertToPdfPoint). The overlay container has `pointer-events: none`; give your own
 *   elements `pointer-events: auto` where they should take input.
 * - `onPageChange?(pageIndex)`: the page most in view changed (0-based).
 * - `page?`: controlled current page (0-based); the viewer scrolls to it whenever it changes.
 * - `zoom?` / `onZoomChange?`: controlled zoom, a scale (1 = 100%) or 'page-width' | 'page-fit'.
 * - `toolbarExtra?`: a full-width second toolbar row (annotation tools).
 * - `toolbarEnd?`: a slot at the right end of the first toolbar row (e.g. a side-panel toggle).
 * - `sidePanel?`: shown right of the pages, below the toolbar (which keeps the full width); it
 *   sizes itself. Fit-width zoom follows the room left for the pages.
 * - Without `zoom`, a document opens at 'page-width'.
 */
import {
  type ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { TextContent } from 'pdfjs-dist/types/src/display/api';
import { useTranslation } from 'react-i18next';
import { FindBar } from './FindBar';
import type { FindHit } from './find';
import { COLUMN_PADDING, pageAt, pageOffsets, type PageSize } from './layout';
import { PageView } from './PageView';
import { Thumbnails } from './Thumbnails';
import { Toolbar } from './Toolbar';
import { type PageShape, useDocument } from './useDocument';
import { useFind } from './useFind';
import { useNearPages } from './useNearPages';
import type { PageOverlayInfo } from './page-overlay';
import { PDF_TO_CSS, stepZoom, type ViewerZoom, zoomFactor } from './zoom';
import './viewer.css';

export interface PdfViewerProps {
  data: Uint8Array;
  renderPageOverlay?: (page: PageOverlayInfo) => ReactNode;
  onPageChange?: (pageIndex: number) => void;
  page?: number;
  zoom?: ViewerZoom;
  onZoomChange?: (zoom: ViewerZoom) => void;
  toolbarExtra?: ReactNode;
  toolbarEnd?: ReactNode;
  sidePanel?: ReactNode;
}

export function PdfViewer(props: PdfViewerProps) {
  const { t } = useTranslation();
  const state = useDocument(props.data);
  if (state.status === 'loading')
    return (
      <div className="pdf-viewer pdf-viewer--message" role="status">
        {t('viewer.loading')}
      </div>
    );
  if (state.status === 'failed')
    return (
      <div className="pdf-viewer pdf-viewer--message pdf-viewer--error" role="alert">
        {t(state.reason === 'encrypted' ? 'viewer.error.encrypted' : 'viewer.error.broken')}
      </div>
    );
  return <LoadedViewer {...props} pdf={state.pdf} shapes={state.shapes} />;
}

/** Shown size of a page in CSS px for a zoom factor and the user's extra rotation. */
function shownSize(shape: PageShape, factor: number, rotation: number): PageSize {
  const turned = (shape.rotate + rotation) % 180 !== 0;
  const scale = factor * PDF_TO_CSS;
  return turned
    ? { width: shape.height * scale, height: shape.width * scale }
    : { width: shape.width * scale, height: shape.height * scale };
}

function LoadedViewer(props: PdfViewerProps & { pdf: PDFDocumentProxy; shapes: PageShape[] }) {
  const { t } = useTranslation();
  const { pdf, shapes, onPageChange, onZoomChange } = props;
  const pageCount = shapes.length;
  const scrollRef = useRef<HTMLDivElement>(null);
  const findInputRef = useRef<HTMLInputElement>(null);
  const [ownZoom, setOwnZoom] = useState<ViewerZoom>('page-width');
  const zoom = props.zoom ?? ownZoom;
  const [rotation, setRotation] = useState(0);
  const [current, setCurrent] = useState(0);
  const [thumbnails, setThumbnails] = useState(false);
  const [findOpen, setFindOpen] = useState(false);
  const [box, setBox] = useState<PageSize>({ width: 800, height: 600 });
  const currentRef = useRef(0);
  /** Where the reader is (page + fraction down it), kept across zoom and rotation changes. */
  const anchor = useRef({ page: 0, fraction: 0 });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setBox({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Fit settings are resolved against the page being read when they are chosen.
  const [fitIndex, setFitIndex] = useState(0);
  const fitShape = shapes[fitIndex] ?? shapes[0];
  const factor = useMemo(
    () => (fitShape ? zoomFactor(zoom, shownSize(fitShape, 1 / PDF_TO_CSS, rotation), box) : 1),
    [zoom, rotation, box, fitShape],
  );
  const sizes = useMemo(
    () => shapes.map((s) => shownSize(s, factor, rotation)),
    [shapes, factor, rotation],
  );
  const { tops, total } = useMemo(() => pageOffsets(sizes), [sizes]);
  const columnWidth = Math.max(...sizes.map((s) => s.width)) + 2 * COLUMN_PADDING;

  const setPage = useCallback(
    (page: number) => {
      if (page === currentRef.current) return;
      currentRef.current = page;
      setCurrent(page);
      onPageChange?.(page);
    },
    [onPageChange],
  );

  const scrollToPage = useCallback(
    (page: number) => {
      const el = scrollRef.current;
      const index = Math.min(pageCount - 1, Math.max(0, page));
      if (!el) return;
      el.scrollTop = (tops[index] ?? 0) - COLUMN_PADDING / 2;
      anchor.current = { page: index, fraction: 0 };
      setPage(index);
    },
    [tops, pageCount, setPage],
  );

  // Keep the reader's place when the layout changes (zoom, rotation, real page sizes).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const { page, fraction } = anchor.current;
    el.scrollTop = (tops[page] ?? 0) + fraction * (sizes[page]?.height ?? 0) - COLUMN_PADDING / 2;
  }, [tops, sizes]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const top = el.scrollTop;
    const bottom = top + el.clientHeight;
    const atEnd = bottom >= el.scrollHeight - 2;
    // The most visible page is "this page"; at the very end ties go to the later page.
    let best = pageAt(tops, top, 0);
    let bestVisible = -1;
    for (let i = best; i < pageCount && (tops[i] ?? Infinity) < bottom; i++) {
      const pageTop = tops[i] ?? 0;
      const visible = Math.min(bottom, pageTop + (sizes[i]?.height ?? 0)) - Math.max(top, pageTop);
      if (visible > bestVisible || (atEnd && visible >= bestVisible)) {
        best = i;
        bestVisible = visible;
      }
    }
    const anchorPage = pageAt(tops, top + COLUMN_PADDING / 2, 0);
    anchor.current = {
      page: anchorPage,
      fraction:
        (top + COLUMN_PADDING / 2 - (tops[anchorPage] ?? 0)) /
        Math.max(1, sizes[anchorPage]?.height ?? 1),
    };
    setPage(best);
  };

  // Controlled page (follow mode): go there whenever it changes.
  useEffect(() => {
    if (props.page !== undefined && props.page !== currentRef.current) scrollToPage(props.page);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.page]);

  const changeZoom = useCallback(
    (next: ViewerZoom) => {
      setFitIndex(currentRef.current);
      if (props.zoom === undefined) setOwnZoom(next);
      onZoomChange?.(next);
    },
    [props.zoom, onZoomChange],
  );

  // Text content is fetched once per page and shared by the text layers and find.
  const textCache = useRef({ pdf, pages: new Map<number, Promise<TextContent>>() });
  const textContent = useCallback(
    (pageIndex: number) => {
      if (textCache.current.pdf !== pdf) textCache.current = { pdf, pages: new Map() };
      const cache = textCache.current.pages;
      let content = cache.get(pageIndex);
      if (!content) {
        content = pdf.getPage(pageIndex + 1).then((page) => page.getTextContent());
        cache.set(pageIndex, content);
      }
      return content;
    },
    [pdf],
  );
  const goToHit = useCallback(
    (hit: FindHit) => {
      if (hit.pageIndex !== currentRef.current) scrollToPage(hit.pageIndex);
    },
    [scrollToPage],
  );
  const find = useFind(pageCount, textContent, current, goToHit);
  const currentHit = findOpen ? (find.hits[find.current] ?? null) : null;
  const hitsByPage = useMemo(() => {
    const map = new Map<number, FindHit[]>();
    if (findOpen)
      for (const hit of find.hits) map.set(hit.pageIndex, [...(map.get(hit.pageIndex) ?? []), hit]);
    return map;
  }, [find.hits, findOpen]);

  const openFind = useCallback(() => {
    setFindOpen(true);
    requestAnimationFrame(() => findInputRef.current?.select());
  }, []);

  // Ctrl+F opens our find (the browser's would not see text outside the rendered pages).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        openFind();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openFind]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.tagName === 'INPUT' || target.tagName === 'SELECT') return;
    const actions: Record<string, () => void> = {
      PageDown: () => scrollToPage(current + 1),
      PageUp: () => scrollToPage(current - 1),
      Home: () => scrollToPage(0),
      End: () => scrollToPage(pageCount - 1),
      '+': () => changeZoom(stepZoom(factor, 1)),
      '=': () => changeZoom(stepZoom(factor, 1)),
      '-': () => changeZoom(stepZoom(factor, -1)),
    };
    const action = e.ctrlKey || e.altKey || e.metaKey ? undefined : actions[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const near = useNearPages(scrollRef, pageCount, '100% 0px');
  const painted = useRef(new Set<number>());
  const onPainted = useCallback((i: number) => painted.current.add(i), []);

  return (
    <div className="pdf-viewer" onKeyDown={onKeyDown}>
      <Toolbar
        page={current}
        pageCount={pageCount}
        onPage={scrollToPage}
        zoom={zoom}
        factor={factor}
        onZoom={changeZoom}
        onZoomStep={(d) => changeZoom(stepZoom(factor, d))}
        onRotate={() => {
          setFitIndex(currentRef.current);
          setRotation((r) => (r + 90) % 360);
        }}
        thumbnails={thumbnails}
        onThumbnails={() => setThumbnails((v) => !v)}
        findOpen={findOpen}
        onFind={() => (findOpen ? setFindOpen(false) : openFind())}
        extra={props.toolbarExtra}
        end={props.toolbarEnd}
      />
      {findOpen ? (
        <FindBar find={find} inputRef={findInputRef} onClose={() => setFindOpen(false)} />
      ) : null}
      <div className="pdf-viewer__body">
        {thumbnails ? (
          <Thumbnails
            pdf={pdf}
            shapes={shapes}
            rotation={rotation}
            current={current}
            onSelect={scrollToPage}
          />
        ) : null}
        <div
          ref={scrollRef}
          className="pdf-viewer__scroll"
          tabIndex={0}
          onScroll={onScroll}
          data-current-page={current}
        >
          <div className="pdf-viewer__column" style={{ height: total, width: columnWidth }}>
            {sizes.map((size, i) => (
              <PageView
                key={i}
                pdf={pdf}
                pageIndex={i}
                scale={factor * PDF_TO_CSS}
                rotation={rotation}
                width={size.width}
                height={size.height}
                top={tops[i] ?? 0}
                near={near.has(i) || i === current}
                distance={Math.min(3, Math.abs(i - current))}
                textContent={textContent}
                hits={hitsByPage.get(i) ?? NO_HITS}
                currentHit={currentHit?.pageIndex === i ? currentHit : null}
                label={t('viewer.pageRegion', { page: i + 1, total: pageCount })}
                renderPageOverlay={props.renderPageOverlay}
                onPainted={onPainted}
              />
            ))}
          </div>
        </div>
        {props.sidePanel}
      </div>
    </div>
  );
}

const NO_HITS: readonly FindHit[] = [];
