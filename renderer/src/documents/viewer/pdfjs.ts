/**
 * pdf.js set up for the strict CSP: the worker is a bundled file (worker-src 'self'), eval is off,
 * and the CMaps / standard fonts / wasm decoders ship inside the build. CMaps matter for PDFs with
 * non-embedded CID fonts; the standard fonts stand in for non-embedded Arial/Times, which is what
 * many Vietnamese office PDFs use. They are served through our own data factory because the
 * bundler names each file by hash, so there is no single folder URL to hand pdf.js.
 */
import {
  getDocument,
  GlobalWorkerOptions,
  type PDFDocumentLoadingTask,
  VerbosityLevel,
} from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

type UrlMap = Record<string, string>;
const byFileName = (files: UrlMap): Map<string, string> =>
  new Map(Object.entries(files).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));

const assets: Record<'cMapUrl' | 'standardFontDataUrl' | 'wasmUrl', Map<string, string>> = {
  cMapUrl: byFileName(
    import.meta.glob<string>('../../../../node_modules/pdfjs-dist/cmaps/*.bcmap', {
      query: '?url',
      import: 'default',
      eager: true,
    }),
  ),
  standardFontDataUrl: byFileName(
    import.meta.glob<string>('../../../../node_modules/pdfjs-dist/standard_fonts/*.{pfb,ttf}', {
      query: '?url',
      import: 'default',
      eager: true,
    }),
  ),
  wasmUrl: byFileName(
    import.meta.glob<string>('../../../../node_modules/pdfjs-dist/wasm/*.wasm', {
      query: '?url',
      import: 'default',
      eager: true,
    }),
  ),
};

/** Small assets may be inlined as data: URLs, which connect-src 'self' would refuse to fetch. */
async function load(url: string): Promise<Uint8Array> {
  if (url.startsWith('data:')) {
    const base64 = url.slice(url.indexOf(',') + 1);
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${res.status} ${url}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** pdf.js' BinaryDataFactory shape: it asks for a file by kind and name. */
class BundledDataFactory {
  async fetch({ kind, filename }: { kind: keyof typeof assets; filename: string }) {
    const url = assets[kind]?.get(filename);
    if (!url) throw new Error(`pdf.js asset not bundled: ${kind} ${filename}`);
    return load(url);
  }
}

/** Opens verified PDF bytes (copied: pdf.js transfers the buffer it gets to its worker). */
export function openPdf(data: Uint8Array): PDFDocumentLoadingTask {
  return getDocument({
    data: data.slice(),
    isEvalSupported: false,
    // Any non-empty value: the factory, not the URL, decides where files come from.
    cMapUrl: 'bundled/',
    cMapPacked: true,
    standardFontDataUrl: 'bundled/',
    wasmUrl: 'bundled/',
    useWorkerFetch: false,
    BinaryDataFactory: BundledDataFactory,
    verbosity: VerbosityLevel.ERRORS,
  } as Parameters<typeof getDocument>[0]);
}

/** What went wrong opening a PDF, in the words the viewer shows. */
export type PdfOpenFailure = 'encrypted' | 'broken';
export const openFailure = (error: unknown): PdfOpenFailure =>
  error instanceof Error && error.name === 'PasswordException' ? 'encrypted' : 'broken';
