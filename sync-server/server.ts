import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerOptions } from './config';
import type { ServerFeature } from './feature';
import { type HealthCheck, healthFeature } from './http/health';
import { createRouter, HttpError, sendError } from './http/router';
import { serveStatic } from './http/static';
import { type Logger, silentLogger } from './log';
import { storeHttpError } from './store/http';

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4870`. */
  url: string;
  port: number;
  close(): Promise<void>;
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
  const logger = options.logger ?? silentLogger;
  const features = [healthFeature(Date.now(), options.healthChecks), ...(options.features ?? [])];
  const router = createRouter(features.flatMap((f) => f.routes ?? []));
  let origin = '';

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url = new URL('/', origin);
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
      const coded = error instanceof HttpError ? error : storeHttpError(error);
      if (coded) {
        sendError(res, coded);
        return;
      }
      logger.log('error', 'http.unhandled', { path: url.pathname, error: String(error) });
      sendError(res, new HttpError(500, 'internal', 'The server could not complete the request.'));
    }
  }

  const http = createHttpServer({ requestTimeout: 60_000, headersTimeout: 20_000 }, (req, res) => {
    void onRequest(req, res);
  });
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
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  origin = `http://${host}:${port}`;
  logger.log('info', 'server.listening', { url: origin, dataDir: options.dataDir });

  let closing: Promise<void> | null = null;
  return {
    url: origin,
    port,
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
