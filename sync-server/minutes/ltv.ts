/**
 * PAdES B-LT for accepted minutes: after a signature is accepted and timestamped (and again after
 * the chair's co-signature), the chain of every signer and fresh OCSP responses or CRLs for each
 * certificate below the trust anchor are fetched and appended as a DSS revision (core/signing/dss).
 * A responder that cannot be reached never costs the signature: the file stays as it was, at
 * B-T, and the outcome says that B-LT was not reached and why, so the caller can log, audit and
 * try again later (appending is idempotent: what is already stored is not written twice).
 */
import type { RevocationFetcher } from '../../core/identity/revocation';
import { appendDss } from '../../core/signing/dss';
import { collectForPdf } from '../../core/signing/ltv-collect';

export interface LongTermValidation {
  /** Trust anchors (DER) for the purpose "signing": where each chain ends. */
  readonly anchors: () => Promise<readonly Uint8Array[]>;
  readonly fetcher: RevocationFetcher;
  readonly timeoutMs: number;
}

export type LongTermOutcome =
  | { readonly level: 'B-LT'; readonly pdf: Uint8Array; readonly added: number }
  /** Nothing appended: the file is returned unchanged; `reason` lists what was missing. */
  | { readonly level: 'not-reached'; readonly pdf: Uint8Array; readonly reason: string };

export async function addLongTermValidation(
  pdf: Uint8Array,
  ltv: LongTermValidation,
  now: Date,
): Promise<LongTermOutcome> {
  const material = await collectForPdf(pdf, {
    anchorsDer: await ltv.anchors(),
    fetcher: ltv.fetcher,
    now,
    timeoutMs: ltv.timeoutMs,
  });
  // Half the material is no B-LT: write nothing rather than a DSS a verifier cannot finish with.
  if (material.problems.length > 0)
    return { level: 'not-reached', pdf, reason: material.problems.join('; ') };
  const { pdf: withDss, added } = await appendDss(pdf, material);
  return {
    level: 'B-LT',
    pdf: withDss,
    added: added.certificates + added.ocspResponses + added.crls,
  };
}
