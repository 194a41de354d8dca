import type { ElectionRecord } from '../../core/elections/conduct';
import type { JsonValue, RecordStore } from '../store/types';
import type { SealedUrn } from '../votes/urn';

/**
 * One election as the server stores it: the rounds (who voted, sorted; never a choice) and the
 * open round's sealed urn in ONE record, so a ballot and the "has voted" mark it goes with are
 * written together or not at all. At close the urn is opened, counted and dropped at once.
 */
export interface StoredElection {
  record: ElectionRecord;
  /** The open round's sealed ballots; null when no round is open. */
  urn: SealedUrn | null;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const keyOf = (meetingId: string, electionId: string) => `election/${meetingId}/${electionId}`;

/** A write-through cache, as PollBook: in memory only once durable. */
export class ElectionBook {
  private readonly cache = new Map<string, StoredElection>();

  constructor(private readonly records: RecordStore) {}

  async get(meetingId: string, electionId: string): Promise<StoredElection | null> {
    if (!ID.test(meetingId) || !ID.test(electionId)) return null;
    const key = keyOf(meetingId, electionId);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const stored = (await this.records.get(key)) as StoredElection | undefined;
    if (!stored) return null;
    const now = this.cache.get(key) ?? stored;
    this.cache.set(key, now);
    return now;
  }

  /** Durable (fsync'd) before it resolves. */
  async save(stored: StoredElection): Promise<void> {
    const key = keyOf(stored.record.meetingId, stored.record.election.id);
    await this.records.put(key, stored as unknown as JsonValue);
    this.cache.set(key, stored);
  }

  async list(meetingId: string): Promise<StoredElection[]> {
    const out: StoredElection[] = [];
    for await (const [key, value] of this.records.iterate(`election/${meetingId}/`)) {
      out.push(this.cache.get(key) ?? (value as unknown as StoredElection));
    }
    return out.sort((a, b) => a.record.createdAt - b.record.createdAt);
  }

  async *all(): AsyncIterable<StoredElection> {
    for await (const [, value] of this.records.iterate('election/'))
      yield value as unknown as StoredElection;
  }
}
