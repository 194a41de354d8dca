/**
 * An RFC 3161 time-stamping authority over HTTP (RFC 3161 §3.4): POST application/timestamp-query,
 * answer application/timestamp-reply. Each answer is checked before it is handed back (granted,
 * our imprint and nonce, a valid signature by a trusted time-stamping certificate), so callers
 * only ever embed a token that is worth something.
 */
import { randomBytes } from 'node:crypto';
import type { CryptoServices } from '../../core/crypto/types';
import {
  type CheckedTimestamp,
  type TimestampAuthority,
  TimestampError,
  buildTimestampRequest,
  checkTimestampToken,
  parseTimestampResponse,
} from '../../core/signing/timestamp';

export interface HttpTsaOptions {
  readonly url: string;
  /** HTTP basic authentication. */
  readonly username?: string;
  readonly password?: string;
  /** Sent as `Authorization: Bearer …` (instead of basic). */
  readonly bearerToken?: string;
  /** Default 10 s. */
  readonly timeoutMs?: number;
  /** Largest answer read; default 64 KiB (a token with a certificate chain is a few KiB). */
  readonly maxResponseBytes?: number;
  readonly crypto: Pick<CryptoServices, 'digest' | 'verify'>;
  /** CAs trusted for the purpose "timestamping" (PEM), read on every request. */
  readonly trustedCaPem: () => readonly string[];
  /** The nonce source; default node:crypto (tests may seed it). */
  readonly randomBytes?: (length: number) => Uint8Array;
}

export interface HttpTsa extends TimestampAuthority {
  /** Timestamps and returns what the checks found, alongside the token. */
  timestampChecked(imprint: Uint8Array): Promise<{ token: Uint8Array; checked: CheckedTimestamp }>;
}

const unreachable = (url: string, why: string, cause?: unknown) =>
  new TimestampError('tsa-unreachable', `The TSA at ${url} could not be reached: ${why}`, {
    cause,
  });

async function readLimited(response: Response, limit: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > limit) throw unreachable(url, `the answer is larger than ${limit} bytes`);
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw unreachable(url, `the answer is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export function createHttpTsa(options: HttpTsaOptions): HttpTsa {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const limit = options.maxResponseBytes ?? 64 * 1024;
  const random = options.randomBytes ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const headers: Record<string, string> = { 'content-type': 'application/timestamp-query' };
  if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
  else if (options.username !== undefined)
    headers.authorization = `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`;

  async function post(request: Uint8Array): Promise<Uint8Array> {
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers,
        body: Buffer.from(request),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      const name = (cause as Error).name;
      const why =
        name === 'TimeoutError' || name === 'AbortError'
          ? `no answer within ${timeoutMs} ms`
          : String((cause as Error).cause ?? (cause as Error).message);
      throw unreachable(options.url, why, cause);
    }
    try {
      if (response.status === 401 || response.status === 403)
        throw new TimestampError(
          'tsa-refused',
          `The TSA at ${options.url} refused our credentials (HTTP ${response.status})`,
        );
      if (!response.ok) throw unreachable(options.url, `HTTP ${response.status}`);
      return await readLimited(response, limit, options.url);
    } catch (cause) {
      if (cause instanceof TimestampError) throw cause;
      throw unreachable(options.url, (cause as Error).message, cause);
    }
  }

  async function timestampChecked(imprint: Uint8Array) {
    const nonce = random(16);
    const answer = await post(buildTimestampRequest(imprint, nonce));
    const token = parseTimestampResponse(answer);
    const checked = await checkTimestampToken(token, {
      crypto: options.crypto,
      trustedCaPem: options.trustedCaPem(),
      expected: { imprint },
      nonce,
    });
    return { token, checked };
  }

  return {
    timestampChecked,
    timestamp: async (imprint) => (await timestampChecked(imprint)).token,
  };
}
