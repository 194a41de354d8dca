/**
 * `admin sign IN.pdf --p12 FILE --password-file F --out OUT.pdf [--reason …] [--location …]
 * [--field NAME] [--role …] [--visible] [--tsa-url URL --tsa-ca F …]`: signs any PDF (ours or
 * not) with the key in a .p12, as a PAdES B-B incremental update (B-T with --tsa-url). Every refusal is one line "error [code]: …", exit 2, and
 * no output file; the output appears only complete (temp file + rename).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeFileAtomic } from '../../node-shared/atomic-write';
import { parseArgs } from 'node:util';
import { IdentityError, certificateDerFromPem, parseP12 } from '../../core/identity';
import { decodeChainCertificate } from '../../core/identity/certificate';
import {
  SigningError,
  contentsSizeFor,
  createOutlineTextPainter,
  signPdf,
} from '../../core/signing';
import { nodeCryptoServices, nodeRsaSigner } from '../crypto/node-crypto';
import type { CertificateSigner } from '../../core/crypto/types';
import { TokenError } from '../../core/crypto/token-errors';
import { AdminCommandError } from './sign-errors';
import { type PinSources, tokenSignerFromFlags } from './sign-token';
import { signWithRemoteProvider } from './sign-remote';
import { RemoteSigningError, TimestampError } from '../../core/signing';
import { TIMESTAMP_OPTIONS, timestampIfAsked } from './sign-timestamp';

export interface CommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export { AdminCommandError };

const SIGN_USAGE =
  'usage: admin sign IN.pdf (--p12 FILE --password-file F | --pkcs11-module M (--slot S | --token-label L) (--key-id HEX | --key-label L) [--pin-env VAR] [--certificate F] [--chain F] | --csc-url URL --csc-token-env VAR [--csc-credential ID] [--csc-timeout S] [--ca F]) --out OUT.pdf [--reason TEXT] [--location TEXT] [--field NAME] [--role TEXT] [--visible [--page N] [--rect X1,Y1,X2,Y2]] [--tsa-url URL --tsa-ca F [--tsa-username U --tsa-password-env VAR | --tsa-bearer-token-file F] [--tsa-timeout-ms N]]';

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

/**
 * Refuses certificates that may not sign now (RSA or EC); parseP12 and the token signer have
 * already proven that key and certificate belong together.
 */
