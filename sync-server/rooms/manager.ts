import type { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { parseDocName } from '../../core/docs/names';
import type { Logger } from '../log';
import type { AccessChange } from '../identity/access-events';
import type { DocumentStore } from '../store/types';
import { AccessGuard } from './access-guard';
import { type Access, Connection, type ConnectionSession } from './connection';
import type { SyncLimits } from './limits';
import type { SyncMetrics } from './metrics';
import type { WriteQuota } from './quota';
import { CloseCode, FrameError, MESSAGE_AWARENESS } from './protocol';
import { Room, RoomError } from './room';

export interface RoomManagerOptions {
  store: DocumentStore;
  logger: Logger;
  limits: SyncLimits;
  metrics: SyncMetrics;
  /** The clock sessions expire by; Date.now by default. */
  now?: () => number;
  quota: WriteQuota;
  /** See RoomDeps.prepareDocument: schema migrations on load. */
  prepareDocument?: (docName: string, doc: Y.Doc) => void;
}

/** The rooms other features use: server-side writes into documents (control document first). */
export interface Rooms {
  /**
   * Loads `docName` if needed, runs `fn` on it as the server, stores the change durably and
   * then broadcasts it. Calls for one document run one at a time, in call order.
   */
  transact(docName: string, fn: (doc: Y.Doc) => void): Promise<void>;
  /**
   * Reads `docName` as it is in memory now (loaded if needed), without waiting behind the
   * queued writes: for gates that tolerate a change that is still being stored (a ballot
   * checks that the meeting is open; the poll's own queue settles a race with closing).
   */
  peek<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T>;
  /** Open connections and loaded documents, for metrics and tests. */
  stats(): { connections: number; documents: number };
  /**
   * Brings open connections in line with a session or role change: closes those that lost
   * access, downgrades or upgrades the rest in place. Resolves when all are settled.
   */
  applyAccessChange(change: AccessChange): Promise<void>;
}

/** Owns the loaded rooms, their connections, keepalive and idle unloading. */
export class RoomManager implements Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly idleTimers = new Map<Room, NodeJS.Timeout>();
  private readonly perMember = new Map<string, number>();
  private readonly pinger: NodeJS.Timeout;
  private connectionCount = 0;
  private closing = false;
  private readonly guard: AccessGuard;

  constructor(private readonly options: RoomManagerOptions) {
    this.guard = new AccessGuard({
      logger: options.logger,
      now: options.now ?? Date.now,
      onRevoked: () => options.metrics.frameRefused('access-revoked'),
    });
    this.pinger = setInterval(() => this.ping(), options.limits.pingIntervalMs);
    this.pinger.unref();
  }

  stats(): { connections: number; documents: number } {
    return { connections: this.connectionCount, documents: this.rooms.size };
  }

  applyAccessChange(change: AccessChange): Promise<void> {
    return this.guard.apply(change);
  }

  memberConnections(memberId: string): number {
    return this.perMember.get(memberId) ?? 0;
  }

  transact(docName: string, fn: (doc: Y.Doc) => void): Promise<void> {
    return this.leased(docName, (room) => room.transact(fn));
  }

  peek<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T> {
    return this.leased(docName, async (room) => {
      await room.ready;
      return read(room.doc);
    });
  }

  /** Runs `use` on the loaded room, which stays loaded until it is done. */
  private async leased<T>(docName: string, use: (room: Room) => Promise<T>): Promise<T> {
    if (this.closing) throw new RoomError('room-closed', 'The server is shutting down.');
    if (parseDocName(docName) === null)
      throw new RoomError('unknown-document', `not a document name: ${docName}`);
    const room = this.open(docName);
    room.leases++;
    try {
      return await use(room);
    } finally {
      room.leases--;
      if (room.leases === 0 && room.connections.size === 0) this.scheduleUnload(room);
    }
  }

  /** Adopts an accepted websocket for `docName`. */
  connect(
    ws: WebSocket,
    docName: string,
    memberId: string,
    access: Access,
    session?: ConnectionSession,
  ): void {
    const conn = new Connection(ws, docName, memberId, access, this.options.limits, session);
    const room = this.open(docName);
    this.connectionCount++;
    this.perMember.set(memberId, this.memberConnections(memberId) + 1);
    const { metrics, logger } = this.options;

    ws.on('message', (data, isBinary) => {
      if (conn.closed) return;
      try {
        if (!conn.takeToken(isAwarenessFrame(data)))
          throw new FrameError(CloseCode.policyViolation, 'rate limit exceeded', 'rate-limit');
        if (!isBinary)
          throw new FrameError(
            CloseCode.unsupportedData,
            'text frames are not supported',
            'text-frame',
          );
        room.receive(conn, toBytes(data));
      } catch (error) {
        const refusal =
          error instanceof FrameError
            ? error
            : new FrameError(CloseCode.internalError, 'internal error', 'internal');
        if (!(error instanceof FrameError))
          logger.log('error', 'sync.message-failed', { error: String(error) });
        metrics.frameRefused(refusal.metricReason);
        conn.close(refusal.closeCode, refusal.reason);
      }
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('error', (error: Error & { code?: string }) => {
      // ws closes the socket itself (1009 for oversize frames, 1002 for bad framing).
      const reason =
        error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'oversize' : 'websocket-error';
      metrics.frameRefused(reason);
      logger.log('info', 'sync.socket-error', {
        doc: docName,
        member: memberId,
        code: error.code,
        error: error.message,
      });
    });
    ws.on('close', () => {
      conn.markClosed();
      this.guard.untrack(conn);
      this.connectionCount--;
      const left = this.memberConnections(memberId) - 1;
      if (left > 0) this.perMember.set(memberId, left);
      else this.perMember.delete(memberId);
      room.removeConnection(conn);
    });
    room.addConnection(conn);
    this.guard.track(conn);
  }

  /** Closes every connection, then compacts and frees every document. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.pinger);
    this.guard.close();
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    const rooms = [...this.rooms.values()];
    for (const room of rooms) {
      for (const conn of room.connections) conn.close(CloseCode.goingAway, 'server shutting down');
    }
    for (const room of rooms) this.unload(room);
    await Promise.all(this.unloading.values());
  }

  private open(docName: string): Room {
    const existing = this.rooms.get(docName);
    if (existing) {
      this.cancelUnload(existing);
      return existing;
    }
    const room = new Room(
      docName,
      {
        ...this.options,
        onIdle: (idle) => this.scheduleUnload(idle),
        onFailed: (failed) => {
          if (this.rooms.get(docName) === failed) this.rooms.delete(docName);
          this.cancelUnload(failed);
        },
      },
      this.unloading.get(docName) ?? Promise.resolve(),
    );
    this.rooms.set(docName, room);
    return room;
  }

  private scheduleUnload(room: Room): void {
    if (this.closing || this.rooms.get(room.name) !== room || this.idleTimers.has(room)) return;
    const timer = setTimeout(() => {
      this.idleTimers.delete(room);
      if (room.connections.size === 0 && room.leases === 0) this.unload(room);
    }, this.options.limits.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(room, timer);
  }

  private cancelUnload(room: Room): void {
    const timer = this.idleTimers.get(room);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(room);
  }

  private unload(room: Room): void {
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    const previous = this.unloading.get(room.name) ?? Promise.resolve();
    const done = previous
      .then(() => room.unload())
      .catch((error: unknown) => {
        this.options.logger.log('error', 'sync.unload-failed', {
          doc: room.name,
          error: String(error),
        });
      })
      .finally(() => {
        if (this.unloading.get(room.name) === done) this.unloading.delete(room.name);
      });
    this.unloading.set(room.name, done);
  }

  private ping(): void {
    for (const room of this.rooms.values()) {
      for (const conn of room.connections) {
        if (!conn.alive) {
          this.options.metrics.frameRefused('ping-timeout');
          conn.markClosed();
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        conn.ws.ping();
      }
    }
  }
}

/** Awareness frames start with message type 1 (a one-byte varint). */
function isAwarenessFrame(data: Buffer | ArrayBuffer | Buffer[]): boolean {
  const first = Array.isArray(data) ? data[0] : data;
  if (!first) return false;
  const bytes = first instanceof ArrayBuffer ? new Uint8Array(first) : first;
  return bytes[0] === MESSAGE_AWARENESS;
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
