/**
 * Which PAdES baseline level a signature reaches (ETSI EN 319 142-1) and until when what that
 * level rests on stays verifiable:
 * - B-B: a signature; it lasts as long as the signer's certificate.
 * - B-T: plus a valid signature timestamp; it lasts as long as the TSA's certificate.
 * - B-LT: plus the chain and revocation data in the DSS, checked as of the timestamp's time, so
 *   no responder is needed any more; still bounded by the timestamp's TSA certificate.
 * - B-LTA: plus a valid document timestamp over a later revision; it lasts as long as the last
 *   document timestamp's TSA certificate (re-timestamping before then extends it).
 */
import type { SignatureTimestampReport } from './timestamp';

export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

export interface LevelInput {
  readonly signerNotAfter: Date | undefined;
  readonly timestamp: SignatureTimestampReport | undefined;
  /** The DSS holds the chain and revocation data, checked as of the timestamp's time. */
  readonly dssCovers: boolean;
  /** Valid document timestamps over revisions after this signature, oldest first. */
  readonly laterDocumentTimestamps: readonly SignatureTimestampReport[];
}

export interface LevelClaim {
  readonly level: PadesLevel;
  readonly verifiableUntil: Date | undefined;
}

export function claimLevel(input: LevelInput): LevelClaim {
  const ts = input.timestamp;
  if (ts?.status !== 'valid') return { level: 'B-B', verifiableUntil: input.signerNotAfter };
  if (!input.dssCovers) return { level: 'B-T', verifiableUntil: ts.tsaCertificateNotAfter };
  const last = input.laterDocumentTimestamps.filter((d) => d.status === 'valid').at(-1);
  if (!last) return { level: 'B-LT', verifiableUntil: ts.tsaCertificateNotAfter };
  return { level: 'B-LTA', verifiableUntil: last.tsaCertificateNotAfter };
}
