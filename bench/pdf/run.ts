/**
 * `npm run bench:pdf` — our PdfViewer against pdf.js' own PDFViewer (pdfjs-dist/web/pdf_viewer.mjs)
 * on the same 300-page Vietnamese fixture, in Debian Chromium via Playwright. Both harness pages
 * are built together with Vite and served by one static server; each viewer runs in a fresh page.
 * Measures: time to the first painted page (from navigation), time to visit every page (go to it,
 * wait until painted), JS heap after a forced GC before and after the walk, and canvases still
 * holding pixels (memory the JS heap does not show).
 *
 *   tsx bench/pdf/run.ts [--pages 300] [--runs 1]
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import react from '@vitejs/plugin-react';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../tools/harness/chromium';
import { build } from 'vite';
import { buildVietnamesePack } from '../../tools/harness/pdf-fixtures';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: { pages: { type: 'string', default: '300' }, runs: { type: 'string', default: '1' } },
});
const PAGES = Number(values.pages);
const RUNS = Number(values.runs);

const CHROMIUM_ARGS = [...chromiumLaunchOptions.args, '--enable-precise-memory-info'];

interface Result {
  firstPaintMs: number;
  walkMs: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  heapPeakMb: number;
  canvasesAfter: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

function serve(root: string, fixture: Uint8Array): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (body: Uint8Array, type: string) => {
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.byteLength });
      res.end(body);
    };
    if (url.pathname === '/fixture.pdf') return send(fixture, 'application/pdf');
    const file = path.join(root, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
    readFile(file).then(
      (body) => send(body, TYPES[path.extname(file)] ?? 'application/octet-stream'),
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1e6;
}

async function measure(page: Page, url: string): Promise<Result> {
  await page.goto(url);
  await page.waitForFunction(() => window.bench?.firstPaint != null, null, { timeout: 60_000 });
  const firstPaintMs = await page.evaluate(() => window.bench?.firstPaint ?? NaN);
  const pageCount = await page.evaluate(() => window.bench?.pageCount ?? 0);
  await page.waitForTimeout(300); // let the first screen settle (neighbours, text layer)
  const heapBeforeMb = await heapMb(page);
  // A string, not a function: tsx would wrap named helpers in `__name`, unknown in the page.
  const { walkMs, peak } = (await page.evaluate(`(async () => {
    const memory = () => performance.memory ? performance.memory.usedJSHeapSize : 0;
    let peakBytes = memory();
    const start = performance.now();
    for (let n = 1; n <= ${pageCount}; n++) {
      await window.bench.goTo(n);
      peakBytes = Math.max(peakBytes, memory());
    }
    return { walkMs: performance.now() - start, peak: peakBytes / 1e6 };
  })()`)) as { walkMs: number; peak: number };
  await page.waitForTimeout(300);
  const heapAfterMb = await heapMb(page);
  const canvasesAfter = await page.evaluate(() => window.bench?.liveCanvases() ?? 0);
  return { firstPaintMs, walkMs, heapBeforeMb, heapAfterMb, heapPeakMb: peak, canvasesAfter };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main() {
  const started = Date.now();
  const out = await mkdtemp(path.join(tmpdir(), 'dienhong-bench-pdf-'));
  try {
    process.stdout.write(`building the ${PAGES}-page fixture and the two harness pages…\n`);
    const fixture = await buildVietnamesePack(PAGES);
    await build({
      root: path.join(here, 'harness'),
      base: '/',
      logLevel: 'warn',
      plugins: [react()],
      build: {
        outDir: out,
        emptyOutDir: true,
        target: 'es2022',
        rolldownOptions: {
          input: {
            ours: path.join(here, 'harness/ours.html'),
            baseline: path.join(here, 'harness/baseline.html'),
          },
        },
      },
    });
    await writeFile(path.join(out, 'fixture.pdf'), fixture);
    const server = await serve(out, fixture);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({
      executablePath: chromiumLaunchOptions.executablePath,
      args: CHROMIUM_ARGS,
    });
    const results: Record<'ours' | 'baseline', Result[]> = { ours: [], baseline: [] };
    try {
      for (let run = 0; run < RUNS; run++) {
        for (const which of ['ours', 'baseline'] as const) {
          const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
          const page = await context.newPage();
          page.on('pageerror', (e) => process.stderr.write(`[${which}] ${e.message}\n`));
          results[which].push(await measure(page, `${origin}/${which}.html`));
          await context.close();
          process.stdout.write(`  ${which} run ${run + 1} done\n`);
        }
      }
    } finally {
      await browser.close();
      server.close();
    }
    printTable(results);
    process.stdout.write(`(${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

function printTable(results: Record<'ours' | 'baseline', Result[]>) {
  const rows: [string, keyof Result, number][] = [
    ['first painted page (ms)', 'firstPaintMs', 0],
    [`visit all ${PAGES} pages (ms)`, 'walkMs', 0],
    ['JS heap after first page (MB)', 'heapBeforeMb', 1],
    ['JS heap after the walk (MB)', 'heapAfterMb', 1],
    ['JS heap peak during walk (MB)', 'heapPeakMb', 1],
    ['canvases holding pixels after', 'canvasesAfter', 0],
  ];
  const pad = (s: string, n: number) => s.padStart(n);
  process.stdout.write(
    `\n${'metric'.padEnd(32)}${pad('ours', 10)}${pad('pdf.js', 10)}${pad('ours/pdf.js', 13)}\n`,
  );
  for (const [label, key, digits] of rows) {
    const ours = median(results.ours.map((r) => r[key]));
    const base = median(results.baseline.map((r) => r[key]));
    const ratio = base > 0 ? (ours / base).toFixed(2) : '–';
    process.stdout.write(
      `${label.padEnd(32)}${pad(ours.toFixed(digits), 10)}${pad(base.toFixed(digits), 10)}${pad(ratio, 13)}\n`,
    );
  }
}

await main();
