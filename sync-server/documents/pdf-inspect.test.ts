import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBrokenPdf, buildXreflessPdf } from '../../tools/harness/pdf-fixtures';
import { waitFor } from '../../tools/harness/yjs-client';
import { DEFAULT_PDF_LIMITS, PdfInspectError, PdfInspector, type PdfLimits } from './pdf-inspect';

async function pdfWithPages(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`Trang ${i + 1}`);
  return doc.save();
}

const inspectors: PdfInspector[] = [];
const make = (limits: Partial<PdfLimits>): PdfInspector => {
  const inspector = new PdfInspector({ ...DEFAULT_PDF_LIMITS, ...limits });
  inspectors.push(inspector);
  return inspector;
};
afterEach(async () => {
  await Promise.all(inspectors.splice(0).map((i) => i.close()));
});

const refusal = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof PdfInspectError ? error.code : String(error)),
  );

describe('PdfInspector (pdf.js in a worker thread)', () => {
  it('counts pages in a worker that is started lazily and terminated when idle', async () => {
    const inspector = make({ idleMs: 100 });
    expect(inspector.workers).toBe(0);
    const bytes = await pdfWithPages(3);
    expect(await inspector.inspect(bytes)).toEqual({ pages: 3 });
    expect(bytes.byteLength).toBeGreaterThan(0); // the caller's bytes are not detached
    await waitFor(() => inspector.workers === 0, 'the idle worker to be terminated');
    expect(await inspector.inspect(bytes)).toEqual({ pages: 3 });
  });

  it('refuses a broken PDF and one with too many pages, with stable codes', async () => {
    const inspector = make({ maxPages: 2 });
    expect(await refusal(inspector.inspect(await buildBrokenPdf()))).toBe('pdf-broken');
    expect(await refusal(inspector.inspect(await pdfWithPages(3)))).toBe('pdf-too-many-pages');
    expect(await inspector.inspect(await pdfWithPages(2))).toEqual({ pages: 2 });
  });

  it('upload keeps the page count it learned; a kept count is held to the same limit unopened', async () => {
    const inspector = make({ maxPages: 2 });
    expect(await inspector.validateUpload(await pdfWithPages(2))).toEqual({ pdf: { pages: 2 } });
    expect(inspector.opened).toBe(1);
    expect(inspector.checkKnownPages(2)).toEqual({ pages: 2 });
    expect(await refusal(Promise.resolve().then(() => inspector.checkKnownPages(3)))).toBe(
      'pdf-too-many-pages',
    );
    expect(inspector.opened).toBe(1);
  });

  it('terminates a worker that runs past its time limit (pdf-too-complex) and recovers', async () => {
    const inspector = make({ timeoutMs: 1000 });
    expect(await refusal(inspector.inspect(buildXreflessPdf(30)))).toBe('pdf-too-complex');
    expect(await inspector.inspect(await pdfWithPages(1))).toEqual({ pages: 1 });
  });

  it('runs tasks one after another in a pool of one', async () => {
    const inspector = make({ size: 1 });
    const results = await Promise.all(
      [1, 2, 3].map(async (n) => (await inspector.inspect(await pdfWithPages(n))).pages),
    );
    expect(results).toEqual([1, 2, 3]);
    expect(inspector.workers).toBe(1);
  });
});
