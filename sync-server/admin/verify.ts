/**
 * `admin verify FILE.pdf [--ca ca.pem ...] [--tsa-ca tsa-ca.pem ...] [--data DIR
 * [--revocation-unreachable refuse|warn]]`: checks every signature in a PDF and prints JSON
 * with one verdict per signature and for the file (core/signing/verdict.ts): valid, valid
 * with permitted later changes, changed after signing, trust unknown, unsupported algorithm.
 * Exit 0 only when the file is valid; 1 otherwise (signatures that are not valid are named
 * on stderr); 2 when the file cannot be checked at all. With --data, the data directory's
 * signing trust list is trusted too and each signer's revocation is asked (OCSP, then CRL):
 * revoked before the signing time is the verdict "revoked"; revoked later stays valid with a
 * note; no answer follows the signing policy (refuse: trust unknown).
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
import path from 'node:path';
import { DEFAULT_REVOCATION_POLICY, type RevocationPolicy } from '../../core/identity/revocation';
import { checkTrust } from '../../core/identity/trust-check';
import type { SignerRevocationCheck, SignerRevocationStatus } from '../../core/signing';
import { createSignerRevocationCheck } from '../identity/signer-revocation';
import { loadIntermediates, loadTrustList, trustedPemsFor } from '../identity/trust-store';

const VERIFY_USAGE =
  'usage: admin verify FILE.pdf [--ca ca.pem ...] [--tsa-ca tsa-ca.pem ...] [--data DIR [--revocation-unreachable refuse|warn]]';

export interface RevocationJson {
  readonly status: SignerRevocationStatus;
  /** ISO 8601, when revoked. */
  readonly revokedAt: string | null;
  /** The certificate of the path the status is about. */
  readonly subject: string | null;
  /** What the signing policy makes of unknown / not-checked. */
  readonly policy: 'refuse' | 'warn' | null;
  readonly problems: readonly string[];
}

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
  /** The signer's revocation (not-checked without --data). */
  readonly revocation: RevocationJson;
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
  revoked: 'revoked: the certificate was revoked before the signing time',
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
  if (r.revocation.status !== 'good' && r.revocation.status !== 'not-checked')
    problems.push(...r.revocation.problems);
  else if (r.revocation.status === 'not-checked' && r.revocation.policy)
    problems.push(
      `revocation not checked (policy ${r.revocation.policy}): ${r.revocation.problems.join('; ')}`,
    );
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
    revocation: {
      status: r.revocation.status,
      revokedAt: r.revocation.revokedAt?.toISOString() ?? null,
      subject: r.revocation.subject ?? null,
      policy: r.revocation.policy ?? null,
      problems: r.revocation.problems,
    },
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
        data: { type: 'string' },
        'revocation-unreachable': { type: 'string' },
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
  const unreachable = parsed.values['revocation-unreachable'];
  if (unreachable !== undefined && unreachable !== 'refuse' && unreachable !== 'warn')
    throw new AdminCommandError(
      'usage',
      `--revocation-unreachable is refuse or warn\n${VERIFY_USAGE}`,
    );
  let revocation: SignerRevocationCheck | undefined;
  if (parsed.values.data !== undefined) {
    const dataDir = path.resolve(parsed.values.data);
    trustedCaPem.push(...(await trustedPemsFor(dataDir, 'signing')));
    revocation = dataDirRevocation(dataDir, {
      ...DEFAULT_REVOCATION_POLICY.signing,
      ...(unreachable ? { unreachable } : {}),
    });
  } else if (unreachable !== undefined)
    throw new AdminCommandError('usage', `--revocation-unreachable needs --data\n${VERIFY_USAGE}`);
  const trustedTimestampCaPem: string[] = [];
  for (const ca of parsed.values['tsa-ca'] ?? [])
    trustedTimestampCaPem.push(new TextDecoder().decode(await read(ca, 'TSA CA certificate')));
  const reports = await verifyPdfSignatures(pdf, {
    crypto: nodeCryptoServices,
    trustedCaPem,
    trustedTimestampCaPem,
    ...(revocation ? { revocation } : {}),
  });
  const signatures = reports.map((r) => verdictOf(r, trustedCaPem.length > 0));
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

/** The data directory's signing trust (anchors, intermediates) and a fixed policy. */
function dataDirRevocation(dataDir: string, policy: RevocationPolicy): SignerRevocationCheck {
  return createSignerRevocationCheck({
    now: () => new Date(),
    trust: {
      policy: () => policy,
      check: async (chainDer, purpose, now) =>
        checkTrust({
          chainDer,
          intermediatesDer: await loadIntermediates(dataDir),
          trustList: await loadTrustList(dataDir),
          purpose,
          now,
        }),
    },
  });
}

/** Runs `admin verify`; returns the exit code (0 all valid, 1 broken or none, 2 unreadable). */
export async function runVerifyCommand(args: string[], io: CommandIo): Promise<number> {
  try {
    return await verify(args, io);
  } catch (error) {
    return reportFailure(error, io);
  }
}
