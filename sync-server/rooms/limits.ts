/** What one connection may send, and how long rooms and connections live. */
export interface SyncLimits {
  /** Largest websocket frame accepted; a bigger one closes that connection with 1009. */
  maxFrameBytes: number;
  /** Sustained frames per second per connection (token bucket refill); exceeding closes with 1008. */
  messagesPerSecond: number;
  /** Frames a connection may send in a burst above the sustained rate. */
  messageBurst: number;
  /** Awareness frames per second per connection, and burst (a separate bucket; see Connection). */
  awarenessPerSecond: number;
  awarenessBurst: number;
  /** At most one awareness update per connection is applied per interval; newer ones replace older. */
  awarenessIntervalMs: number;
  /** Longest presence (awareness) state one client may publish, as JSON text; longer closes with 1009. */
  maxAwarenessStateBytes: number;
  /** Awareness client ids one connection may ever speak for (a provider uses one). */
  maxAwarenessClientsPerConnection: number;
  /**
   * Bytes a connection may have queued unsent; a client that stops reading past this is closed
   * with 4429 ("slow consumer") instead of growing the server's memory without end.
   */
  maxBufferedBytes: number;
  /** Open connections per member across all documents; more are refused with HTTP 429. */
  maxConnectionsPerMember: number;
  /** Ping period; a connection that has not answered the previous ping is dropped. */
  pingIntervalMs: number;
  /** A document with no connections for this long is compacted and unloaded. */
  idleUnloadMs: number;
  /** Compact a loaded document's log after this many updates. */
  compactEvery: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  maxFrameBytes: 2 * 1024 * 1024,
  messagesPerSecond: 100,
  messageBurst: 300,
  awarenessPerSecond: 500,
  awarenessBurst: 5000,
  awarenessIntervalMs: 50,
  maxAwarenessStateBytes: 16 * 1024,
  maxAwarenessClientsPerConnection: 2,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxConnectionsPerMember: 20,
  pingIntervalMs: 30_000,
  idleUnloadMs: 30_000,
  compactEvery: 500,
};

/** Classic token bucket: `burst` tokens, refilled at `rate` per second. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now = performance.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
