import { looksLikePdf } from '../blobs/pdf-check';
import { HttpError } from '../http/router';
import { WorkerPool, WorkerTaskError, type WorkerLimits } from '../workers/pool';
import type { InspectRequest } from './pdf-inspect.worker';
import type { BlobContentFacts } from '../blobs/feature';
import { checkPageLimit, PdfInspectError, type PdfFacts, type PdfRefusal } from './pdf-open';

export { PdfInspectError, type PdfFacts, type PdfRefusal } from './pdf-open';

export interface PdfLimits extends WorkerLimits {
  /** Most pages an agenda document may have. */
  maxPages: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  timeoutMs: 20_000,
  maxHeapMb: 512,
  size: 1,
  idleMs: 30_000,
  maxPages: 5_000,
};

const REFUSALS = new Set<string>([
  'not-a-pdf',
  'pdf-truncated',
  'pdf-encrypted',
  'pdf-broken',
  'pdf-too-many-pages',
]);

/**
 * Opens untrusted PDFs off the event loop: pdf.js runs in a worker thread with a time and heap
 * limit, so a file with no usable xref (pdf.js then scans all of it) or a page tree built to
 * exhaust memory costs that worker, never the requests of others. Overrun → `pdf-too-complex`.
 */
export class PdfInspector {
  private readonly pool: WorkerPool<InspectRequest, PdfFacts>;
  private openedCount = 0;

  constructor(private readonly limits: PdfLimits = DEFAULT_PDF_LIMITS) {
    this.pool = new WorkerPool(new URL('./pdf-inspect.worker.ts', import.meta.url), limits);
  }

  get workers(): number {
    return this.pool.workers;
  }

  /** Files handed to pdf.js so far (the `dienhong_pdf_opened_total` metric). */
  get opened(): number {
    return this.openedCount;
  }

  /** Page count of a PDF, or a PdfInspectError with a stable code. */
  async inspect(bytes: Uint8Array): Promise<PdfFacts> {
    // The worker gets its own copy: the caller keeps `bytes`.
    const copy = bytes.slice();
    this.openedCount++;
    try {
      return await this.pool.run({ bytes: copy, maxPages: this.limits.maxPages }, [
        copy.buffer as ArrayBuffer,
      ]);
    } catch (error) {
      if (!(error instanceof WorkerTaskError)) throw error;
      if (REFUSALS.has(error.code))
        throw new PdfInspectError(error.code as PdfRefusal, error.message);
      if (
        error.code === 'worker-timeout' ||
        error.code === 'worker-out-of-memory' ||
        error.code === 'worker-crashed'
      )
        throw new PdfInspectError(
          'pdf-too-complex',
          'This PDF is too complex to check; save it again (e.g. print to PDF) and retry.',
        );
      throw error;
    }
  }

  /**
   * A page count learned earlier (kept on the blob record at upload), checked against today's
   * limit as `inspect` would: attaching it needs no second open.
   */
  checkKnownPages(pages: number): PdfFacts {
    checkPageLimit(pages, this.limits.maxPages);
    return { pages };
  }

  /**
   * The upload validator for `application/pdf`: the cheap header check first, then a real open,
   * whose page count goes on the blob record. Refusals are HTTP 415 (not a PDF) or 422 (a PDF
   * we will not accept) with the refusal code.
   */
  readonly validateUpload = async (bytes: Uint8Array): Promise<BlobContentFacts> => {
    await looksLikePdf(bytes);
    try {
      const { pages } = await this.inspect(bytes);
      return { pdf: { pages } };
    } catch (error) {
      if (!(error instanceof PdfInspectError)) throw error;
      throw new HttpError(422, error.code, error.message);
    }
  };

  close(): Promise<void> {
    return this.pool.close();
  }
}
