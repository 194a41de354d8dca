/**
 * One verdict vocabulary for a signature and for a whole file, shared by the server, the
 * admin CLI and the in-app verification panel.
 */
import type { ChangeAnalysis, PermittedChange, RefusedChange } from './diff-vocabulary';
import type { SignerRevocation } from './signer-revocation';

export type SignatureVerdict =
  | 'valid'
  | 'valid-with-permitted-changes'
  | 'changed-after-signing'
  | 'trust-unknown'
  | 'unsupported-algorithm'
  | 'revoked';

/** Worst first: a file is as good as its worst signature. */
const SEVERITY: Readonly<Record<SignatureVerdict, number>> = {
  'changed-after-signing': 5,
  revoked: 4,
  'unsupported-algorithm': 3,
  'trust-unknown': 2,
  'valid-with-permitted-changes': 1,
  valid: 0,
};

export interface VerdictInput {
  readonly byteRangeWellFormed: boolean;
  readonly digestValid: boolean;
  readonly signatureValid: boolean;
  readonly algorithmSupported: boolean;
  readonly issuedByTrustedCa: boolean;
  readonly certificateValidAtSigningTime: boolean;
  /** The signature ends exactly at the end of a revision. */
  readonly coversRevision: boolean;
  /** What the revisions after the signed one changed (DocMDP already applied). */
  readonly laterChanges: ChangeAnalysis;
  /** Absent: not checked, and no policy to apply (the verdict ignores revocation). */
  readonly revocation?: SignerRevocation;
}

export function signatureVerdict(r: VerdictInput): SignatureVerdict {
  if (!r.algorithmSupported) return 'unsupported-algorithm';
  if (
    !r.byteRangeWellFormed ||
    !r.digestValid ||
    !r.signatureValid ||
    !r.coversRevision ||
    r.laterChanges.refused.length > 0
  )
    return 'changed-after-signing';
  if (r.revocation?.status === 'revoked') return 'revoked';
  if (!r.issuedByTrustedCa || !r.certificateValidAtSigningTime) return 'trust-unknown';
  // No answer (unknown, unreachable) under a refusing signing policy: trust cannot be vouched.
  const unanswered = r.revocation?.status === 'unknown' || r.revocation?.status === 'not-checked';
  if (unanswered && r.revocation?.policy === 'refuse') return 'trust-unknown';
  return r.laterChanges.level === 'none' ? 'valid' : 'valid-with-permitted-changes';
}

export interface FileVerdictInput {
  readonly verdict: SignatureVerdict;
  readonly coversWholeDocument: boolean;
}

/**
 * The file's verdict: the worst signature's; "valid" needs the last revision signed — a file
 * with anything (even a permitted change) after its last signature is at best "valid with
 * permitted later changes". No signature at all is not valid.
 */
export function fileVerdict(
  signatures: readonly FileVerdictInput[],
): SignatureVerdict | 'unsigned' {
  if (signatures.length === 0) return 'unsigned';
  let worst: SignatureVerdict = 'valid';
  for (const s of signatures) if (SEVERITY[s.verdict] > SEVERITY[worst]) worst = s.verdict;
  if (worst === 'valid' || worst === 'valid-with-permitted-changes') {
    return signatures.some((s) => s.coversWholeDocument) ? 'valid' : 'valid-with-permitted-changes';
  }
  return worst;
}

export type { ChangeAnalysis, PermittedChange, RefusedChange };
