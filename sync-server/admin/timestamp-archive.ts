/**
 * `admin timestamp-archive --data DIR [--before-days N] --tsa-url URL [--tsa-ca FILE]...
 * [--tsa-username U --tsa-password-env VAR | --tsa-bearer-token-file F] [--tsa-timeout-ms N]`:
 * PAdES B-LTA renewal with the server stopped. Every meeting whose minutes are signed and stop
 * being verifiable within N days (default 90) gets its timestamps' validation data and a new
 * document timestamp, stored as its current signed minutes and audited (archive-renewal.ts, the
 * step the server's --archive-timestamp-days job runs). Prints one JSON line per signed meeting.
 * Exit 0 when no meeting failed, 1 when one did (TSA failure, refused, missing file), 2 when
 * nothing could run (usage, data directory in use).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_REVOCATION_POLICY } from '../../core/identity/revocation';
import { DEFAULT_RENEWAL_DAYS } from '../../core/signing/renewal';
import { createHttpTsa } from '../../node-shared/tsa/http-tsa';
import { BlobStore } from '../blobs/blob-store';
import { DEFAULT_DATA_DIR } from '../config';
import { nodeCryptoServices } from '../crypto/node-crypto';
import { nodeRevocationFetcher } from '../identity/revocation-fetcher';
import { trustedPemsFor } from '../identity/trust-store';
import { type RenewalResult, renewArchivedMinutes } from '../minutes/archive-renewal';
import { withAdminContext } from './context';
import { type CommandIo } from './sign';
import { AdminCommandError } from './sign-errors';
import { TIMESTAMP_OPTIONS } from './sign-timestamp';

const USAGE =
  'usage: admin timestamp-archive [--data DIR] [--before-days N] --tsa-url URL [--tsa-ca FILE]... ' +
  '[--tsa-username U --tsa-password-env VAR | --tsa-bearer-token-file F] [--tsa-timeout-ms N]';

const FAILED: readonly RenewalResult[] = ['tsa-failed', 'refused', 'blob-missing'];

const usage = (message: string) => new AdminCommandError('usage', `${message}\n${USAGE}`);

async function archive(
  args: string[],
  io: CommandIo,
  env: Readonly<Record<string, string | undefined>>,
  now: () => Date,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        ...TIMESTAMP_OPTIONS,
        'tsa-ca': { type: 'string', multiple: true },
        data: { type: 'string' },
        'before-days': { type: 'string' },
      },
    });
  } catch (cause) {
    throw usage((cause as Error).message);
  }
  const v = parsed.values;
  const dataDir = path.resolve(v.data ?? DEFAULT_DATA_DIR);
  const url = v['tsa-url'];
  if (!url) throw usage('--tsa-url is required (the TSA that adds the document timestamps)');
  const beforeDays = Number(v['before-days'] ?? DEFAULT_RENEWAL_DAYS);
  if (!Number.isInteger(beforeDays) || beforeDays < 1 || beforeDays > 3650)
    throw usage('--before-days must be an integer 1–3650');
  const timeoutMs = Number(v['tsa-timeout-ms'] ?? 10_000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000)
    throw usage('--tsa-timeout-ms must be an integer 100–120000');
  const username = v['tsa-username'];
  const passwordVar = v['tsa-password-env'];
  if ((username === undefined) !== (passwordVar === undefined))
    throw usage('--tsa-username and --tsa-password-env go together');
  const password = passwordVar !== undefined ? env[passwordVar] : undefined;
  if (passwordVar !== undefined && password === undefined)
    throw usage(`the environment variable ${passwordVar} is not set`);
  const tokenFile = v['tsa-bearer-token-file'];
  const bearerToken = tokenFile ? (await readFile(tokenFile, 'utf8')).trim() : undefined;
  // The data directory's timestamping trust, plus any --tsa-ca given for this run.
  const extraCas: string[] = [];
  for (const file of v['tsa-ca'] ?? []) extraCas.push(await readFile(file, 'utf8'));
  const timestampCas = async () => [
    ...(await trustedPemsFor(dataDir, 'timestamping')),
    ...extraCas,
  ];
  let trusted: readonly string[] = [];
  const http = createHttpTsa({
    url,
    timeoutMs,
    ...(username !== undefined && password !== undefined ? { username, password } : {}),
    ...(bearerToken ? { bearerToken } : {}),
    crypto: nodeCryptoServices,
    trustedCaPem: () => trusted,
  });
  const reports = await withAdminContext(dataDir, (ctx) =>
    renewArchivedMinutes({
      meetings: ctx.meetings,
      rooms: ctx.rooms,
      blobs: BlobStore.forDataDir(dataDir),
      records: ctx.records,
      audit: ctx.audit,
      crypto: nodeCryptoServices,
      archive: {
        tsa: {
          async timestamp(imprint) {
            trusted = await timestampCas();
            return http.timestamp(imprint);
          },
        },
        timestampCas,
        signingCas: () => trustedPemsFor(dataDir, 'signing'),
        fetcher: nodeRevocationFetcher,
        timeoutMs: DEFAULT_REVOCATION_POLICY.signing.timeoutMs,
      },
      now,
      beforeDays,
      by: 'admin-cli',
    }),
  );
  for (const r of reports) io.stdout.write(`${JSON.stringify(r)}\n`);
  const renewed = reports.filter((r) => r.result === 'renewed').length;
  const failed = reports.filter((r) => FAILED.includes(r.result));
  io.stderr.write(
    `${reports.length} signed minutes checked, ${renewed} renewed, ${failed.length} failed\n`,
  );
  for (const r of failed)
    io.stderr.write(`meeting ${r.meetingId}: ${r.result}${r.reason ? ` (${r.reason})` : ''}\n`);
  return failed.length > 0 ? 1 : 0;
}

/** Runs `admin timestamp-archive`; returns the exit code. */
export async function runTimestampArchiveCommand(
  args: string[],
  io: CommandIo,
  env: Readonly<Record<string, string | undefined>> = process.env,
  now: () => Date = () => new Date(),
): Promise<number> {
  try {
    return await archive(args, io, env, now);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    io.stderr.write(
      `error [${typeof code === 'string' ? code : 'internal'}]: ${(error as Error).message}\n`,
    );
    return 2;
  }
}
