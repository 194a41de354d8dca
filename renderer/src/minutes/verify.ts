/** Verifies a signed PDF in the browser: core's verifier over WebCrypto (forge where absent). */
import { createForgeCryptoServices } from '../../../core/crypto/forge-services';
import {
  verifyPdfSignatures,
  type PdfSignatureReport,
  type VerifyPdfOptions,
} from '../../../core/signing';
import type { TrustResponse } from '../../../core/api/minutes';
import { webCryptoDigest, webCryptoVerifier } from '../identity/webcrypto-verify';

function webCryptoServices(subtle: SubtleCrypto): VerifyPdfOptions['crypto'] {
  return {
    digest: (hash, data) => webCryptoDigest(subtle, hash, data),
    verify: webCryptoVerifier(subtle),
  };
}

/** Valid, possibly with permitted later changes: what the panel shows as a good signature. */
export const signatureOk = (r: PdfSignatureReport): boolean =>
  r.verdict === 'valid' || r.verdict === 'valid-with-permitted-changes';

/** Judged against the server's trust: member CAs, and TSA CAs for signature timestamps. */
export function verifySignedPdf(
  pdf: Uint8Array,
  trust: TrustResponse,
): Promise<PdfSignatureReport[]> {
  const subtle = globalThis.crypto?.subtle;
  return verifyPdfSignatures(pdf, {
    crypto: subtle ? webCryptoServices(subtle) : createForgeCryptoServices(),
    trustedCaPem: trust.caPem,
    trustedTimestampCaPem: trust.timestampCaPem ?? [],
  });
}
