import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { HttpError } from '../http/router';
import { looksLikePdf } from '../blobs/pdf-check';

/** Why a PDF was refused; stable codes the client maps to messages. */
export type PdfRefusal = 'not-a-pdf' | 'pdf-truncated' | 'pdf-encrypted' | 'pdf-broken';

export class PdfInspectError extends Error {
  constructor(
    readonly code: PdfRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'PdfInspectError';
  }
}

export interface PdfFacts {
  pages: number;
}

type PdfJs = typeof PdfJsModule;
let pdfjs: Promise<PdfJs> | null = null;
// pdf.js loads its standard fonts by URL; point it at the installed package (with a trailing slash).
const standardFontDataUrl = (() => {
  const pkg = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
  return pathToFileURL(join(dirname(pkg), 'standard_fonts') + '/').href;
})();

/**
 * Opens a PDF with pdf.js (the same engine the clients read it with) and counts its pages. An
 * encrypted file is refused: clients could not open it without a password nobody has.
 */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfFacts> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument, VerbosityLevel } = await pdfjs;
  const task = getDocument({
    // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
    data: bytes.slice(),
    standardFontDataUrl,
    isEvalSupported: false,
    stopAtErrors: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const doc = await task.promise;
    const pages = doc.numPages;
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

/**
 * The upload validator for `application/pdf`: the cheap header check first, then a real open.
 * Refusals are HTTP 415 (not a PDF) or 422 (a PDF we will not accept) with the refusal code.
 */
export async function validatePdfUpload(bytes: Uint8Array): Promise<void> {
  await looksLikePdf(bytes);
  try {
    await inspectPdf(bytes);
  } catch (error) {
    if (!(error instanceof PdfInspectError)) throw error;
    throw new HttpError(422, error.code, error.message);
  }
}
