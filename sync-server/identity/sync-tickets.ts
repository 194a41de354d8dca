import type { CryptoServices } from '../../core/crypto/types';
import { base64UrlEncode } from '../../core/crypto/encoding';

/** What a ticket stands for: the session that asked for it. */
export interface TicketGrant {
  sessionId: string;
  memberId: string;
}

interface Held extends TicketGrant {
  expiresAt: number;
}

export const SYNC_TICKET_TTL_MS = 30_000;
/** Unused tickets one session may hold at once; asking for more drops the oldest. */
const MAX_TICKETS_PER_SESSION = 16;
const TICKET = /^[A-Za-z0-9_-]{43}$/;

/**
 * One-time tickets for websocket upgrades, so session tokens never travel in URLs (which end up
 * in proxy logs and browser history). A ticket is short-lived, used at most once, and bound to
 * the session it was issued to: the connection then lives by that session. Held in memory only:
 * a restart invalidates unused tickets, and clients simply ask for a new one.
 */
export class SyncTickets {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly services: Pick<CryptoServices, 'randomBytes'>,
    private readonly ttlMs = SYNC_TICKET_TTL_MS,
  ) {}

  issue(grant: TicketGrant, now: number): { ticket: string; expiresAt: number } {
    this.sweep(now);
    const mine = [...this.held].filter(([, h]) => h.sessionId === grant.sessionId);
    if (mine.length >= MAX_TICKETS_PER_SESSION) this.held.delete((mine[0] as [string, Held])[0]);
    const ticket = base64UrlEncode(this.services.randomBytes(32));
    const expiresAt = now + this.ttlMs;
    this.held.set(ticket, { ...grant, expiresAt });
    return { ticket, expiresAt };
  }

  /** The grant, once: a second use, an unknown or an expired ticket gives null. */
  redeem(ticket: string, now: number): TicketGrant | null {
    if (!TICKET.test(ticket)) return null;
    const held = this.held.get(ticket);
    if (!held) return null;
    this.held.delete(ticket);
    if (now >= held.expiresAt) return null;
    return { sessionId: held.sessionId, memberId: held.memberId };
  }

  /** Drops the unused tickets of a session that ended. */
  revokeSession(sessionId: string): void {
    for (const [ticket, held] of this.held)
      if (held.sessionId === sessionId) this.held.delete(ticket);
  }

  private sweep(now: number): void {
    for (const [ticket, held] of this.held) if (now >= held.expiresAt) this.held.delete(ticket);
  }
}
