import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log';
import { compactDocument, rebuildDocument } from '../store/compact';
import type { DocumentStore } from '../store/types';
import { Connection } from './connection';
import type { SyncLimits } from './limits';
import type { SyncMetrics } from './metrics';
import type { WriteQuota } from './quota';
import {
  addsNothing,
  CloseCode,
  decodeAwarenessEntries,
  decodeUpdateOrThrow,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  FrameError,
  parseFrame,
} from './protocol';
import { admitPresence, releasePresence } from './presence';
import { CodedError } from '../../core/errors/coded-error';

export interface RoomDeps {
  store: DocumentStore;
  logger: Logger;
  limits: SyncLimits;
  metrics: SyncMetrics;
  quota: WriteQuota;
  /** The room has no connections and no server-side writes in progress. */
  onIdle(room: Room): void;
  /** Loading or storage failed; the room must be dropped (clients reconnect to a fresh one). */
  onFailed(room: Room): void;
  /**
   * Runs on a document once it is loaded, before any connection is greeted (schema
   * migrations); what it writes is stored before anyone reads the document.
   */
  prepareDocument?: (docName: string, doc: Y.Doc) => void;
}

/** A server-side write that could not be made: bad name, shutting down, or storage failed (nothing broadcast). */
export class RoomError extends CodedError<'room-failed' | 'room-closed' | 'unknown-document'> {
  override readonly name = 'RoomError';
}

const SERVER_ORIGIN = Symbol('server');
const READ_ONLY_REASON = 'read-only connection: writes to this document are refused';
const noop = (): void => {};

