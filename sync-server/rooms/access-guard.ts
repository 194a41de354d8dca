import { parseDocName } from '../../core/docs/names';
import type { AccessChange } from '../identity/access-events';
import type { Logger } from '../log';
import type { Authorization } from './authorize';
import type { Connection } from './connection';
import { CloseCode } from './protocol';

/** setTimeout's ceiling (about 24.8 days); longer sessions are re-armed when it fires. */
const MAX_TIMER_MS = 2_147_483_647;

export interface AccessGuardDeps {
  logger: Logger;
  /** The clock sessions expire by (ms since the epoch). */
  now: () => number;
  /** Counts a connection that lost access (metrics). */
  onRevoked?: (reason: string) => void;
}

/**
 * Keeps open connections to the rights they have now, not the ones they had at upgrade: closes
 * those of an ended session (logout, expiry: a timer at the session's end), and decides again
 * for a member whose role changed — a write connection is downgraded to read in place, and one
 * whose access is gone is closed with a close code the provider treats as final.
 */
export class AccessGuard {
  private readonly open = new Set<Connection>();
  private readonly timers = new Map<Connection, NodeJS.Timeout>();

  constructor(private readonly deps: AccessGuardDeps) {}

  track(conn: Connection): void {
    this.open.add(conn);
    this.armExpiry(conn, conn.session.expiresAt);
  }

  untrack(conn: Connection): void {
    this.open.delete(conn);
    const timer = this.timers.get(conn);
    if (timer) clearTimeout(timer);
    this.timers.delete(conn);
  }

  /** Applies `change` to every affected open connection; resolves when all are settled. */
  async apply(change: AccessChange): Promise<void> {
    const affected = [...this.open].filter((conn) => affects(change, conn));
    if (change.kind === 'session-ended') {
      for (const conn of affected)
        this.revoke(conn, CloseCode.sessionEnded, `session ended: ${change.reason}`);
      return;
    }
    await Promise.all(affected.map((conn) => this.recheck(conn)));
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.open.clear();
  }

  private async recheck(conn: Connection): Promise<void> {
    const recheck = conn.session.recheck;
    if (!recheck || conn.closed) return;
    let decision: Authorization;
    try {
      decision = await recheck();
    } catch (error) {
      this.deps.logger.log('error', 'sync.recheck-failed', {
        doc: conn.docName,
        member: conn.memberId,
        error: String(error),
      });
      // Fail closed: rights that cannot be confirmed are not kept.
      return this.revoke(conn, CloseCode.internalError, 'could not check access; reconnect');
    }
    if (conn.closed) return;
    if (!decision.ok) {
      if (decision.status === 401)
        return this.revoke(conn, CloseCode.sessionEnded, `session ended: ${decision.code}`);
      return this.revoke(conn, CloseCode.forbidden, `access revoked: ${decision.code}`);
    }
    if (decision.access !== conn.access) {
      this.deps.logger.log('info', 'sync.access-changed', {
        doc: conn.docName,
        member: conn.memberId,
        access: decision.access,
      });
      conn.access = decision.access;
    }
    this.armExpiry(conn, decision.expiresAt ?? null);
  }

  private revoke(conn: Connection, code: number, reason: string): void {
    this.deps.logger.log('info', 'sync.access-revoked', {
      doc: conn.docName,
      member: conn.memberId,
      reason,
    });
    this.deps.onRevoked?.(reason);
    this.untrack(conn);
    conn.close(code, reason);
  }

  private armExpiry(conn: Connection, expiresAt: number | null): void {
    const previous = this.timers.get(conn);
    if (previous) clearTimeout(previous);
    this.timers.delete(conn);
    if (expiresAt === null || !conn.session.recheck) return;
    const wait = expiresAt - this.deps.now();
    const timer = setTimeout(
      () => {
        this.timers.delete(conn);
        if (wait > MAX_TIMER_MS) return this.armExpiry(conn, expiresAt);
        // A session still live by its clock is re-armed by recheck with its expiry.
        void this.recheck(conn);
      },
      Math.min(Math.max(0, wait), MAX_TIMER_MS),
    );
    timer.unref();
    this.timers.set(conn, timer);
  }
}

function affects(change: AccessChange, conn: Connection): boolean {
  if (change.kind === 'session-ended') return conn.session.sessionId === change.sessionId;
  if (conn.memberId !== change.memberId) return false;
  return parseDocName(conn.docName)?.meetingId === change.meetingId;
}
