import type {
  AgendaItemSummary,
  MeetingDraft,
  MeetingSettingsPatch,
} from '../../core/api/meetings';
import {
  applyMinutesLayoutPatch,
  NO_MINUTES_LAYOUT,
  type MinutesLayoutPatch,
  type MinutesLayoutSettings,
} from '../../core/api/minutes-layout';
import type { MeetingRole } from '../../core/roles/permissions';
import type { AccessEvents } from '../identity/access-events';
import { newId } from '../ids';
import type { JsonValue, RecordStore } from '../store/types';
import { CodedError } from '../../core/errors/coded-error';

export interface MeetingRecord {
  id: string;
  title: string;
  startsAt: string;
  location: string;
  organisation: string;
  agenda: AgendaItemSummary[];
  createdAt: string;
  /** Số, ký hiệu and place of the minutes; absent in records written before they existed. */
  documentNumber?: string | null;
  place?: string | null;
  /** The minutes' "Nơi nhận" and signers' authority (core/api/minutes-layout.ts); absent: none. */
  minutesLayout?: MinutesLayoutSettings | null;
}

/** What a record says about the minutes' layout; records from before it: nothing. */
export const minutesLayoutOf = (m: MeetingRecord): MinutesLayoutSettings =>
  m.minutesLayout ?? NO_MINUTES_LAYOUT;

export class MeetingError extends CodedError<
  'meeting-not-found' | 'meeting-exists' | 'member-not-found'
> {
  override readonly name = 'MeetingError';
}

const meetingKey = (id: string) => `meeting/${id}`;
const roleKey = (meetingId: string, memberId: string) => `meeting-role/${meetingId}/${memberId}`;
const membershipKey = (memberId: string, meetingId: string) =>
  `member-meeting/${memberId}/${meetingId}`;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Meetings, their agenda and who plays which role in each: the records the server decides
 * by. Each change is one atomic batch; the control document mirrors them for clients.
 */
export class MeetingDirectory {
  constructor(
    private readonly records: RecordStore,
    /** Where role changes are announced, so the member's open connections are decided again. */
    private readonly events?: AccessEvents,
  ) {}

  async get(id: string): Promise<MeetingRecord | null> {
    if (!ID.test(id)) return null;
    return ((await this.records.get(meetingKey(id))) as MeetingRecord | undefined) ?? null;
  }

  async require(id: string): Promise<MeetingRecord> {
    const meeting = await this.get(id);
    if (!meeting) throw new MeetingError('meeting-not-found', `No meeting ${id}.`);
    return meeting;
  }

  async list(): Promise<MeetingRecord[]> {
    const out: MeetingRecord[] = [];
    for await (const [, value] of this.records.iterate('meeting/'))
      out.push(value as unknown as MeetingRecord);
    return out.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }

  async create(
    draft: MeetingDraft,
    options: { id?: string; now?: Date } = {},
  ): Promise<MeetingRecord> {
    const id = options.id ?? newId('h');
    if (!ID.test(id)) throw new MeetingError('meeting-exists', `Invalid meeting id ${id}.`);
    if (await this.get(id))
      throw new MeetingError('meeting-exists', `Meeting ${id} already exists.`);
    const record: MeetingRecord = {
      id,
      title: draft.title,
      startsAt: draft.startsAt,
      location: draft.location,
      organisation: draft.organisation,
      agenda: draft.agenda.map((title) => ({ id: newId('i'), title })),
      createdAt: (options.now ?? new Date()).toISOString(),
      documentNumber: draft.documentNumber ?? null,
      place: draft.place ?? null,
    };
    await this.records.put(meetingKey(id), record as unknown as JsonValue);
    return record;
  }

  /** Changes the settings `patch` names (null clears one); the rest of the record stays. */
  async updateSettings(meetingId: string, patch: MeetingSettingsPatch): Promise<MeetingRecord> {
    const meeting = await this.require(meetingId);
    const updated: MeetingRecord = { ...meeting, ...patch };
    await this.records.put(meetingKey(meetingId), updated as unknown as JsonValue);
    return updated;
  }

  /** Changes the minutes' recipients or signers' authority `patch` names. */
  async updateMinutesLayout(meetingId: string, patch: MinutesLayoutPatch): Promise<MeetingRecord> {
    const meeting = await this.require(meetingId);
    const minutesLayout = applyMinutesLayoutPatch(minutesLayoutOf(meeting), patch);
    const updated: MeetingRecord = { ...meeting, minutesLayout };
    await this.records.put(meetingKey(meetingId), updated as unknown as JsonValue);
    return updated;
  }

  async addAgendaItem(meetingId: string, title: string): Promise<MeetingRecord> {
    const meeting = await this.require(meetingId);
    const updated = { ...meeting, agenda: [...meeting.agenda, { id: newId('i'), title }] };
    await this.records.put(meetingKey(meetingId), updated as unknown as JsonValue);
    return updated;
  }

  /** Replaces the agenda (after core/meeting/agenda-edit.ts decided the edit). */
  async setAgenda(meetingId: string, agenda: readonly AgendaItemSummary[]): Promise<MeetingRecord> {
    const meeting = await this.require(meetingId);
    const updated = { ...meeting, agenda: agenda.map(({ id, title }) => ({ id, title })) };
    await this.records.put(meetingKey(meetingId), updated as unknown as JsonValue);
    return updated;
  }

  async roleOf(meetingId: string, memberId: string): Promise<MeetingRole | null> {
    if (!ID.test(meetingId) || !ID.test(memberId)) return null;
    return (
      ((await this.records.get(roleKey(meetingId, memberId))) as MeetingRole | undefined) ?? null
    );
  }

  /** Sets or (null) removes a member's role; their open connections follow before it returns. */
  async setRole(meetingId: string, memberId: string, role: MeetingRole | null): Promise<void> {
    await this.require(meetingId);
    if (role === null) {
      await this.records.batch([
        { type: 'del', key: roleKey(meetingId, memberId) },
        { type: 'del', key: membershipKey(memberId, meetingId) },
      ]);
    } else {
      await this.records.batch([
        { type: 'put', key: roleKey(meetingId, memberId), value: role },
        { type: 'put', key: membershipKey(memberId, meetingId), value: role },
      ]);
    }
    await this.events?.emit({ kind: 'role-changed', meetingId, memberId });
  }

  /** memberId → role for everyone in the meeting. */
  async roles(meetingId: string): Promise<Map<string, MeetingRole>> {
    const out = new Map<string, MeetingRole>();
    const prefix = `meeting-role/${meetingId}/`;
    for await (const [key, value] of this.records.iterate(prefix))
      out.set(key.slice(prefix.length), value as MeetingRole);
    return out;
  }

  /** The meetings a member belongs to, with their role. */
  async meetingsOf(memberId: string): Promise<Map<string, MeetingRole>> {
    const out = new Map<string, MeetingRole>();
    const prefix = `member-meeting/${memberId}/`;
    for await (const [key, value] of this.records.iterate(prefix))
      out.set(key.slice(prefix.length), value as MeetingRole);
    return out;
  }
}
