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
  defaults: { webRoot: string | null; dataDir?: string },
): ServerOptions {
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
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new UsageError('--tls-cert and --tls-key go together');
  }
  if (certFile !== undefined && keyFile !== undefined) options.tls = { certFile, keyFile };
  checkTransportSecurity(options);
  return options;
}
