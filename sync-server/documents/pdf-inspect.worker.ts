/** Worker entry: opens one untrusted PDF per task with pdf.js (see pdf-inspect.ts). */
import { serveTasks } from '../workers/serve';
import { loadPdfJs, openPdf, type PdfFacts } from './pdf-open';

export interface InspectRequest {
  bytes: Uint8Array;
  maxPages: number;
}

await loadPdfJs();
serveTasks<InspectRequest, PdfFacts>(async ({ bytes, maxPages }) => ({
  result: await openPdf(bytes, maxPages),
}));
