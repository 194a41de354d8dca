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
  type MinutesVote,
} from '../../core/minutes';
import { ROLE_TITLES } from '../../core/minutes/labels';
import type { MeetingRole } from '../../core/roles/permissions';
import type * as Y from 'yjs';
import type { MeetingRecord } from '../meetings/directory';
import { splitDraft, type MinutesDraft } from './draft';
import { CodedError } from '../../core/errors/coded-error';
import { printedVote } from '../../core/results/print-vote';

export interface MinutesMember {
  id: string;
  name: string;
  role: MeetingRole;
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

export function buildMinutesData(sources: MinutesSources): MinutesData {
  const { meeting, members, control, draft, now } = sources;
  const person = (role: MeetingRole) => {
    const m = members.find((x) => x.role === role);
    if (!m) throw new MinutesDataError(`The meeting has no ${role}.`);
    return { name: m.name, role: ROLE_TITLES[role] };
  };
  const presence = new Map(readAttendanceView(control).members.map((m) => [m.memberId, m.status]));
  const order: MeetingRole[] = ['chair', 'secretary', 'delegate', 'observer'];
  const attendance: MinutesAttendee[] = [...members]
    .sort(
      (a, b) => order.indexOf(a.role) - order.indexOf(b.role) || a.name.localeCompare(b.name, 'vi'),
    )
    .map((m) => ({
      name: m.name,
      role: ROLE_TITLES[m.role],
      present: presence.get(m.id) === 'present',
    }));
  const startsAt = new Date(meeting.startsAt);
  const endsAt = now.getTime() > startsAt.getTime() ? now : startsAt;
  const votes = readPolls(control)
    .map((p) => printedVote(p, meeting.agenda))
    .filter((v): v is MinutesVote => v !== null);
  return {
    organisation: meeting.organisation,
    meetingTitle: meeting.title,
    place: meeting.location,
    startsAt: { iso: startsAt.toISOString(), utcOffsetMinutes: VIETNAM_UTC_OFFSET_MINUTES },
    endsAt: { iso: endsAt.toISOString(), utcOffsetMinutes: VIETNAM_UTC_OFFSET_MINUTES },
    chair: person('chair'),
    secretary: person('secretary'),
    attendance,
    items: splitDraft(
      draft.blocks,
      meeting.agenda.map((a) => a.title),
      { legacy: draft.legacy },
    ),
    votes,
  };
}
