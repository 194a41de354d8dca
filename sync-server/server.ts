import { readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerOptions as HttpServerOptions,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { isLoopbackHost, isWildcardHost } from '../core/security/loopback';
import { checkTransportSecurity, type ServerOptions, type TlsFiles, UsageError } from './config';
import type { ServerFeature } from './feature';
import { type HealthCheck, healthFeature } from './http/health';
import { createRouter, HttpError, sendError } from './http/router';
import { serveStatic } from './http/static';
import { type Logger, silentLogger } from './log';
import { storeHttpError } from './store/http';
import { controlSchemaHttpError } from './rooms/control-schema';

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4870`. */
  url: string;
  port: number;
  /** Origins login signatures are bound to (see ServerOptions.publicOrigins). */
  publicOrigins: string[];
  close(): Promise<void>;
}

/** Browsers keep to HTTPS for this server for a year once they have seen it over TLS. */
export const HSTS_HEADER = 'max-age=31536000';

function readTls(tls: TlsFiles): { cert: Buffer; key: Buffer } {
  try {
    return { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) };
  } catch (error) {
    throw new UsageError(`--tls-cert/--tls-key could not be read: ${(error as Error).message}`);
  }
}

const urlHost = (address: string) => (address.includes(':') ? `[${address}]` : address);

/** Names a browser on this machine reaches a loopback listener by. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

/**
 * The origins the server is reached by when none is configured: its own listening address,
 * or, listening on every interface, each interface's address (never the client's Host header).
 * A loopback listener is also reached as `localhost` / `127.0.0.1`: a signature relayed from
 * another machine cannot name either, so accepting both costs nothing.
 */
function listeningOrigins(scheme: string, host: string, port: number): string[] {
  if (!isWildcardHost(host)) {
    const names = isLoopbackHost(host) ? [host, ...LOOPBACK_NAMES] : [host];
    return [...new Set(names.map((name) => `${scheme}://${urlHost(name)}:${port}`))];
  }
  const addresses = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => a.family === 'IPv4' || !a.address.toLowerCase().startsWith('fe80:'))
    .map((a) => `${scheme}://${urlHost(a.address)}:${port}`);
  return [...new Set(addresses)];
}

export interface StartOptions extends ServerOptions {
  logger?: Logger;
  /** What /healthz reports beside uptime (e.g. the store); any check down makes it a 503. */
  healthChecks?: Record<string, HealthCheck>;
  /** Features beyond health; the order is the order routes are tried. */
  features?: ServerFeature[];
}

/** The request target as a URL; one that does not parse is a 400, not a crash. */
function parseRequestUrl(target: string | undefined, origin: string): URL {
  try {
    return new URL(target ?? '/', origin);
  } catch {
    throw new HttpError(400, 'bad-path', 'The request path is not a valid URL.');
  }
}

/** Starts the sync server: HTTP API, websocket upgrades, and the web client. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  checkTransportSecurity(options);
  const logger = options.logger ?? silentLogger;
  const tls = options.tls ? readTls(options.tls) : null;
  const features = [healthFeature(Date.now(), options.healthChecks), ...(options.features ?? [])];
  const router = createRouter(
    features.flatMap((f) => f.routes ?? []),
    features.find((f) => f.authenticate)?.authenticate,
  );
  let origin = '';

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url = new URL('/', origin);
    if (tls) res.setHeader('Strict-Transport-Security', HSTS_HEADER);
    try {
      url = parseRequestUrl(req.url, origin);
      if (await router.handle(req, res, url)) return;
      const isPage =
        (req.method === 'GET' || req.method === 'HEAD') && !url.pathname.startsWith('/api/');
      if (
        isPage &&
        options.webRoot !== null &&
        (await serveStatic(options.webRoot, url.pathname, origin, res))
      ) {
        return;
      }
      throw new HttpError(404, 'not-found', 'No such resource.');
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const coded =
        error instanceof HttpError
          ? error
          : (storeHttpError(error) ?? controlSchemaHttpError(error));
      if (coded) {
        sendError(res, coded);
        return;
      }
      logger.log('error', 'http.unhandled', { path: url.pathname, error: String(error) });
      sendError(res, new HttpError(500, 'internal', 'The server could not complete the request.'));
    }
  }

  const httpOptions: HttpServerOptions = { requestTimeout: 60_000, headersTimeout: 20_000 };
  const handler = (req: IncomingMessage, res: ServerResponse) => void onRequest(req, res);
  let http;
  try {
    http = tls
      ? createHttpsServer({ ...httpOptions, ...tls }, handler)
      : createHttpServer(httpOptions, handler);
  } catch (error) {
    // A key that does not match its certificate, or PEM that is not one.
    throw new UsageError(`--tls-cert/--tls-key are not usable: ${(error as Error).message}`);
  }
  http.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  http.on('upgrade', (req, socket, head) => {
    let url: URL;
    try {
      url = parseRequestUrl(req.url, origin);
    } catch {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    if (features.some((f) => f.upgrade?.(req, socket, head, url))) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  const scheme = tls ? 'https' : 'http';
  origin = `${scheme}://${urlHost(options.host)}:${port}`;
  const publicOrigins = options.publicOrigins?.length
    ? [...options.publicOrigins]
    : listeningOrigins(scheme, options.host, port);
  logger.log('info', 'server.listening', {
    url: origin,
    publicOrigins,
    tls: tls !== null,
    dataDir: options.dataDir,
  });

  let closing: Promise<void> | null = null;
  return {
    url: origin,
    port,
    publicOrigins,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeAllConnections();
        for (const feature of [...features].reverse()) await feature.close?.();
        await stopped;
        logger.log('info', 'server.stopped', {});
      })();
      return closing;
    },
  };
}
