/**
 * `admin sign IN.pdf --p12 FILE --password-file F --out OUT.pdf [--reason …] [--location …]
 * [--field NAME] [--role …] [--visible]`: signs any PDF (ours or not) with the key in a .p12,
 * as a PAdES B-B incremental update. Every refusal is one line "error [code]: …", exit 2, and
 * no output file; the output appears only complete (temp file + rename).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeFileAtomic } from '../../node-shared/atomic-write';
import { parseArgs } from 'node:util';
import {
  IdentityError,
  certificateDerFromPem,
  parseCertificate,
  parseP12,
} from '../../core/identity';
import { SigningError, createOutlineTextPainter, signPdf } from '../../core/signing';
import { nodeCryptoServices, nodeRsaSigner } from '../crypto/node-crypto';
import { CodedError } from '../../core/errors/coded-error';

export interface CommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** A refusal with a stable code, printed as one line. */
export class AdminCommandError extends CodedError {
  override readonly name = 'AdminCommandError';
}

const SIGN_USAGE =
  'usage: admin sign IN.pdf --p12 FILE --password-file F --out OUT.pdf [--reason TEXT] [--location TEXT] [--field NAME] [--role TEXT] [--visible [--page N] [--rect X1,Y1,X2,Y2]]';

/**
 * Where a new visible signature goes when the PDF has no field for it (an existing field keeps
 * its own place): page 1, bottom left, about 7.4 × 2.6 cm. --page and --rect move it.
 */
const NEW_FIELD_RECT: [number, number, number, number] = [40, 40, 250, 114];

function placement(
  page: string | undefined,
  rect: string | undefined,
): { page: number; rect: [number, number, number, number] } {
  const pageNumber = page === undefined ? 1 : Number(page);
  if (!Number.isInteger(pageNumber) || pageNumber < 1)
    fail('usage', '--page must be a page number from 1');
  if (rect === undefined) return { page: pageNumber - 1, rect: NEW_FIELD_RECT };
  const nums = rect.split(',').map(Number);
  const [x1 = NaN, y1 = NaN, x2 = NaN, y2 = NaN] = nums;
  if (nums.length !== 4 || !nums.every(Number.isFinite) || x2 - x1 < 20 || y2 - y1 < 10)
    fail('usage', '--rect must be X1,Y1,X2,Y2 in points with X2 > X1 + 20 and Y2 > Y1 + 10');
  return { page: pageNumber - 1, rect: [x1, y1, x2, y2] };
}

function fail(code: string, message: string): never {
  throw new AdminCommandError(code, message);
}

async function readInput(file: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (cause) {
    return fail(
      'file-unreadable',
      `cannot read the ${what} ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`,
    );
  }
}

/** A password file holds the password; one trailing newline (as editors add) is not part of it. */
function passwordFromFile(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes).replace(/\r?\n$/, '');
}

/** Refuses certificates that may not sign now; parseP12 has already matched key and certificate. */
function checkSigningCertificate(certificatePem: string, now: Date): void {
  const info = parseCertificate(certificatePem);
  const who = info.subjectCommonName || info.subjectDn;
  if (now > info.notAfter)
    fail('cert-expired', `the certificate of ${who} expired on ${info.notAfter.toISOString()}`);
  if (now < info.notBefore)
    fail(
      'cert-not-yet-valid',
      `the certificate of ${who} is valid only from ${info.notBefore.toISOString()}`,
    );
  const usage = info.keyUsage;
  if (usage && !usage.digitalSignature && !usage.nonRepudiation)
    fail(
      'cert-key-usage',
      `the certificate of ${who} does not allow digital signatures (key usage)`,
    );
}

/** DejaVu Sans for the appearance text (every Vietnamese letter); absent: a plain box. */
function appearanceFont(): Uint8Array | undefined {
  try {
    const file = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
    return new Uint8Array(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** Writes `bytes` to `out` so that `out` is either absent/old or complete. */
export async function writeAtomically(out: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(out, bytes);
  } catch (cause) {
    fail(
      'file-unwritable',
      `cannot write ${out}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`,
    );
  }
}

async function sign(args: string[], io: CommandIo, now: Date): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        p12: { type: 'string' },
        'password-file': { type: 'string' },
        out: { type: 'string' },
        reason: { type: 'string' },
        location: { type: 'string' },
        field: { type: 'string' },
        role: { type: 'string' },
        visible: { type: 'boolean', default: false },
        page: { type: 'string' },
        rect: { type: 'string' },
      },
    });
  } catch (cause) {
    return fail('usage', `${(cause as Error).message}\n${SIGN_USAGE}`);
  }
  const { values, positionals } = parsed;
  const [input, ...extra] = positionals;
  if (!input || extra.length > 0 || !values.p12 || !values['password-file'] || !values.out)
    fail('usage', SIGN_USAGE);
  if ((values.page !== undefined || values.rect !== undefined) && !values.visible)
    fail('usage', '--page and --rect place a visible signature: add --visible');
  const where = values.visible ? placement(values.page, values.rect) : undefined;
  if (path.resolve(values.out) === path.resolve(input))
    fail('usage', '--out must differ from the input: a signed file is never rewritten in place');

  const pdf = await readInput(input, 'PDF');
  const p12 = await readInput(values.p12, '.p12 file');
  const password = passwordFromFile(await readInput(values['password-file'], 'password file'));
  const identity = parseP12(p12, password);
  checkSigningCertificate(identity.certificatePem, now);

  const chainDer = [identity.certificatePem, ...identity.chainPem].map(certificateDerFromPem);
  const font = appearanceFont();
  const signed = await signPdf({
    pdf,
    signer: nodeRsaSigner(identity.privateKeyPem, chainDer),
    hasher: nodeCryptoServices,
    name: identity.subjectName,
    signingTime: now,
    utcOffsetMinutes: -now.getTimezoneOffset(),
    // Room for the chain, the signature and the attributes, with a margin.
    contentsSize: Math.max(8192, chainDer.reduce((n, c) => n + c.length, 0) + 4096),
    ...(values.field ? { fieldName: values.field } : {}),
    ...(values.reason ? { reason: values.reason } : {}),
    ...(values.location ? { location: values.location } : {}),
    ...(values.role ? { role: values.role } : {}),
    ...(font ? { drawText: createOutlineTextPainter(font) } : {}),
    ...(where ? { appearance: where } : {}),
  });
  await writeAtomically(values.out, signed);
  io.stdout.write(
    `signed ${values.out} as ${identity.subjectName}${values.field ? ` in field "${values.field}"` : ''}\n`,
  );
}

/** Prints a refusal as one line and returns the exit code for it. */
export function reportFailure(error: unknown, io: CommandIo): number {
  if (
    error instanceof AdminCommandError ||
    error instanceof IdentityError ||
    error instanceof SigningError
  ) {
    io.stderr.write(`error [${error.code}]: ${error.message}\n`);
    return 2;
  }
  io.stderr.write(`error [internal]: ${error instanceof Error ? error.message : String(error)}\n`);
  return 2;
}

/** Runs `admin sign`; returns the exit code (0 signed, 2 refused or failed). */
export async function runSignCommand(
  args: string[],
  io: CommandIo,
  now = new Date(),
): Promise<number> {
  try {
    await sign(args, io, now);
    return 0;
  } catch (error) {
    return reportFailure(error, io);
  }
}
