/**
 * `admin verify FILE.pdf [--ca ca.pem ...]`: checks every signature in a PDF and prints JSON.
 * Exit 0 when there is at least one signature and all are valid, 1 when any is broken (the
 * broken fields are also named on stderr), 2 when the file cannot be checked at all.
 */
import { parseArgs } from 'node:util';
import { type PdfSignatureReport, verifyPdfSignatures } from '../../core/signing';
import { nodeCryptoServices } from '../crypto/node-crypto';
import { AdminCommandError, type CommandIo, reportFailure } from './sign';
import { readFile } from 'node:fs/promises';

const VERIFY_USAGE = 'usage: admin verify FILE.pdf [--ca ca.pem ...]';

export interface SignatureVerdict {
  readonly field: string;
  /** Common name of the signing certificate. */
  readonly signer: string | null;
  /** /M as ISO 8601 (the time the signer claims; B-B has no trusted time). */
  readonly time: string | null;
  readonly coversWholeDocument: boolean;
  /** Bytes of the revision this signature covers. */
  readonly signedLength: number;
  readonly digestValid: boolean;
  readonly signatureValid: boolean;
  /** Chains to one of the --ca certificates; null when no --ca was given. */
  readonly trustedChain: boolean | null;
  readonly certificateValidAtSigningTime: boolean;
  readonly padesBaselineB: boolean;
  readonly valid: boolean;
  readonly problems: readonly string[];
}

export interface VerifyOutput {
  readonly file: string;
  readonly valid: boolean;
  readonly signatures: readonly SignatureVerdict[];
}

export function verdictOf(r: PdfSignatureReport, trustChecked: boolean): SignatureVerdict {
  const trustedChain = trustChecked ? r.issuedByTrustedCa : null;
  const problems = [...r.problems];
  if (!r.digestValid) problems.push('the signed bytes were changed (digest mismatch)');
  if (r.digestValid && !r.signatureValid) problems.push('the CMS signature does not verify');
  if (trustedChain === false) problems.push('the certificate does not chain to a trusted CA');
  if (!r.certificateValidAtSigningTime)
    problems.push('the certificate was not valid at the signing time');
  return {
    field: r.fieldName,
    signer: r.signerCommonName ?? null,
    time: r.signingTime?.toISOString() ?? null,
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
    valid:
      r.byteRangeWellFormed &&
      r.digestValid &&
      r.signatureValid &&
      trustedChain !== false &&
      r.certificateValidAtSigningTime,
    problems,
  };
}

async function verify(args: string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { ca: { type: 'string', multiple: true } },
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
  const reports = await verifyPdfSignatures(pdf, { crypto: nodeCryptoServices, trustedCaPem });
  const signatures = reports.map((r) => verdictOf(r, cas.length > 0));
  const valid = signatures.length > 0 && signatures.every((s) => s.valid);
  const output: VerifyOutput = { file, valid, signatures };
  io.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  if (signatures.length === 0) io.stderr.write('no signatures in this PDF\n');
  for (const s of signatures.filter((x) => !x.valid))
    io.stderr.write(
      `signature "${s.field}" (${s.signer ?? 'unknown signer'}) is broken: ${s.problems.join('; ')}\n`,
    );
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
