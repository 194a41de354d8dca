import type { CryptoServices } from '../../core/crypto/types';
import { createChallenge, isChallengeExpired, type LoginChallenge } from '../../core/identity';

export type ConsumeResult = 'ok' | 'unknown' | 'expired';

/**
 * Outstanding login nonces: single use, short-lived, and bounded in number so that a flood
 * of challenge requests cannot grow memory. Kept in memory on purpose: a restart simply
 * makes clients ask for a new one.
 */
export class ChallengeBook {
  private readonly outstanding = new Map<string, LoginChallenge>();

  constructor(
    private readonly services: Pick<CryptoServices, 'randomBytes'>,
    private readonly ttlMs = 120_000,
    private readonly maxOutstanding = 10_000,
  ) {}

  issue(now = new Date()): LoginChallenge {
    if (this.outstanding.size >= this.maxOutstanding) this.sweep(now);
    if (this.outstanding.size >= this.maxOutstanding) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.outstanding.keys().next().value;
      if (oldest !== undefined) this.outstanding.delete(oldest);
    }
    const challenge = createChallenge(this.services, now, this.ttlMs);
    this.outstanding.set(challenge.nonce, challenge);
    return challenge;
  }

  /** Takes the nonce out whatever the answer, so it can never be used twice. */
  consume(nonce: string, now = new Date()): ConsumeResult {
    const challenge = this.outstanding.get(nonce);
    if (!challenge) return 'unknown';
    this.outstanding.delete(nonce);
    return isChallengeExpired(challenge, now) ? 'expired' : 'ok';
  }

  private sweep(now: Date): void {
    for (const [nonce, challenge] of this.outstanding) {
      if (isChallengeExpired(challenge, now)) this.outstanding.delete(nonce);
    }
  }
}