function checkSigningCertificate(certificate: string | Uint8Array, now: Date): void {
  const { info } = decodeChainCertificate(certificate);
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

/** The key that signs: a .p12 file, or a PKCS#11 token (closed by the caller). */
interface SigningKey {
  readonly signer: CertificateSigner;
  readonly name: string;
  close(): void;
}

async function signingKey(
  values: Record<string, string | boolean | undefined>,
  pins: PinSources,
  now: Date,
): Promise<SigningKey> {
  const text = (name: string) => {
    const v = values[name];
    return typeof v === 'string' ? v : undefined;
  };
  if (text('pkcs11-module') !== undefined) {
    if (text('p12') !== undefined || text('password-file') !== undefined)
      fail('usage', 'sign with either a .p12 file or a token, not both');
    const token = await tokenSignerFromFlags(
      {
        'pkcs11-module': text('pkcs11-module'),
        slot: text('slot'),
        'token-label': text('token-label'),
        'key-id': text('key-id'),
        'key-label': text('key-label'),
        'pin-env': text('pin-env'),
        certificate: text('certificate'),
        chain: text('chain'),
      },
      pins,
    );
    try {
      const [leafDer] = token.certificateChainDer;
      if (!leafDer) fail('cert-missing', 'the token holds no certificate for the key');
      checkSigningCertificate(leafDer, now);
      const { info } = decodeChainCertificate(leafDer);
      return { signer: token, name: info.subjectCommonName || info.subjectDn, close: token.close };
    } catch (error) {
      token.close();
      throw error;
    }
  }
  const p12Path = text('p12');
  const passwordPath = text('password-file');
  if (!p12Path || !passwordPath) return fail('usage', SIGN_USAGE);
  const p12 = await readInput(p12Path, '.p12 file');
  const password = passwordFromFile(await readInput(passwordPath, 'password file'));
  const identity = parseP12(p12, password);
  checkSigningCertificate(identity.certificatePem, now);
  const chainDer = [identity.certificatePem, ...identity.chainPem].map(certificateDerFromPem);
  return {
    signer: nodeRsaSigner(identity.privateKeyPem, chainDer),
    name: identity.subjectName,
    close: () => undefined,
  };
}

async function sign(args: string[], io: CommandIo, now: Date, pins: PinSources): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        p12: { type: 'string' },
        'password-file': { type: 'string' },
        'pkcs11-module': { type: 'string' },
        slot: { type: 'string' },
        'token-label': { type: 'string' },
        'key-id': { type: 'string' },
        'key-label': { type: 'string' },
        'pin-env': { type: 'string' },
        certificate: { type: 'string' },
        chain: { type: 'string' },
        'csc-url': { type: 'string' },
        'csc-token-env': { type: 'string' },
        'csc-credential': { type: 'string' },
        'csc-timeout': { type: 'string' },
        ca: { type: 'string' },
        out: { type: 'string' },
        reason: { type: 'string' },
        location: { type: 'string' },
        field: { type: 'string' },
        role: { type: 'string' },
        visible: { type: 'boolean', default: false },
        page: { type: 'string' },
        rect: { type: 'string' },
        ...TIMESTAMP_OPTIONS,
      },
    });
  } catch (cause) {
    return fail('usage', `${(cause as Error).message}\n${SIGN_USAGE}`);
  }
  const { values, positionals } = parsed;
  const [input, ...extra] = positionals;
  if (!input || extra.length > 0 || !values.out) fail('usage', SIGN_USAGE);
  if ((values.page !== undefined || values.rect !== undefined) && !values.visible)
    fail('usage', '--page and --rect place a visible signature: add --visible');
  const where = values.visible ? placement(values.page, values.rect) : undefined;
  if (path.resolve(values.out) === path.resolve(input))
    fail('usage', '--out must differ from the input: a signed file is never rewritten in place');

  const pdf = await readInput(input, 'PDF');
  if (values['csc-url'] !== undefined) {
    if (values.p12 !== undefined || values['pkcs11-module'] !== undefined)
      fail('usage', 'sign with one key source: --p12, --pkcs11-module or --csc-url');
    const remote = await signWithRemoteProvider(
      { ...values, 'csc-url': values['csc-url'] },
      pins.env,
      {
        pdf,
        signingTime: now,
        utcOffsetMinutes: -now.getTimezoneOffset(),
        ...(values.field ? { fieldName: values.field } : {}),
        ...(values.reason ? { reason: values.reason } : {}),
        ...(values.location ? { location: values.location } : {}),
        ...(values.role ? { role: values.role } : {}),
        ...(where ? { appearance: where } : {}),
      },
      io,
    );
    const stamped = await timestampIfAsked(remote.signed, values, pins.env);
    await writeAtomically(values.out, stamped?.pdf ?? remote.signed);
    io.stdout.write(
      `signed ${values.out} as ${remote.name} (remote signature, verified)${timestampNote(stamped)}\n`,
    );
    return;
  }
  const key = await signingKey(values, pins, now);
  let signed: Uint8Array;
  try {
    const chainDer = key.signer.certificateChainDer;
    const font = appearanceFont();
    signed = await signPdf({
      pdf,
      signer: key.signer,
      hasher: nodeCryptoServices,
      name: key.name,
      signingTime: now,
      utcOffsetMinutes: -now.getTimezoneOffset(),
      // Room for the chain, the signature and the attributes, with a margin.
      contentsSize: contentsSizeFor(chainDer.reduce((n, c) => n + c.length, 0)),
      ...(values.field ? { fieldName: values.field } : {}),
      ...(values.reason ? { reason: values.reason } : {}),
      ...(values.location ? { location: values.location } : {}),
      ...(values.role ? { role: values.role } : {}),
      ...(font ? { drawText: createOutlineTextPainter(font) } : {}),
      ...(where ? { appearance: where } : {}),
    });
  } finally {
    key.close();
  }
  const stamped = await timestampIfAsked(signed, values, pins.env);
  await writeAtomically(values.out, stamped?.pdf ?? signed);
  io.stdout.write(
    `signed ${values.out} as ${key.name}${values.field ? ` in field "${values.field}"` : ''}${timestampNote(stamped)}\n`,
  );
}

function timestampNote(stamped: Awaited<ReturnType<typeof timestampIfAsked>>): string {
  if (!stamped) return '';
  const { genTime, tsaSubject } = stamped.timestamp;
  return `, timestamped ${genTime.toISOString()} by ${tsaSubject ?? 'the TSA'} (PAdES B-T)`;
}

/** Prints a refusal as one line and returns the exit code for it. */
export function reportFailure(error: unknown, io: CommandIo): number {
  if (
    error instanceof AdminCommandError ||
    error instanceof IdentityError ||
    error instanceof SigningError ||
    error instanceof TokenError ||
    error instanceof RemoteSigningError ||
    error instanceof TimestampError
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
  pins: PinSources = { env: process.env, ...terminalPrompt() },
): Promise<number> {
  try {
    await sign(args, io, now, pins);
    return 0;
  } catch (error) {
    return reportFailure(error, io);
  }
}

/** A no-echo PIN prompt when stdin and stderr are terminals (never when piped or in tests). */
function terminalPrompt(): Pick<PinSources, 'promptHidden'> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return {};
  return {
    promptHidden: (question) =>
      new Promise((resolve) => {
        process.stderr.write(question);
        const stdin = process.stdin;
        stdin.setRawMode(true);
        stdin.resume();
        let pin = '';
        const onData = (chunk: Buffer) => {
          for (const ch of chunk.toString('utf8')) {
            if (ch === '\r' || ch === '\n' || ch === '\u0003' || ch === '\u0004') {
              stdin.setRawMode(false);
              stdin.pause();
              stdin.off('data', onData);
              process.stderr.write('\n');
              resolve(ch === '\u0003' ? undefined : pin);
              return;
            }
            pin = ch === '\u007f' ? pin.slice(0, -1) : pin + ch;
          }
        };
        stdin.on('data', onData);
      }),
  };
}
