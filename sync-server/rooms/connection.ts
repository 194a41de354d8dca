import type { WebSocket } from 'ws';
import type { Authorization } from './authorize';
import { type SyncLimits, TokenBucket } from './limits';
import { type AwarenessEntry, CloseCode, encodeAwarenessEntries } from './protocol';

export type Access = 'read' | 'write';

/** Who is behind a connection beyond its member id, and how to decide its access again. */
export interface ConnectionSession {
  /** The name presence is stamped with. */
  memberName: string;
  sessionId: string | null;
  /** When the session ends (ms since the epoch), or null if it does not. */
  expiresAt: number | null;
  recheck: (() => Promise<Authorization>) | null;
}

/** One websocket on one document, with what it may do and its per-connection limits. */
export class Connection {
  /** Awareness client ids this connection announced; removed when it closes. */
  readonly awarenessClients = new Set<number>();
  /**
   * Awareness client ids this connection may speak for: the first ones it announced (at most
   * `maxAwarenessClientsPerConnection`), for its whole life. Others' ids are never relayed.
   */
  readonly ownedAwareness = new Set<number>();
  /** False after a ping until the pong arrives. */
  alive = true;
  closed = false;
  private readonly bucket: TokenBucket;
  private readonly awarenessBucket: TokenBucket;
  private lastAwarenessAt = Number.NEGATIVE_INFINITY;
  /** Newest pending entry per awareness client, applied when the interval ends. */
  private readonly pendingAwareness = new Map<number, AwarenessEntry>();
  private awarenessTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly ws: WebSocket,
    readonly docName: string,
    readonly memberId: string,
    /** Changes in place when the member's role changes (a demotion keeps reading). */
    public access: Access,
    private readonly limits: SyncLimits,
    readonly session: ConnectionSession = {
      memberName: memberId,
      sessionId: null,
      expiresAt: null,
      recheck: null,
    },
  ) {
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    this.awarenessBucket = new TokenBucket(limits.awarenessPerSecond, limits.awarenessBurst);
  }

  /**
   * Spends one token of the frame's kind; false when the connection is over its rate. Awareness
   * has its own, larger bucket: a standard provider echoes every peer's awareness change back
   * to the server, so in a room of N it sends about N awareness frames per change round.
   */
  takeToken(awareness: boolean): boolean {
    return awareness ? this.awarenessBucket.take() : this.bucket.take();
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.dropSlowConsumer();
      return;
    }
    // No per-send callback: a failed socket reports through its 'error' and 'close' events.
    this.ws.send(message);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.markClosed();
    this.ws.close(code, reason);
  }

  /**
   * A client that does not read would make every later broadcast pile up here. The close frame
   * cannot reach it through the full buffer, so the socket is cut soon after.
   */
  private dropSlowConsumer(): void {
    this.close(CloseCode.slowConsumer, 'slow consumer: too much unsent data');
    setTimeout(() => this.ws.terminate(), 1000).unref();
  }

  markClosed(): void {
    this.closed = true;
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    this.pendingAwareness.clear();
  }

  /**
   * Throttles awareness: applies at once if the interval has passed; otherwise keeps the newest
   * entry per client and applies them together when the interval ends, so cursor moves are
   * superseded rather than queued and no client's latest state is lost.
   */
  throttleAwareness(entries: readonly AwarenessEntry[], apply: (update: Uint8Array) => void): void {
    const now = performance.now();
    const wait = this.lastAwarenessAt + this.limits.awarenessIntervalMs - now;
    if (wait <= 0 && !this.awarenessTimer) {
      this.lastAwarenessAt = now;
      apply(encodeAwarenessEntries(entries));
      return;
    }
    for (const entry of entries) {
      const pending = this.pendingAwareness.get(entry.clientId);
      if (!pending || pending.clock <= entry.clock)
        this.pendingAwareness.set(entry.clientId, entry);
    }
    this.awarenessTimer ??= setTimeout(
      () => {
        this.awarenessTimer = null;
        const merged = [...this.pendingAwareness.values()];
        this.pendingAwareness.clear();
        if (merged.length > 0 && !this.closed) {
          this.lastAwarenessAt = performance.now();
          apply(encodeAwarenessEntries(merged));
        }
      },
      Math.max(0, wait),
    );
  }
}
