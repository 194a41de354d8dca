/** Verifies a signed PDF in the browser: core's verifier over WebCrypto (forge where absent). */
import { createForgeCryptoServices } from '../../../core/crypto/forge-services';
import type { CryptoServices } from '../../../core/crypto/types';
import { verifyPdfSignatures, type PdfSignatureReport } from '../../../core/signing';
import { webCryptoDigest, webCryptoVerifier } from '../identity/webcrypto-verify';

const ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

function webCryptoServices(
  subtle: SubtleCrypto,
): Pick<CryptoServices, 'sha256' | 'rsaVerifySha256' | 'digest' | 'verify'> {
  const buf = (b: Uint8Array) => b as Uint8Array<ArrayBuffer>;
  return {
    sha256: async (data) => new Uint8Array(await subtle.digest('SHA-256', buf(data))),
    rsaVerifySha256: async (spki, data, signature) => {
      try {
        const key = await subtle.importKey('spki', buf(spki), ALGORITHM, false, ['verify']);
        return await subtle.verify(ALGORITHM, key, buf(signature), buf(data));
      } catch {
        return false;
      }
    },
    digest: (hash, data) => webCryptoDigest(subtle, hash, data),
    verify: webCryptoVerifier(subtle),
  };
}

/** Valid, possibly with permitted later changes: what the panel shows as a good signature. */
export const signatureOk = (r: PdfSignatureReport): boolean =>
  r.verdict === 'valid' || r.verdict === 'valid-with-permitted-changes';

export function verifySignedPdf(
  pdf: Uint8Array,
  trustedCaPem: readonly string[],
): Promise<PdfSignatureReport[]> {
  const subtle = globalThis.crypto?.subtle;
  return verifyPdfSignatures(pdf, {
    crypto: subtle ? webCryptoServices(subtle) : createForgeCryptoServices(),
    trustedCaPem,
  });
}
