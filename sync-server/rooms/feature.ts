import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CloseCode } from '../../core/docs/close-codes';
import { parseDocName } from '../../core/docs/names';
import type { ServerFeature } from '../feature';
import { type Logger, silentLogger } from '../log';
import type { MetricsRegistry } from '../metrics/registry';
import type { DocumentStore } from '../store/types';
import type { Authorization, Authorize } from './authorize';
import { prepareStoredDocument } from './control-schema';
import { DEFAULT_SYNC_LIMITS, type SyncLimits } from './limits';
import { RoomManager, type Rooms } from './manager';
import { createSyncMetrics } from './metrics';
import { DEFAULT_QUOTA_LIMITS, type QuotaLimits, WriteQuota } from './quota';

/** Websocket URL prefix: a WebsocketProvider on `<origin>/sync` appends `/<document name>`. */
export const SYNC_PATH = '/sync/';

export interface SyncFeatureOptions {
  store: DocumentStore;
  authorize: Authorize;
  logger?: Logger;
  limits?: Partial<SyncLimits>;
  /** Per-document and per-member write quotas. */
  quota?: Partial<QuotaLimits>;
  /** True while the store refuses writes for lack of disk space (updates are then refused). */
  storageFull?: () => boolean;
  /** Where to register the sync counters and gauges (see metricsFeature). */
  metrics?: MetricsRegistry;
  /** The clock sessions expire by (open connections close at their session's end). */
  now?: () => number;
}

export interface SyncFeature extends ServerFeature {
  rooms: Rooms;
}

const MESSAGES: Record<number, string> = {
  401: 'The session token or sync ticket is missing, expired, used or invalid.',
  403: 'You may not open this document.',
  404: 'No such document.',
  429: 'Too many open connections for this member.',
  500: 'The server could not check access to this document.',
  503: 'The server is shutting down.',
};

/**
 * Yjs sync over websockets at `/sync/<document name>?ticket=…` (a one-time ticket from
 * `POST /api/sync-ticket`; `?token=` with the session token still works for tools), compatible
 * with y-websocket's WebsocketProvider. Access is decided at the upgrade by `authorize` — a
 * refusal is an HTTP error with a JSON body `{ error: { code, message } }` before the websocket
 * handshake — and again for open connections on session and role changes (applyAccessChange).
 */
export function syncFeature(options: SyncFeatureOptions): SyncFeature {
  const limits: SyncLimits = { ...DEFAULT_SYNC_LIMITS, ...options.limits };
  const logger = options.logger ?? silentLogger;
  let manager: RoomManager | null = null;
  const metrics = createSyncMetrics(options.metrics, {
    connections: () => manager?.stats().connections ?? 0,
    documents: () => manager?.stats().documents ?? 0,
  });
  const quota = new WriteQuota({ ...DEFAULT_QUOTA_LIMITS, ...options.quota }, options.storageFull);
  const rooms = new RoomManager({
    store: options.store,
    logger,
    limits,
    metrics,
    quota,
    prepareDocument: prepareStoredDocument(logger),
    ...(options.now ? { now: options.now } : {}),
  });
  manager = rooms;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    perMessageDeflate: false,
  });
  let closing = false;

  function refuse(socket: Duplex, status: number, code: string): void {
    metrics.upgradeRefused(code);
    const body = JSON.stringify({ error: { code, message: MESSAGES[status] ?? 'Refused.' } });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\nConnection: close\r\n\r\n' +
        body,
    );
    setTimeout(() => socket.destroy(), 1000).unref();
  }

  async function accept(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    url: URL,
  ): Promise<void> {
    if (closing) return refuse(socket, 503, 'shutting-down');
    let docName: string;
    try {
      docName = decodeURIComponent(url.pathname.slice(SYNC_PATH.length));
    } catch {
      return refuse(socket, 404, 'unknown-document');
    }
    if (parseDocName(docName) === null) return refuse(socket, 404, 'unknown-document');
    // A missing credential is passed on as '': the identity side owns every 401 code.
    const ticket = url.searchParams.get('ticket');
    const kind = ticket !== null ? 'ticket' : 'token';
    const credential = ticket ?? url.searchParams.get('token') ?? '';
    let auth: Authorization;
    try {
      auth = await options.authorize(credential, docName, kind);
    } catch (error) {
      logger.log('error', 'sync.authorize-failed', { doc: docName, error: String(error) });
      return refuse(socket, 500, 'authorization-failed');
    }
    if (!auth.ok) return refuse(socket, auth.status, auth.code);
    if (socket.destroyed) return;
    if (closing) return refuse(socket, 503, 'shutting-down');
    if (rooms.memberConnections(auth.memberId) >= limits.maxConnectionsPerMember) {
      // Accepted only to be closed with a reason: a browser sees no HTTP status on a refused
      // upgrade, and the member must be told to close a window rather than wait forever.
      metrics.upgradeRefused('too-many-connections');
      wss.handleUpgrade(req, socket, head, (ws) =>
        ws.close(CloseCode.tooManyConnections, 'too-many-connections'),
      );
      return;
    }
    const { memberId, access } = auth;
    const session = {
      memberName: auth.memberName ?? memberId,
      sessionId: auth.sessionId ?? null,
      expiresAt: auth.expiresAt ?? null,
      recheck: auth.recheck ?? null,
    };
    // handleUpgrade calls back synchronously here, so the per-member count cannot race.
    wss.handleUpgrade(req, socket, head, (ws) =>
      rooms.connect(ws, docName, memberId, access, session),
    );
  }

  return {
    name: 'sync',
    rooms,
    upgrade(req, socket, head, url) {
      if (!url.pathname.startsWith(SYNC_PATH)) return false;
      socket.on('error', () => {}); // a peer resetting mid-handshake must not crash the server
      accept(req, socket, head, url).catch((error: unknown) => {
        logger.log('error', 'sync.upgrade-failed', { error: String(error) });
        socket.destroy();
      });
      return true;
    },
    async close() {
      closing = true;
      await rooms.close();
      wss.close();
    },
  };
}
