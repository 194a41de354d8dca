import { createHash } from 'node:crypto';
import type { CryptoServices } from '../../core/crypto/types';
import { base64UrlEncode } from '../../core/crypto/encoding';
import type { RecordStore } from '../store/types';
import type { AccessEvents } from './access-events';

export interface Session {
  memberId: string;
  expiresAt: number;
}

export type SessionLookup =
  | { ok: true; session: Session; sessionId: string }
  | { ok: false; code: 'session-invalid' | 'session-expired' };

/**
 * A session's id is the SHA-256 (hex) of its token: tokens are stored only that way, so a copy
 * of the data directory logs nobody in, and open connections can name their session without
 * keeping the token.
 */
export const sessionIdOf = (token: string): string =>
  createHash('sha256').update(token).digest('hex');
const sessionKey = (id: string) => `session/${id}`;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const SESSION_ID = /^[0-9a-f]{64}$/;

/** Short-lived bearer tokens, durable so a server restart does not log a meeting out. */
export class SessionBook {
  constructor(
    private readonly records: RecordStore,
    private readonly services: Pick<CryptoServices, 'randomBytes'>,
    readonly ttlMs: number,
    /** Where logouts are announced, so open connections of the session close. */
    private readonly events?: AccessEvents,
  ) {}

  async create(memberId: string, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
    const token = base64UrlEncode(this.services.randomBytes(32));
    const expiresAt = now + this.ttlMs;
    await this.records.put(sessionKey(sessionIdOf(token)), { memberId, expiresAt });
    return { token, expiresAt };
  }

  async lookup(token: string, now = Date.now()): Promise<SessionLookup> {
    if (!TOKEN.test(token)) return { ok: false, code: 'session-invalid' };
    return this.lookupById(sessionIdOf(token), now);
  }

  /** The session an open connection came from, by id; the same answers as `lookup`. */
  async lookupById(sessionId: string, now = Date.now()): Promise<SessionLookup> {
    if (!SESSION_ID.test(sessionId)) return { ok: false, code: 'session-invalid' };
    const stored = (await this.records.get(sessionKey(sessionId))) as Session | undefined;
    if (!stored) return { ok: false, code: 'session-invalid' };
    if (now >= stored.expiresAt) {
      await this.records.del(sessionKey(sessionId));
      return { ok: false, code: 'session-expired' };
    }
    return { ok: true, session: stored, sessionId };
  }

  /** Ends the session; its open connections are closed before this returns. */
  async revoke(token: string): Promise<void> {
    if (!TOKEN.test(token)) return;
    const sessionId = sessionIdOf(token);
    await this.records.del(sessionKey(sessionId));
    await this.events?.emit({ kind: 'session-ended', sessionId, reason: 'logout' });
  }
}
