import type { BallotBox, Poll } from '../../core/votes';
import type { JsonValue, RecordStore } from '../store/types';
import type { SealedUrn } from './urn';

/**
 * One poll as the server stores it: the poll and its ballot box in ONE record, so a ballot and
 * the state it was checked against are written together or not at all. A secret poll's box
 * holds sorted voters only while it is open, its choices sealed apart in `urn` (urn.ts); at
 * close the urn is opened and replaced by the counts, all at once. Never who chose what.
 */
export interface PollRecord {
  meetingId: string;
  poll: Poll;
  box: BallotBox;
  /** Members with a voting role when the poll opened (the 'members' base); null before. */
  memberCount: number | null;
  createdBy: string;
  /** A secret poll's sealed choices while it is open; absent (or null) otherwise. */
  urn?: SealedUrn | null;
}

const recordKey = (meetingId: string, pollId: string) => `poll/${meetingId}/${pollId}`;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Poll records with a write-through cache: a record enters the cache only once it is durable,
 * so what the server answers from memory is always what a restart would read back.
 */
export class PollBook {
  private readonly cache = new Map<string, PollRecord>();

  constructor(private readonly records: RecordStore) {}

  async get(meetingId: string, pollId: string): Promise<PollRecord | null> {
    if (!ID.test(meetingId) || !ID.test(pollId)) return null;
    const key = recordKey(meetingId, pollId);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const stored = (await this.records.get(key)) as PollRecord | undefined;
    if (!stored) return null;
    // Another load may have finished (or a save landed) while this one waited.
    const now = this.cache.get(key) ?? stored;
    this.cache.set(key, now);
    return now;
  }

  /** Durable (fsync'd) before it resolves; only then visible through get(). */
  async save(record: PollRecord): Promise<void> {
    const key = recordKey(record.meetingId, record.poll.id);
    await this.records.put(key, record as unknown as JsonValue);
    this.cache.set(key, record);
  }

  /** Every poll of a meeting, oldest first. */
  async list(meetingId: string): Promise<PollRecord[]> {
    const out: PollRecord[] = [];
    for await (const [, value] of this.records.iterate(`poll/${meetingId}/`)) {
      const record = value as unknown as PollRecord;
      out.push(this.cache.get(recordKey(meetingId, record.poll.id)) ?? record);
    }
    return out.sort((a, b) => a.poll.createdAt - b.poll.createdAt);
  }

  /** Every stored poll, for repairing control documents after a crash. */
  async *all(): AsyncIterable<PollRecord> {
    for await (const [, value] of this.records.iterate('poll/'))
      yield value as unknown as PollRecord;
  }
}
