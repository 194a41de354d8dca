/**
 * `admin sign … --tsa-url URL --tsa-ca FILE [--tsa-username U --tsa-password-env VAR |
 * --tsa-bearer-token-file F] [--tsa-timeout-ms N]`: PAdES B-T locally, the same core step the
 * server runs (embedSignatureTimestamp), before the signed file is written.
 */
import { readFile } from 'node:fs/promises';
import { embedSignatureTimestamp, verifyPdfSignatures } from '../../core/signing';
import type { CheckedTimestamp } from '../../core/signing/timestamp';
import { createHttpTsa } from '../../node-shared/tsa/http-tsa';
import { nodeCryptoServices } from '../crypto/node-crypto';
import { AdminCommandError } from './sign-errors';

export const TIMESTAMP_OPTIONS = {
  'tsa-url': { type: 'string' },
  'tsa-ca': { type: 'string' },
  'tsa-username': { type: 'string' },
  'tsa-password-env': { type: 'string' },
  'tsa-bearer-token-file': { type: 'string' },
  'tsa-timeout-ms': { type: 'string' },
} as const;

export type TimestampFlags = Partial<Record<keyof typeof TIMESTAMP_OPTIONS, string>>;

const usage = (message: string) => new AdminCommandError('usage', message);

/** Adds the signature timestamp to the newest signature, or returns null without --tsa-url. */
export async function timestampIfAsked(
  signed: Uint8Array,
  flags: TimestampFlags,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ pdf: Uint8Array; timestamp: CheckedTimestamp } | null> {
  const url = flags['tsa-url'];
  if (url === undefined) {
    const stray = Object.keys(TIMESTAMP_OPTIONS).find(
      (k) => flags[k as keyof TimestampFlags] !== undefined,
    );
    if (stray) throw usage(`--${stray} needs --tsa-url`);
    return null;
  }
  if (!flags['tsa-ca']) throw usage('--tsa-url needs --tsa-ca FILE (the TSA CA, PEM)');
  const timeoutMs = Number(flags['tsa-timeout-ms'] ?? 10_000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000)
    throw usage('--tsa-timeout-ms must be an integer 100–120000');
  const username = flags['tsa-username'];
  const passwordVar = flags['tsa-password-env'];
  if ((username === undefined) !== (passwordVar === undefined))
    throw usage('--tsa-username and --tsa-password-env go together');
  const password = passwordVar !== undefined ? env[passwordVar] : undefined;
  if (passwordVar !== undefined && password === undefined)
    throw usage(`the environment variable ${passwordVar} is not set`);
  const tokenFile = flags['tsa-bearer-token-file'];
  const bearerToken = tokenFile ? (await readFile(tokenFile, 'utf8')).trim() : undefined;
  const caPem = await readFile(flags['tsa-ca'], 'utf8');
  const tsa = createHttpTsa({
    url,
    timeoutMs,
    ...(username !== undefined && password !== undefined ? { username, password } : {}),
    ...(bearerToken ? { bearerToken } : {}),
    crypto: nodeCryptoServices,
    trustedCaPem: () => [caPem],
  });
  const reports = await verifyPdfSignatures(signed, {
    crypto: nodeCryptoServices,
    trustedCaPem: [],
  });
  const newest = reports.find((r) => r.coversWholeDocument);
  if (!newest) throw usage('the signed file has no signature over the whole file');
  return embedSignatureTimestamp(signed, newest.fieldName, {
    tsa,
    crypto: nodeCryptoServices,
    trustedCaPem: [caPem],
  });
}
