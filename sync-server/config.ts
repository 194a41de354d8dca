/** Server options from the command line, validated; bad flags are refused with a clear message. */
import { isLoopbackHost } from '../core/security/loopback';
import { CodedError } from '../core/errors/coded-error';
import type { TrustPurpose } from '../core/identity/purpose';
import type { RevocationFallback, RevocationPolicy } from '../core/identity/revocation';

/** PEM files for HTTPS/WSS: the server certificate (optionally followed by its chain) and key. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

export interface ServerOptions {
  port: number;
  host: string;
  dataDir: string;
  /** Folder with the built renderer (web mode); null serves no web client. */
  webRoot: string | null;
  /**
   * The key that seals secret polls' keys; outside the data directory, so that a copy of the
   * data directory alone opens no ballot. Default: `<dataDir>.ballot-key` beside it.
   */
  ballotKeyFile?: string;
  /** Seed demo identities and a meeting on first start (npm start passes --demo). */
  demo?: boolean;
  /** Serve HTTPS and WSS with this certificate; without it the server speaks plain HTTP. */
  tls?: TlsFiles;
  /** Allow plain HTTP beyond loopback (an operator's explicit choice, e.g. behind a TLS proxy). */
  insecureHttp?: boolean;
  /**
   * Origins members reach this server by (`https://phonghop.example:4870`); login signatures
   * must be bound to one of them. Empty: the server's own listening origin(s).
   */
  publicOrigins?: string[];
  /**
   * Revocation policy per purpose (`--revocation-unreachable`, `--login-revocation-unreachable`,
   * `--signing-revocation-unreachable`, `--revocation-timeout-ms`); defaults in
   * core/identity/revocation.ts: signing refuses, login warns when no responder answers.
   */
  revocation?: Partial<Record<TrustPurpose, Partial<RevocationPolicy>>>;
  /** PAdES B-T: the time-stamping authority every accepted signature is timestamped by. */
  timestamps?: TimestampSettings;
  /**
   * `--archive-timestamp-days N`: once a day, re-timestamp signed minutes (PAdES B-LTA) that stop
   * being verifiable within N days, with the --tsa-url TSA. Absent: no scheduled renewal.
   */
  archiveTimestampDays?: number;
}

/**
 * `--tsa-url` and friends (or DIENHONG_TSA_* in the environment; flags win). The TSA's CA must
 * be on the trust list with the purpose "timestamping".
 */
export interface TimestampSettings {
  url: string;
  username?: string;
  password?: string;
  /** A file holding a bearer token (read at start; a token never goes on a command line). */
  bearerTokenFile?: string;
  timeoutMs: number;
  /** refuse: the signature is not accepted; sign-b-b: accepted as B-B, recorded and logged. */
  unreachable: 'refuse' | 'sign-b-b';
}

export const DEFAULT_TSA_TIMEOUT_MS = 10_000;

/** Environment names for the TSA settings (for a password, better than a flag). */
export const TSA_ENV = {
  url: 'DIENHONG_TSA_URL',
  username: 'DIENHONG_TSA_USERNAME',
  password: 'DIENHONG_TSA_PASSWORD',
  bearerTokenFile: 'DIENHONG_TSA_BEARER_TOKEN_FILE',
  timeoutMs: 'DIENHONG_TSA_TIMEOUT_MS',
  unreachable: 'DIENHONG_TSA_UNREACHABLE',
} as const;

type TsaFlags = { -readonly [K in keyof typeof TSA_ENV]?: string };

function timestampSettings(flags: TsaFlags, env: Readonly<Record<string, string | undefined>>) {
  const value = (key: keyof typeof TSA_ENV) => flags[key] ?? env[TSA_ENV[key]];
  const url = value('url');
  const others = (Object.keys(TSA_ENV) as (keyof typeof TSA_ENV)[]).filter(
    (k) => k !== 'url' && flags[k] !== undefined,
  );
  if (url === undefined || url === '') {
    if (others.length > 0) throw new UsageError(`--tsa-${others[0]} needs --tsa-url`);
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--tsa-url "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new UsageError('--tsa-url must be an http(s) URL');
  const timeout = Number(value('timeoutMs') ?? DEFAULT_TSA_TIMEOUT_MS);
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 120_000)
    throw new UsageError('--tsa-timeout-ms must be an integer 100–120000');
  const unreachable = value('unreachable') ?? 'refuse';
  if (unreachable !== 'refuse' && unreachable !== 'sign-b-b')
    throw new UsageError(`--tsa-unreachable must be refuse or sign-b-b (got "${unreachable}")`);
  const username = value('username');
  const password = value('password');
  const bearerTokenFile = value('bearerTokenFile');
  if ((username === undefined) !== (password === undefined))
    throw new UsageError('--tsa-username and --tsa-password go together');
  if (username !== undefined && bearerTokenFile !== undefined)
    throw new UsageError('give --tsa-username/--tsa-password or --tsa-bearer-token-file, not both');
  const settings: TimestampSettings = { url, timeoutMs: timeout, unreachable };
  if (username !== undefined && password !== undefined) {
    settings.username = username;
    settings.password = password;
  }
  if (bearerTokenFile !== undefined) settings.bearerTokenFile = bearerTokenFile;
  return settings;
}

function fallbackOf(flag: string, value: string): RevocationFallback {
  if (value !== 'refuse' && value !== 'warn')
    throw new UsageError(`${flag} must be refuse or warn (got "${value}")`);
  return value;
}

