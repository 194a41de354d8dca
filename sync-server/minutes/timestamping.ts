/**
 * The server's PAdES B-T setup from its settings: the HTTP TSA client, the policy when it fails,
 * and the CAs trusted for the purpose "timestamping" (read from the trust list on each use, so
 * `admin trust add --purpose timestamping` takes effect without a restart).
 */
import { readFile } from 'node:fs/promises';
import type { CryptoServices } from '../../core/crypto/types';
import { createHttpTsa } from '../../node-shared/tsa/http-tsa';
import type { TimestampSettings } from '../config';
import { trustedPemsFor } from '../identity/trust-store';
import type { SignatureTimestamping } from './accept';

export async function createSignatureTimestamping(
  settings: TimestampSettings,
  dataDir: string,
  crypto: CryptoServices,
): Promise<SignatureTimestamping> {
  const trustedCas = () => trustedPemsFor(dataDir, 'timestamping');
  const bearerToken = settings.bearerTokenFile
    ? (await readFile(settings.bearerTokenFile, 'utf8')).trim()
    : undefined;
  let trusted: readonly string[] = [];
  const http = createHttpTsa({
    url: settings.url,
    timeoutMs: settings.timeoutMs,
    ...(settings.username !== undefined ? { username: settings.username } : {}),
    ...(settings.password !== undefined ? { password: settings.password } : {}),
    ...(bearerToken ? { bearerToken } : {}),
    crypto,
    trustedCaPem: () => trusted,
  });
  return {
    whenUnavailable: settings.unreachable,
    trustedCas,
    tsa: {
      // The trust list is read per request (async), then the HTTP client checks against it.
      async timestamp(imprint) {
        trusted = await trustedCas();
        return http.timestamp(imprint);
      },
    },
  };
}
