import * as pdfjsLib from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import 'pdfjs-dist/web/pdf_viewer.css';
import { FIXTURE_URL, liveCanvases, until } from './bench-api';

async function main() {
  pdfjsLib.GlobalWorkerOptions.workerSrc = workerUrl;
  // pdf_viewer.mjs reads the library from this global when it loads.
  (globalThis as { pdfjsLib?: unknown }).pdfjsLib = pdfjsLib;
  const { EventBus, PDFViewer } = await import('pdfjs-dist/web/pdf_viewer.mjs');
  const container = document.getElementById('viewerContainer') as HTMLDivElement;
  Object.assign(container.style, { position: 'absolute', inset: '0', overflow: 'auto' });
  const eventBus = new EventBus();
  const viewer = new PDFViewer({ container, eventBus });
  const rendered = new Set<number>();
  eventBus.on('pagesinit', () => {
    viewer.currentScaleValue = 'page-width';
  });
  eventBus.on('pagerendered', (e: { pageNumber: number }) => {
    rendered.add(e.pageNumber);
    if (window.bench && window.bench.firstPaint === null && e.pageNumber === 1)
      window.bench.firstPaint = performance.now();
  });
  window.bench = {
    firstPaint: null,
    pageCount: 0,
    goTo: async (n) => {
      viewer.currentPageNumber = n;
      // A page counts as painted when its view finished rendering (state 3 = FINISHED).
      await until(() => viewer.getPageView(n - 1)?.renderingState === 3);
    },
    liveCanvases,
  };
  const data = new Uint8Array(await (await fetch(FIXTURE_URL)).arrayBuffer());
  const pdf = await pdfjsLib.getDocument({ data, isEvalSupported: false }).promise;
  viewer.setDocument(pdf);
  window.bench.pageCount = pdf.numPages;
  await until(() => rendered.has(1));
}

void main();
