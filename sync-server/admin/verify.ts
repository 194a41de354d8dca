/**
 * `admin verify FILE.pdf [--ca ca.pem ...] [--tsa-ca tsa-ca.pem ...]`: checks every signature in a PDF and prints JSON
 * with one verdict per signature and for the file (core/signing/verdict.ts): valid, valid
 * with permitted later changes, changed after signing, trust unknown, unsupported algorithm.
 * Exit 0 only when the file is valid; 1 otherwise (signatures that are not valid are named
 * on stderr); 2 when the file cannot be checked at all.
 */
import { parseArgs } from 'node:util';
import {
  type ChangeAnalysis,
  type PdfSignatureReport,
  type SignatureVerdict,
  fileVerdict,
  verifyPdfSignatures,
} from '../../core/signing';
import { nodeCryptoServices } from '../crypto/node-crypto';
import { AdminCommandError, type CommandIo, reportFailure } from './sign';
import { readFile } from 'node:fs/promises';

const VERIFY_USAGE = 'usage: admin verify FILE.pdf [--ca ca.pem ...] [--tsa-ca tsa-ca.pem ...]';

export interface SignatureReportJson {
  readonly field: string;
  readonly verdict: SignatureVerdict;
  /** Common name of the signing certificate. */
  readonly signer: string | null;
  /**
   * The signing time, ISO 8601: the signature timestamp's when it is valid (B-T), else /M (the
   * time the signer claims; B-B has no trusted time).
   */
  readonly time: string | null;
  /** /M as ISO 8601, as the signer's clock claimed it. */
  readonly claimedTime: string | null;
  /** The signature timestamp (PAdES B-T), judged against the --tsa-ca certificates. */
  readonly timestamp: {
    readonly status: 'valid' | 'invalid' | 'absent';
    readonly time: string | null;
    readonly tsa: string | null;
    readonly code: string | null;
  };
  readonly coversWholeDocument: boolean;
  /** Bytes of the revision this signature covers. */
  readonly signedLength: number;
  readonly digestValid: boolean;
  readonly signatureValid: boolean;
  /** Chains to one of the --ca certificates; null when no --ca was given. */
  readonly trustedChain: boolean | null;
  readonly certificateValidAtSigningTime: boolean;
  readonly padesBaselineB: boolean;
  readonly algorithmSupported: boolean;
  /** DocMDP /P when this signature certifies the document. */
  readonly docMdp: number | null;
  /** What later revisions changed: permitted by a rule, or refused (changed after signing). */
  readonly laterChanges: ChangeAnalysis;
  /** Valid, possibly with permitted later changes. */
  readonly valid: boolean;
  readonly problems: readonly string[];
  /** PAdES baseline level reached (B-B, B-T, B-LT, B-LTA); null for a document timestamp. */
  readonly level: string | null;
  /** Until when what that level rests on stays verifiable, ISO 8601. */
  readonly verifiableUntil: string | null;
  /** Why the embedded DSS does not yet make it B-LT (with a valid timestamp only). */
  readonly longTermMissing: readonly string[];
}

export interface VerifyOutput {
  readonly file: string;
  readonly verdict: SignatureVerdict | 'unsigned';
  /** The file's verdict is "valid" (the only exit 0). */
  readonly valid: boolean;
  readonly signatures: readonly SignatureReportJson[];
}

const VERDICT_WORDS: Readonly<Record<SignatureVerdict, string>> = {
  valid: 'valid',
  'valid-with-permitted-changes': 'valid with permitted later changes',
  'changed-after-signing': 'changed after signing',
  'trust-unknown': 'trust unknown',
  'unsupported-algorithm': 'signed with an unsupported algorithm',
};

