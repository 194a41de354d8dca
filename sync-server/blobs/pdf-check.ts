import { HttpError } from '../http/router';

/**
 * A first, cheap check that bytes are a PDF: the header and an end-of-file marker. Deeper
 * checks (it opens, it is not encrypted) belong to the features that accept PDFs.
 */
export async function looksLikePdf(bytes: Uint8Array): Promise<void> {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 2048)));
  if (!head.includes('%PDF-')) throw new HttpError(415, 'not-a-pdf', 'This file is not a PDF.');
  if (!tail.includes('%%EOF'))
    throw new HttpError(422, 'pdf-truncated', 'This PDF is incomplete or damaged.');
}
