import { createHash } from 'node:crypto';
import type { CryptoServices } from '../../core/crypto/types';
import { base64UrlEncode } from '../../core/crypto/encoding';
import type { RecordStore } from '../store/types';

export interface Session {
  memberId: string;
  expiresAt: number;
}

export type SessionLookup =
  { ok: true; session: Session } | { ok: false; code: 'session-invalid' | 'session-expired' };

/** Tokens are stored only as their SHA-256, so a copy of the data directory logs nobody in. */
const sessionKey = (token: string) => `session/${createHash('sha256').update(token).digest('hex')}`;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Short-lived bearer tokens, durable so a server restart does not log a meeting out. */
export class SessionBook {
  constructor(
    private readonly records: RecordStore,
    private readonly services: Pick<CryptoServices, 'randomBytes'>,
    readonly ttlMs: number,
  ) {}

  async create(memberId: string, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
    const token = base64UrlEncode(this.services.randomBytes(32));
    const expiresAt = now + this.ttlMs;
    await this.records.put(sessionKey(token), { memberId, expiresAt });
    return { token, expiresAt };
  }

  async lookup(token: string, now = Date.now()): Promise<SessionLookup> {
    if (!TOKEN.test(token)) return { ok: false, code: 'session-invalid' };
    const stored = (await this.records.get(sessionKey(token))) as Session | undefined;
    if (!stored) return { ok: false, code: 'session-invalid' };
    if (now >= stored.expiresAt) {
      await this.records.del(sessionKey(token));
      return { ok: false, code: 'session-expired' };
    }
    return { ok: true, session: stored };
  }

  async revoke(token: string): Promise<void> {
    if (TOKEN.test(token)) await this.records.del(sessionKey(token));
  }
}
