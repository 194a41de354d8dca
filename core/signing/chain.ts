/**
 * The minimal chain check verification uses: each certificate issued by the next (by any
 * algorithm signature-algorithms.ts knows), ending at a trusted CA. No revocation, no extension
 * checks: the full certificate verifier lives in core/identity.
 */
import type { CryptoServices } from '../crypto/types';
import type { CertificateFields } from './certificate';
import { bytesEqual } from './der';
import { signatureAlgorithm } from './signature-algorithms';

/** `unsupported` names an algorithm that kept a candidate issuer from being checked. */
export async function chainTrusted(
  leaf: CertificateFields,
  pool: readonly CertificateFields[],
  trusted: readonly CertificateFields[],
  crypto: Pick<CryptoServices, 'verify'>,
): Promise<{ trusted: boolean; unsupported?: string }> {
  let current = leaf;
  let unsupported: string | undefined;
  const result = (ok: boolean) => ({ trusted: ok, ...(unsupported ? { unsupported } : {}) });
  for (let depth = 0; depth < 8; depth++) {
    if (trusted.some((t) => bytesEqual(t.der, current.der))) return result(true);
    const candidates = [...trusted, ...pool].filter((c) =>
      bytesEqual(c.subjectDer, current.issuerDer),
    );
    let next: CertificateFields | undefined;
    for (const c of candidates) {
      const params = signatureAlgorithm(current.signatureAlgorithmDer, c.spkiDer);
      if (!params.supported) {
        unsupported = `certificate of ${current.subjectCommonName ?? 'a signer'}: ${params.reason}`;
        continue;
      }
      if (await crypto.verify(params, c.spkiDer, current.tbsDer, current.signature)) {
        next = c;
        break;
      }
    }
    if (!next || next === current) return result(false);
    if (trusted.includes(next)) return { trusted: true };
    current = next;
  }
  return result(false);
}