/**
 * One loaded document: the Y.Doc all its connections share, their awareness, and a serial queue
 * through which every read that leaves the server and every write passes, so nothing is sent
 * before the document is loaded and no change is broadcast before it is durable.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  /** Server-side writes in progress; a room with leases is never unloaded. */
  leases = 0;
  readonly ready: Promise<void>;
  private state: 'loading' | 'ready' | 'failed' = 'loading';
  private readonly early: [Connection, Uint8Array][] = [];
  private tail: Promise<void> = Promise.resolve();
  private sinceCompaction = 0;
  private compacting: Promise<void> | null = null;
  private unloading = false;
  private readonly awarenessChanged = new Set<number>();
  /** Which connection speaks for each awareness client id (see admitPresence). */
  private readonly awarenessOwners = new Map<number, Connection>();
  private awarenessTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
    /** Resolves when a previous instance of this document has finished unloading. */
    previous: Promise<void>,
  ) {
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.ready = this.load(previous);
    this.ready.catch(noop);
  }

  get isFailed(): boolean {
    return this.state === 'failed';
  }

  addConnection(conn: Connection): void {
    this.connections.add(conn);
    if (this.state === 'ready') this.greet(conn);
  }

  removeConnection(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    releasePresence(conn, this.awarenessOwners);
    if (conn.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessClients], null);
    }
    if (this.connections.size === 0 && this.leases === 0) this.deps.onIdle(this);
  }

  /** A binary frame from `conn`; frames that arrive while loading wait, in order. */
  receive(conn: Connection, data: Uint8Array): void {
    if (this.state === 'loading') this.early.push([conn, data]);
    else if (this.state === 'ready') this.handle(conn, data);
  }

  /**
   * Runs `fn` on the document as the server, then makes the resulting change durable and
   * broadcasts it to every connection. Yjs has no rollback: if `fn` throws, what it wrote before
   * throwing is still stored and sent, and the error is rethrown.
   */
  async transact(fn: (doc: Y.Doc) => void): Promise<void> {
    await this.ready;
    const outcome = await this.enqueue(async () => {
      let failure: { error: unknown } | null = null;
      const change = captureUpdate(this.doc, () => {
        try {
          this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
        } catch (error) {
          failure = { error };
        }
      });
      if (change) {
        await this.deps.store.appendUpdate(this.name, change);
        this.broadcast(encodeSyncUpdate(change), null);
        this.noteAppended();
      }
      return failure;
    });
    if (outcome) throw (outcome as { error: unknown }).error;
  }

  /** Waits for queued work, folds the log into a snapshot and frees the document. */
  async unload(): Promise<void> {
    this.unloading = true;
    await this.tail;
    await this.compacting;
    if (this.state === 'ready') {
      try {
        await compactDocument(this.deps.store, this.name);
      } catch (error) {
        this.deps.logger.log('warn', 'sync.compact-failed', {
          doc: this.name,
          error: String(error),
        });
      }
    }
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private async load(previous: Promise<void>): Promise<void> {
    try {
      await previous;
      const stored = await this.deps.store.loadDocument(this.name);
      rebuildDocument(
        stored.snapshot,
        stored.updates,
        (index, error) =>
          this.deps.logger.log('error', 'sync.bad-stored-update', {
            doc: this.name,
            index,
            error: String(error),
          }),
        this.doc,
      );
      this.sinceCompaction = stored.updates.length;
      const prepare = this.deps.prepareDocument;
      const prepared = prepare
        ? captureUpdate(this.doc, () =>
            this.doc.transact(() => prepare(this.name, this.doc), SERVER_ORIGIN),
          )
        : null;
      if (prepared) {
        await this.deps.store.appendUpdate(this.name, prepared);
        this.sinceCompaction++;
      }
      this.deps.quota.loaded(
        this.name,
        stored.updates.reduce(
          (sum, u) => sum + u.byteLength,
          (stored.snapshot?.byteLength ?? 0) + (prepared?.byteLength ?? 0),
        ),
      );
    } catch (error) {
      this.fail(error);
      throw error;
    }
    this.state = 'ready';
    for (const conn of this.connections) this.greet(conn);
    for (const [conn, data] of this.early.splice(0)) if (!conn.closed) this.handle(conn, data);
    if (this.sinceCompaction >= this.deps.limits.compactEvery) this.compact();
  }

  private handle(conn: Connection, data: Uint8Array): void {
    try {
      const frame = parseFrame(data);
      switch (frame.type) {
        case 'sync-step1':
          this.enqueue(() => conn.send(encodeSyncStep2(this.doc, frame.stateVector)));
          return;
        case 'sync-update':
          this.receiveUpdate(conn, frame.update);
          return;
        case 'awareness':
          this.receiveAwareness(conn, frame.update);
          return;
        case 'query-awareness':
          conn.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
          return;
      }
    } catch (error) {
      this.refuse(conn, error);
    }
  }

  private receiveUpdate(conn: Connection, update: Uint8Array): void {
    const decoded = decodeUpdateOrThrow(update);
    if (addsNothing(this.doc, decoded)) return;
    if (conn.access !== 'write') {
      conn.send(encodePermissionDenied(READ_ONLY_REASON));
      throw new FrameError(CloseCode.readOnly, READ_ONLY_REASON, 'read-only');
    }
    this.deps.quota.admit(conn.memberId, this.name, update.byteLength);
    this.deps.metrics.updateReceived();
    // The write starts now so that concurrent updates share an fsync; applying and
    // broadcasting wait in the queue for it, so order and durability hold.
    const durable = this.deps.store.appendUpdate(this.name, update);
    durable.catch(noop);
    this.enqueue(async () => {
      await durable;
      let applyError: unknown = null;
      const change = captureUpdate(this.doc, () => {
        try {
          Y.applyUpdate(this.doc, update, conn);
        } catch (error) {
          applyError = error;
        }
      });
      if (change) this.broadcast(encodeSyncUpdate(change), conn);
      this.noteAppended();
      if (applyError !== null) {
        this.refuse(
          conn,
          new FrameError(
            CloseCode.protocolError,
            'malformed frame: update could not be applied',
            'malformed',
          ),
        );
      }
    });
  }

  private receiveAwareness(conn: Connection, update: Uint8Array): void {
    // Drop entries the room already has before any JSON is parsed: providers echo every
    // awareness change back, so most awareness frames in a big room change nothing.
    const novel = decodeAwarenessEntries(update).filter((entry) => {
      const known = this.awareness.meta.get(entry.clientId);
      if (!known || known.clock < entry.clock) return true;
      return (
        known.clock === entry.clock &&
        entry.state === 'null' &&
        this.awareness.states.has(entry.clientId)
      );
    });
    if (novel.length === 0) return;
    // Only the connection's own ids, stamped with who it is; may throw FrameError (closes it).
    const admitted = admitPresence(novel, conn, this.awarenessOwners, this.deps.limits);
    if (admitted.length > 0)
      conn.throttleAwareness(admitted, (merged) => this.applyAwareness(conn, merged));
  }

  private applyAwareness(conn: Connection, update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
    } catch {
      this.refuse(
        conn,
        new FrameError(
          CloseCode.protocolError,
          'malformed frame: bad awareness update',
          'malformed',
        ),
      );
    }
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof Connection) {
      for (const id of added) origin.awarenessClients.add(id);
      for (const id of removed) origin.awarenessClients.delete(id);
    }
    for (const id of [...added, ...updated, ...removed]) this.awarenessChanged.add(id);
    // Leading edge at once; changes during the next interval go out together. A standard
    // provider echoes every awareness change it receives, so sending each change to every
    // connection separately costs N² frames per round in a room of N (all renew every 15 s).
    if (!this.awarenessTimer) {
      this.flushAwareness();
      this.awarenessTimer = setTimeout(() => {
        this.awarenessTimer = null;
        if (this.awarenessChanged.size > 0) this.flushAwareness();
      }, this.deps.limits.awarenessIntervalMs);
    }
  };

  private flushAwareness(): void {
    const changed = [...this.awarenessChanged];
    this.awarenessChanged.clear();
    if (changed.length > 0) this.broadcast(encodeAwareness(this.awareness, changed), null);
  }

  private greet(conn: Connection): void {
    this.enqueue(() => {
      // Read-only connections get no step 1: they have nothing to send back.
      if (conn.access === 'write') conn.send(encodeSyncStep1(this.doc));
      if (this.awareness.getStates().size > 0) {
        conn.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
      }
    });
  }

  private refuse(conn: Connection, error: unknown): void {
    if (error instanceof FrameError) {
      this.deps.metrics.frameRefused(error.metricReason);
      this.deps.logger.log('info', 'sync.frame-refused', {
        doc: this.name,
        member: conn.memberId,
        reason: error.reason,
      });
      conn.close(error.closeCode, error.reason);
      return;
    }
    this.deps.metrics.frameRefused('internal');
    this.deps.logger.log('error', 'sync.frame-failed', {
      doc: this.name,
      member: conn.memberId,
      error: String(error),
    });
    conn.close(CloseCode.internalError, 'internal error');
  }

  private broadcast(message: Uint8Array, except: Connection | null): void {
    for (const conn of this.connections) if (conn !== except) conn.send(message);
  }

  /** Queues `task` after everything already queued; a task that throws fails the room. */
  private enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    const run = this.tail.then(() => {
      if (this.state === 'failed')
        throw new RoomError('room-failed', `document ${this.name} is unavailable`);
      return task();
    });
    this.tail = run.then(noop, (error: unknown) => this.fail(error));
    return run;
  }

  private fail(error: unknown): void {
    if (this.state === 'failed') return;
    this.state = 'failed';
    this.deps.logger.log('error', 'sync.room-failed', { doc: this.name, error: String(error) });
    for (const conn of this.connections)
      conn.close(CloseCode.internalError, 'document storage failed; reconnect');
    this.deps.onFailed(this);
  }

  private noteAppended(): void {
    if (++this.sinceCompaction >= this.deps.limits.compactEvery && !this.compacting) this.compact();
  }

  private compact(): void {
    if (this.unloading) return;
    this.sinceCompaction = 0;
    this.compacting = compactDocument(this.deps.store, this.name)
      .then(noop, (error: unknown) => {
        this.deps.logger.log('warn', 'sync.compact-failed', {
          doc: this.name,
          error: String(error),
        });
      })
      .finally(() => {
        this.compacting = null;
        // Updates that arrived during this compaction may already call for the next one.
        if (this.sinceCompaction >= this.deps.limits.compactEvery) this.compact();
      });
  }
}

/** The update `fn` makes to `doc` (merged if several), or null if it changed nothing. */
function captureUpdate(doc: Y.Doc, fn: () => void): Uint8Array | null {
  const updates: Uint8Array[] = [];
  const listener = (update: Uint8Array): void => {
    updates.push(update);
  };
  doc.on('update', listener);
  try {
    fn();
  } finally {
    doc.off('update', listener);
  }
  if (updates.length === 0) return null;
  return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
}
