import type { WebsocketProvider } from 'y-websocket';
import {
  closeMeaning,
  retryDelayMs,
  type CloseReason,
  type RetryPolicy,
} from '../../../core/docs/close-codes';

/** Timers behind an interface, so tests step them instead of waiting half a minute. */
export interface Timers {
  /** Runs `run` after `ms`; returns a function that cancels it. */
  after(ms: number, run: () => void): () => void;
}

export const browserTimers: Timers = {
  after(ms, run) {
    const handle = setTimeout(run, ms);
    return () => clearTimeout(handle);
  },
};

/** Why the server last closed this connection, as long as it has not been healthy since. */
export interface ConnectionProblem {
  code: number;
  reason: CloseReason;
  /** The member's edits were refused: kept in the local copy, not sent. */
  writesRefused: boolean;
  /** No reconnect will happen by itself. */
  final: boolean;
  /** Milliseconds until the next attempt, when one is scheduled by policy; null otherwise. */
  retryInMs: number | null;
}

/**
 * A synced connection counts as healthy only after it stays open this long: a refused write
 * (4413, 4507) closes the socket just after the sync, and the banner must not flicker away.
 */
export const HEALTHY_AFTER_MS = 5000;

/** y-websocket reconnects by itself only after closes that a short backoff can fix. */
export function reconnectsByItself(event: CloseEvent): boolean {
  const meaning = closeMeaning(event.code);
  return meaning === null || meaning.retry.kind === 'soon';
}

/**
 * Watches one provider's closes through the core close-code table: remembers the problem for
 * the banner, clears it once the connection is healthy again, and for refusals a tight loop
 * would only repeat (storage full, quota) waits by the table's policy before `reconnect` (which
 * must fetch a fresh ticket). It sets the provider's `shouldReconnect` to match.
 */
export class ConnectionWatch {
  private current: ConnectionProblem | null = null;
  /** Consecutive policy-delayed attempts; reset once healthy. */
  private attempts = 0;
  private cancelRetry: (() => void) | null = null;
  private cancelHealthy: (() => void) | null = null;

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly reconnect: () => void,
    private readonly onChange: () => void,
    private readonly timers: Timers = browserTimers,
  ) {
    provider.shouldReconnect = reconnectsByItself;
    provider.on('connection-close', this.onClose);
    provider.on('sync', this.onSync);
  }

  problem(): ConnectionProblem | null {
    return this.current;
  }

  stop(): void {
    this.provider.off('connection-close', this.onClose);
    this.provider.off('sync', this.onSync);
    this.cancelRetry?.();
    this.cancelHealthy?.();
    this.cancelRetry = this.cancelHealthy = null;
  }

  private readonly onClose = (event: CloseEvent | null): void => {
    this.cancelHealthy?.();
    this.cancelHealthy = null;
    // Local closes and network drops (1005, 1006) keep any earlier explanation: they say nothing new.
    const meaning = event ? closeMeaning(event.code) : null;
    if (!event || !meaning) return;
    const delay = this.schedule(meaning.retry);
    this.current = {
      code: event.code,
      reason: meaning.reason,
      writesRefused: meaning.writesRefused,
      final: meaning.final,
      retryInMs: delay,
    };
    this.onChange();
  };

  private readonly onSync = (synced: boolean): void => {
    if (!synced) return;
    if (this.current === null) {
      this.attempts = 0;
      return;
    }
    this.cancelHealthy?.();
    // A close that only meant "reconnecting" is over once synced again; a refusal must first
    // survive HEALTHY_AFTER_MS, since the server closes right after the sync that repeats it.
    if (!this.current.writesRefused && !this.current.final) {
      this.current = null;
      this.attempts = 0;
      this.onChange();
      return;
    }
    this.cancelHealthy = this.timers.after(HEALTHY_AFTER_MS, () => {
      this.cancelHealthy = null;
      if (!this.provider.wsconnected || !this.provider.synced) return;
      this.current = null;
      this.attempts = 0;
      this.onChange();
    });
  };

  private schedule(retry: RetryPolicy): number | null {
    this.cancelRetry?.();
    this.cancelRetry = null;
    const delay = retryDelayMs(retry, ++this.attempts);
    if (delay === null) return null;
    this.cancelRetry = this.timers.after(delay, () => {
      this.cancelRetry = null;
      this.reconnect();
    });
    return delay;
  }
}
