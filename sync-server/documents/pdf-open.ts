import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { CodedError } from '../../core/errors/coded-error';

/** Why a PDF was refused; stable codes the client maps to messages. */
export type PdfRefusal =
  | 'not-a-pdf'
  | 'pdf-truncated'
  | 'pdf-encrypted'
  | 'pdf-broken'
  | 'pdf-too-many-pages'
  | 'pdf-too-complex';

export class PdfInspectError extends CodedError<PdfRefusal> {
  override readonly name = 'PdfInspectError';
}

export interface PdfFacts {
  pages: number;
}

/** Refuses a page count over `maxPages` (a meeting's limit on agenda documents). */
export function checkPageLimit(pages: number, maxPages: number): void {
  if (pages > maxPages)
    throw new PdfInspectError(
      'pdf-too-many-pages',
      `This PDF has ${pages} pages; a meeting accepts at most ${maxPages}.`,
    );
}

type PdfJs = typeof PdfJsModule;
let pdfjs: Promise<PdfJs> | null = null;

/**
 * Loads pdf.js and its parser ("worker" code, which in Node runs in this same thread) ahead of
 * the first file, so that loading does not count against a task's time limit.
 */
export async function loadPdfJs(): Promise<void> {
  const parser = (await import(
    // @ts-expect-error the parser bundle ships without type declarations
    'pdfjs-dist/legacy/build/pdf.worker.mjs'
  )) as { WorkerMessageHandler: unknown };
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = parser;
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  await pdfjs;
}
// pdf.js loads its standard fonts by URL; point it at the installed package (with a trailing slash).
const standardFontDataUrl = (() => {
  const pkg = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
  return pathToFileURL(join(dirname(pkg), 'standard_fonts') + '/').href;
})();

/**
 * Opens a PDF with pdf.js (the same engine the clients read it with) and counts its pages. An
 * encrypted file is refused: clients could not open it without a password nobody has; so is one
 * with more than `maxPages` pages. Runs inside a worker thread (pdf-inspect.worker.ts): pdf.js
 * takes ownership of (and detaches) `bytes`.
 */
export async function openPdf(bytes: Uint8Array, maxPages: number): Promise<PdfFacts> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument, VerbosityLevel } = await pdfjs;
  const task = getDocument({
    data: bytes,
    standardFontDataUrl,
    isEvalSupported: false,
    stopAtErrors: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const doc = await task.promise;
    const pages = doc.numPages;
    checkPageLimit(pages, maxPages);
    // Reading the first and last page catches files whose xref parses but whose pages do not.
    await doc.getPage(1);
    if (pages > 1) await doc.getPage(pages);
    if (pages < 1) throw new PdfInspectError('pdf-broken', 'This PDF has no pages.');
    return { pages };
  } catch (error) {
    if (error instanceof PdfInspectError) throw error;
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException')
      throw new PdfInspectError('pdf-encrypted', 'This PDF is password-protected.');
    throw new PdfInspectError('pdf-broken', 'This PDF is damaged and cannot be opened.');
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
