/**
 * What a results export holds (CSV and PDF alike): every poll of the meeting in order, its
 * state and outcome, the results table where the room has a result, and for named polls the
 * named list with the members who did not vote. Secret polls carry counts only.
 */
import type { PollView } from '../api/votes';
import type { MinutesVote } from '../minutes/types';
import type { PollState } from '../votes/poll';
import type { TallyOutcome } from '../votes/tally';
import { NOT_VOTED_LABEL } from '../votes/result-rows';
import { printedVote } from '../minutes/print-vote';

export const STATE_LABELS: Readonly<Record<PollState, string>> = {
  draft: 'Chưa mở',
  open: 'Đang biểu quyết',
  closed: 'Đã kết thúc, chưa công bố',
  published: 'Đã công bố',
  cancelled: 'Đã hủy',
};

export const OUTCOME_LABELS: Readonly<Record<TallyOutcome, string>> = {
  passed: 'Thông qua',
  'not-reached': 'Không thông qua',
  'no-quorum': 'Không thông qua (không đủ túc số)',
  'no-votes': 'Không thông qua (không có phiếu)',
};

export interface NamedChoice {
  name: string;
  /** The option's label, or NOT_VOTED_LABEL. */
  choice: string;
  voted: boolean;
}

export interface SheetPoll {
  id: string;
  title: string;
  agendaItemTitle: string;
  kind: PollView['kind'];
  state: PollState;
  /** The printed vote (table rows, head counts, cancellation) or null while there is no result. */
  vote: MinutesVote | null;
  /** Null until a result is shown. */
  outcome: TallyOutcome | null;
  cancelledReason: string | null;
  /** Named polls with a result: every eligible member, by name; null for secret polls. */
  named: NamedChoice[] | null;
}

export interface ResultSheet {
  organisation: string;
  meetingTitle: string;
  /** ISO instant the export was made. */
  generatedAt: string;
  polls: SheetPoll[];
}

export interface SheetSources {
  meeting: {
    title: string;
    organisation: string;
    agenda: readonly { id: string; title: string }[];
  };
  polls: readonly PollView[];
  /** A member's name (the id when unknown). */
  nameOf: (memberId: string) => string;
  now: Date;
}

function namedList(poll: PollView, nameOf: (id: string) => string): NamedChoice[] | null {
  const result = poll.result;
  if (poll.kind !== 'named' || result === null || result.ballots === null) return null;
  const label = new Map(poll.options.map((o) => [o.id, o.label]));
  const voted: NamedChoice[] = result.ballots.map((b) => ({
    name: nameOf(b.memberId),
    choice: label.get(b.optionId) ?? b.optionId,
    voted: true,
  }));
  const missing = result.notVoted ?? poll.eligible.filter((id) => !poll.voters.includes(id));
  const absent: NamedChoice[] = missing.map((id) => ({
    name: nameOf(id),
    choice: NOT_VOTED_LABEL,
    voted: false,
  }));
  // Vietnamese names sort by given name (the last word), then the whole name.
  const given = (name: string) => name.trim().split(/\s+/u).pop() ?? name;
  return [...voted, ...absent].sort(
    (a, b) =>
      given(a.name).localeCompare(given(b.name), 'vi') || a.name.localeCompare(b.name, 'vi'),
  );
}

/** The export of `polls` (one poll or all of a meeting), oldest first. */
export function resultSheet(sources: SheetSources): ResultSheet {
  const { meeting, nameOf } = sources;
  const polls = [...sources.polls].sort(
    (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
  );
  return {
    organisation: meeting.organisation,
    meetingTitle: meeting.title,
    generatedAt: sources.now.toISOString(),
    polls: polls.map((poll) => ({
      id: poll.id,
      title: poll.title,
      agendaItemTitle: meeting.agenda.find((a) => a.id === poll.agendaItemId)?.title ?? '',
      kind: poll.kind,
      state: poll.state,
      vote: printedVote(poll, meeting.agenda),
      outcome: poll.result?.tally.outcome ?? null,
      cancelledReason: poll.cancelledReason,
      named: namedList(poll, nameOf),
    })),
  };
}