function setRevocation(
  options: ServerOptions,
  purposes: readonly TrustPurpose[],
  change: Partial<RevocationPolicy>,
): void {
  const revocation = { ...options.revocation };
  for (const purpose of purposes) revocation[purpose] = { ...revocation[purpose], ...change };
  options.revocation = revocation;
}

export const DEFAULT_PORT = 4870;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.dienhong-data';

export class UsageError extends CodedError<'usage'> {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super('usage', message);
  }
}

/** Normalises a `--public-origin` value to a bare origin, or refuses it. */
export function parsePublicOrigin(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--public-origin "${raw}" is not a URL`);
  }
  const bare =
    (url.pathname === '/' || url.pathname === '') &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '';
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !bare) {
    throw new UsageError(
      `--public-origin must be an origin such as https://phonghop.example:4870 (got "${raw}")`,
    );
  }
  return url.origin;
}

/**
 * Refuses settings that would put sessions or the web client on the network in cleartext:
 * plain HTTP beyond loopback needs --insecure-http, and a public origin must use the scheme the
 * server actually speaks. Throws UsageError; startServer calls it too, so no caller skips it.
 */
export function checkTransportSecurity(options: ServerOptions): void {
  const tls = options.tls !== undefined;
  if (!tls && !options.insecureHttp && !isLoopbackHost(options.host)) {
    throw new UsageError(
      `--host ${options.host} reaches the network, where plain HTTP exposes sessions and the web client: ` +
        'give --tls-cert FILE --tls-key FILE (see "npm run admin -- server-cert"), ' +
        'or --insecure-http if a TLS proxy in front of this server does it',
    );
  }
  for (const origin of options.publicOrigins ?? []) {
    if (tls && !origin.startsWith('https:')) {
      throw new UsageError(`--public-origin ${origin} must be https: the server speaks TLS`);
    }
    if (!tls && !options.insecureHttp && origin.startsWith('https:')) {
      throw new UsageError(
        `--public-origin ${origin} is https but the server has no --tls-cert (add --insecure-http if a TLS proxy serves it)`,
      );
    }
  }
}

export function parseServerArgs(
  argv: readonly string[],
  defaults: {
    webRoot: string | null;
    dataDir?: string;
    /** Where DIENHONG_TSA_* come from (the CLI passes process.env). */
    env?: Readonly<Record<string, string | undefined>>;
  },
): ServerOptions {
  const tsaFlags: TsaFlags = {};
  const options: ServerOptions = {
    port: DEFAULT_PORT,
    host: DEFAULT_HOST,
    dataDir: defaults.dataDir ?? DEFAULT_DATA_DIR,
    webRoot: defaults.webRoot,
    demo: false,
  };
  let certFile: string | undefined;
  let keyFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(`${flag} needs a value`);
      i++;
      return value;
    };
    switch (flag) {
      case '--port': {
        const port = Number(need());
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new UsageError(`--port must be an integer 0–65535`);
        }
        options.port = port;
        break;
      }
      case '--host':
        options.host = need();
        break;
      case '--data':
        options.dataDir = need();
        break;
      case '--ballot-key':
        options.ballotKeyFile = need();
        break;
      case '--web-root':
        options.webRoot = need();
        break;
      case '--demo':
        options.demo = true;
        break;
      case '--no-web':
        options.webRoot = null;
        break;
      case '--tls-cert':
        certFile = need();
        break;
      case '--tls-key':
        keyFile = need();
        break;
      case '--insecure-http':
        options.insecureHttp = true;
        break;
      case '--revocation-unreachable':
        setRevocation(options, ['login', 'signing'], { unreachable: fallbackOf(flag, need()) });
        break;
      case '--login-revocation-unreachable':
        setRevocation(options, ['login'], { unreachable: fallbackOf(flag, need()) });
        break;
      case '--signing-revocation-unreachable':
        setRevocation(options, ['signing'], { unreachable: fallbackOf(flag, need()) });
        break;
      case '--revocation-timeout-ms': {
        const ms = Number(need());
        if (!Number.isInteger(ms) || ms < 100 || ms > 120_000)
          throw new UsageError('--revocation-timeout-ms must be an integer 100–120000');
        setRevocation(options, ['login', 'signing'], { timeoutMs: ms });
        break;
      }
      case '--public-origin':
        options.publicOrigins = [...(options.publicOrigins ?? []), parsePublicOrigin(need())];
        break;
      case '--tsa-url':
        tsaFlags.url = need();
        break;
      case '--tsa-username':
        tsaFlags.username = need();
        break;
      case '--tsa-password':
        tsaFlags.password = need();
        break;
      case '--tsa-bearer-token-file':
        tsaFlags.bearerTokenFile = need();
        break;
      case '--tsa-timeout-ms':
        tsaFlags.timeoutMs = need();
        break;
      case '--tsa-unreachable':
        tsaFlags.unreachable = need();
        break;
      case '--archive-timestamp-days': {
        const days = Number(need());
        if (!Number.isInteger(days) || days < 1 || days > 3650)
          throw new UsageError('--archive-timestamp-days must be an integer 1–3650');
        options.archiveTimestampDays = days;
        break;
      }
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new UsageError('--tls-cert and --tls-key go together');
  }
  if (certFile !== undefined && keyFile !== undefined) options.tls = { certFile, keyFile };
  const timestamps = timestampSettings(tsaFlags, defaults.env ?? {});
  if (timestamps) options.timestamps = timestamps;
  if (options.archiveTimestampDays !== undefined && !timestamps)
    throw new UsageError('--archive-timestamp-days needs --tsa-url (the TSA that renews)');
  checkTransportSecurity(options);
  return options;
}
