/**
 * PAdES B-LTA renewal: when archived minutes must get a new document timestamp. What a file's
 * signatures rest on stays verifiable until the earliest `verifiableUntil` among them (the last
 * timestamp's TSA certificate, ltv-level.ts); a new document timestamp from a TSA whose
 * certificate lasts longer moves that date on. Pure: the caller passes the verifier's reports
 * and its clock.
 */
import type { PadesLevel } from './ltv-level';

export const DEFAULT_RENEWAL_DAYS = 90;

const DAY_MS = 86_400_000;

/** What the decision needs of each signature report (document timestamps have no level). */
export interface RenewalSignature {
  readonly level?: PadesLevel | undefined;
  readonly verifiableUntil?: Date | undefined;
}

export type RenewalDecision =
  /** The earliest expiry falls within the window: add the DSS and a document timestamp. */
  | { readonly due: true; readonly verifiableUntil: Date }
  | {
      readonly due: false;
      /**
       * not-due: still beyond the window; no-trusted-time: a signature is B-B (no valid
       * signature timestamp), which a document timestamp cannot lift; expired: the last
       * timestamp's certificate has expired already, too late to renew; unsigned: no signature.
       */
      readonly reason: 'not-due' | 'no-trusted-time' | 'expired' | 'unsigned';
      readonly verifiableUntil: Date | undefined;
    };

/** The earliest `verifiableUntil` among the signatures (undefined when any has none). */
export function fileVerifiableUntil(signatures: readonly RenewalSignature[]): Date | undefined {
  let earliest: Date | undefined;
  for (const s of signatures) {
    if (s.level === undefined) continue;
    if (!s.verifiableUntil) return undefined;
    if (!earliest || s.verifiableUntil < earliest) earliest = s.verifiableUntil;
  }
  return earliest;
}

export function renewalDecision(
  signatures: readonly RenewalSignature[],
  now: Date,
  beforeDays: number,
): RenewalDecision {
  const signed = signatures.filter((s) => s.level !== undefined);
  const until = fileVerifiableUntil(signed);
  if (signed.length === 0) return { due: false, reason: 'unsigned', verifiableUntil: undefined };
  if (signed.some((s) => s.level === 'B-B'))
    return { due: false, reason: 'no-trusted-time', verifiableUntil: until };
  if (!until) return { due: false, reason: 'no-trusted-time', verifiableUntil: undefined };
  if (until.getTime() <= now.getTime())
    return { due: false, reason: 'expired', verifiableUntil: until };
  if (until.getTime() - now.getTime() > beforeDays * DAY_MS)
    return { due: false, reason: 'not-due', verifiableUntil: until };
  return { due: true, verifiableUntil: until };
}

/**
 * A renewal is kept only when it moves the date on: a TSA whose certificate ends no later
 * than the last timestamp's gains nothing, and keeping it would make every run add another.
 */
export const renewalExtends = (before: Date, after: Date | undefined): boolean =>
  after !== undefined && after.getTime() > before.getTime();
