import type { JsonValue, RecordStore } from '../store/types';
import { CodedError } from '../../core/errors/coded-error';

/** A person known to this server, mapped from the certificates issued to them. */
export interface MemberRecord {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
  /** SHA-256 fingerprints (hex) of the certificates that log in as this member. */
  certificates: string[];
  createdAt: string;
  /** Position (chức vụ), e.g. "Phó Chủ tịch UBND phường"; absent or null when none. */
  position?: string | null;
}

export class MemberError extends CodedError<
  'member-exists' | 'member-not-found' | 'certificate-taken' | 'member-invalid'
> {
  override readonly name = 'MemberError';
}

const memberKey = (id: string) => `member/${id}`;
const certKey = (fingerprint: string) => `member-cert/${fingerprint.toLowerCase()}`;
const MEMBER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Members and the certificate → member mapping, in the record store. */
export class MemberDirectory {
  constructor(private readonly records: RecordStore) {}

  async get(id: string): Promise<MemberRecord | null> {
    if (!MEMBER_ID.test(id)) return null;
    return ((await this.records.get(memberKey(id))) as MemberRecord | undefined) ?? null;
  }

  async byCertificate(fingerprintHex: string): Promise<MemberRecord | null> {
    const id = await this.records.get(certKey(fingerprintHex));
    return typeof id === 'string' ? this.get(id) : null;
  }

  async list(): Promise<MemberRecord[]> {
    const members: MemberRecord[] = [];
    for await (const [, value] of this.records.iterate('member/'))
      members.push(value as unknown as MemberRecord);
    return members.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  /** Adds a member with their first certificate, atomically. */
  async add(member: Omit<MemberRecord, 'createdAt'>, now = new Date()): Promise<MemberRecord> {
    if (!MEMBER_ID.test(member.id))
      throw new MemberError('member-invalid', `Invalid member id ${member.id}.`);
    if (member.name.trim() === '')
      throw new MemberError('member-invalid', 'A member needs a name.');
    if (await this.get(member.id))
      throw new MemberError('member-exists', `Member ${member.id} already exists.`);
    for (const fp of member.certificates) {
      if (await this.records.get(certKey(fp))) {
        throw new MemberError('certificate-taken', 'This certificate already belongs to a member.');
      }
    }
    const record: MemberRecord = {
      ...member,
      name: member.name.normalize('NFC'),
      createdAt: now.toISOString(),
    };
    await this.records.batch([
      { type: 'put', key: memberKey(record.id), value: record as unknown as JsonValue },
      ...record.certificates.map((fp) => ({
        type: 'put' as const,
        key: certKey(fp),
        value: record.id,
      })),
    ]);
    return record;
  }

  /** Sets (or, with null, clears) a member's position. */
  async setPosition(id: string, position: string | null): Promise<MemberRecord> {
    const member = await this.get(id);
    if (!member) throw new MemberError('member-not-found', `No member ${id}.`);
    const updated: MemberRecord = { ...member, position: position?.normalize('NFC') ?? null };
    await this.records.put(memberKey(id), updated as unknown as JsonValue);
    return updated;
  }

  /** Maps one more certificate (a renewal) to an existing member. */
  async addCertificate(id: string, fingerprintHex: string): Promise<MemberRecord> {
    const member = await this.get(id);
    if (!member) throw new MemberError('member-not-found', `No member ${id}.`);
    if (await this.records.get(certKey(fingerprintHex))) {
      throw new MemberError('certificate-taken', 'This certificate already belongs to a member.');
    }
    const updated = {
      ...member,
      certificates: [...member.certificates, fingerprintHex.toLowerCase()],
    };
    await this.records.batch([
      { type: 'put', key: memberKey(id), value: updated as unknown as JsonValue },
      { type: 'put', key: certKey(fingerprintHex), value: id },
    ]);
    return updated;
  }
}
