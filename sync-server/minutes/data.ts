/**
 * MinutesData from what the server itself holds: the meeting record and roles (who chaired,
 * who took the minutes), the control document (attendance, published votes) and the shared
 * document's draft (discussion and decisions per agenda item).
 */
import { readAttendanceView } from '../../core/docs/control/attendance';
import { readPolls } from '../../core/docs/control/polls';
import {
  VIETNAM_UTC_OFFSET_MINUTES,
  type MinutesAttendee,
  type MinutesData,
  type MinutesSpeech,
  type MinutesVote,
} from '../../core/minutes';
import { readSpeakers } from '../../core/docs/control/speakers';
import { attendanceNote, attended } from '../../core/minutes/attendance-note';
import { ROLE_TITLES } from '../../core/minutes/labels';
import { compareVietnameseNames } from '../../core/minutes/names';
import { readControlMeta } from '../../core/docs/control/meta';
import { participates, type MeetingRole } from '../../core/roles/permissions';
import type * as Y from 'yjs';
import { minutesLayoutOf, type MeetingRecord } from '../meetings/directory';
import { splitMinutesDraft, type MinutesDraft } from './draft';
import { CodedError } from '../../core/errors/coded-error';
import { printedVote } from '../../core/minutes/print-vote';

export interface MinutesMember {
  id: string;
  name: string;
  role: MeetingRole;
  /** Position (chức vụ) from the member record, printed instead of the meeting role. */
  position?: string | null;
}

export interface MinutesSources {
  meeting: MeetingRecord;
  /** Everyone with a role in the meeting. */
  members: readonly MinutesMember[];
  control: Y.Doc;
  /** The draft as rich text (readMinutesDraft of the shared document). */
  draft: MinutesDraft;
  now: Date;
}

/** Thrown when the meeting lacks what a biên bản needs (a chair, a secretary). */
export class MinutesDataError extends CodedError<'minutes-draft-invalid'> {
  override readonly name = 'MinutesDataError';
  constructor(message: string) {
    super('minutes-draft-invalid', message);
  }
}

const validIso = (value: string | null): string | null =>
  value !== null && !Number.isNaN(Date.parse(value)) ? value : null;

export function buildMinutesData(sources: MinutesSources): MinutesData {
  const { meeting, members, control, draft, now } = sources;
  const layout = minutesLayoutOf(meeting);
  const person = (role: 'chair' | 'secretary') => {
    const m = members.find((x) => x.role === role);
    if (!m) throw new MinutesDataError(`The meeting has no ${role}.`);
    // The line already says "Chủ trì:"/"Thư ký:": only a recorded position follows the name.
    const authority = layout.authority[role];
    return {
      name: m.name,
      ...(m.position ? { role: m.position } : {}),
      ...(authority ? { authority } : {}),
    };
  };
  const records = new Map(readAttendanceView(control).members.map((m) => [m.memberId, m]));
  // The room's screen logs in as a member but takes no part: it is not an attendee.
  const attendance: MinutesAttendee[] = members
    .filter((m) => participates(m.role))
    .sort((a, b) => compareVietnameseNames(a.name, b.name))
    .map((m) => {
      const record = records.get(m.id);
      // The reason, late arrival and early departure the chair's controls recorded, if any.
      const note = record ? attendanceNote(record, VIETNAM_UTC_OFFSET_MINUTES) : undefined;
      return {
        name: m.name,
        role: m.position || ROLE_TITLES[m.role],
        present: record ? attended(record) : false,
        ...(note ? { note } : {}),
      };
    });
  const meta = readControlMeta(control);
  // The lifecycle's times when the chair opened and closed the meeting; no close, no end.
  const startsAt = new Date(validIso(meta.openedAt) ?? meeting.startsAt);
  const closedAt = validIso(meta.closedAt);
  const zone = (d: Date) => ({
    iso: d.toISOString(),
    utcOffsetMinutes: VIETNAM_UTC_OFFSET_MINUTES,
  });
  const votes = readPolls(control)
    .map((p) => printedVote(p, meeting.agenda))
    .filter((v): v is MinutesVote => v !== null);
  const { opening, items: written } = splitMinutesDraft(
    draft.blocks,
    meeting.agenda.map((a) => a.title),
    { legacy: draft.legacy },
  );
  // Who spoke on each item, from the speakers list, in order (only finished turns).
  const floors = readSpeakers(control);
  const byId = new Map(members.map((m) => [m.id, m]));
  const items = written.map((item, i) => {
    const spoken = floors[meeting.agenda[i]?.id ?? '']?.spoken ?? [];
    const speeches: MinutesSpeech[] = spoken.flatMap((turn) => {
      const m = byId.get(turn.memberId);
      if (!m) return [];
      return [
        {
          name: m.name,
          ...(m.position ? { position: m.position } : {}),
          kind: turn.kind,
          at: zone(new Date(turn.startedAt)),
        },
      ];
    });
    return speeches.length > 0 ? { ...item, speeches } : item;
  });
  return {
    organisation: meeting.organisation,
    meetingTitle: meeting.title,
    ...(meeting.documentNumber ? { documentNumber: meeting.documentNumber } : {}),
    place: meeting.location,
    ...(meeting.place ? { locality: meeting.place } : {}),
    startsAt: zone(startsAt),
    ...(closedAt && Date.parse(closedAt) >= startsAt.getTime()
      ? { endsAt: zone(new Date(closedAt)) }
      : {}),
    issuedAt: zone(now),
    ...(opening.length > 0 ? { opening } : {}),
    chair: person('chair'),
    secretary: person('secretary'),
    attendance,
    items,
    votes,
    ...(layout.recipients ? { recipients: layout.recipients } : {}),
  };
}