export function verdictOf(r: PdfSignatureReport, trustChecked: boolean): SignatureReportJson {
  const trustedChain = trustChecked ? r.issuedByTrustedCa : null;
  const problems = [...r.problems, ...r.laterChanges.refused.map((c) => c.message)];
  if (!r.digestValid) problems.push('the signed bytes were changed (digest mismatch)');
  if (r.digestValid && !r.signatureValid) problems.push('the CMS signature does not verify');
  if (trustedChain === false) problems.push('the certificate does not chain to a trusted CA');
  if (!r.certificateValidAtSigningTime)
    problems.push('the certificate was not valid at the signing time');
  const ts = r.timestamp ?? { status: 'absent' };
  if (ts.status === 'invalid') problems.push(`the signature timestamp is not valid (${ts.code})`);
  // Without --ca the chain is not checked: core then says "trust unknown".
  const verdict = r.verdict;
  return {
    field: r.fieldName,
    verdict,
    signer: r.signerCommonName ?? null,
    time: r.signingTime?.toISOString() ?? null,
    claimedTime: r.claimedSigningTime?.toISOString() ?? null,
    timestamp: {
      status: ts.status,
      time: ts.time?.toISOString() ?? null,
      tsa: ts.tsaSubject ?? null,
      code: ts.code ?? null,
    },
    coversWholeDocument: r.coversWholeDocument,
    signedLength: r.signedLength,
    digestValid: r.digestValid,
    signatureValid: r.signatureValid,
    trustedChain,
    certificateValidAtSigningTime: r.certificateValidAtSigningTime,
    padesBaselineB:
      r.subFilter === 'ETSI.CAdES.detached' &&
      r.hasSigningCertificateV2 &&
      !r.hasSigningTimeAttribute,
    algorithmSupported: r.algorithmSupported,
    docMdp: r.docMdp ?? null,
    laterChanges: r.laterChanges,
    valid: verdict === 'valid' || verdict === 'valid-with-permitted-changes',
    problems,
    level: r.level ?? null,
    verifiableUntil: r.verifiableUntil?.toISOString() ?? null,
    longTermMissing: r.dss?.missing ?? [],
  };
}

async function verify(args: string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        ca: { type: 'string', multiple: true },
        'tsa-ca': { type: 'string', multiple: true },
      },
    });
  } catch (cause) {
    throw new AdminCommandError('usage', `${(cause as Error).message}\n${VERIFY_USAGE}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new AdminCommandError('usage', VERIFY_USAGE);
  const read = async (name: string, what: string): Promise<Uint8Array> => {
    try {
      return new Uint8Array(await readFile(name));
    } catch (cause) {
      throw new AdminCommandError(
        'file-unreadable',
        `cannot read the ${what} ${name}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`,
      );
    }
  };
  const pdf = await read(file, 'PDF');
  const cas = parsed.values.ca ?? [];
  const trustedCaPem: string[] = [];
  for (const ca of cas)
    trustedCaPem.push(new TextDecoder().decode(await read(ca, 'CA certificate')));
  const trustedTimestampCaPem: string[] = [];
  for (const ca of parsed.values['tsa-ca'] ?? [])
    trustedTimestampCaPem.push(new TextDecoder().decode(await read(ca, 'TSA CA certificate')));
  const reports = await verifyPdfSignatures(pdf, {
    crypto: nodeCryptoServices,
    trustedCaPem,
    trustedTimestampCaPem,
  });
  const signatures = reports.map((r) => verdictOf(r, cas.length > 0));
  const verdict = fileVerdict(signatures);
  const valid = verdict === 'valid';
  const output: VerifyOutput = { file, verdict, valid, signatures };
  io.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  if (signatures.length === 0) io.stderr.write('no signatures in this PDF\n');
  for (const s of signatures.filter((x) => !x.valid)) {
    const state = s.verdict === 'changed-after-signing' ? 'broken' : VERDICT_WORDS[s.verdict];
    io.stderr.write(
      `signature "${s.field}" (${s.signer ?? 'unknown signer'}) is ${state}: ${[VERDICT_WORDS[s.verdict], ...s.problems].join('; ')}\n`,
    );
  }
  if (signatures.length > 0 && verdict !== 'valid' && signatures.every((s) => s.valid))
    io.stderr.write('the file has changes after its last signature (permitted ones only)\n');
  return valid ? 0 : 1;
}

/** Runs `admin verify`; returns the exit code (0 all valid, 1 broken or none, 2 unreadable). */
export async function runVerifyCommand(args: string[], io: CommandIo): Promise<number> {
  try {
    return await verify(args, io);
  } catch (error) {
    return reportFailure(error, io);
  }
}
