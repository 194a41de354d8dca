import { parsePollDraft, type PollDraft } from '../votes/poll';
import type { Tally } from '../votes/tally';
import type { Election } from './election';

/**
 * The two motions a congress votes before it elects (Hướng dẫn 28/HD-TLĐ): approving the
 * candidate list (biểu quyết thông qua danh sách bầu cử) and the number of seats. They are
 * ordinary core/votes polls — same options, majority rules and tallies as any motion — and
 * the election only links them by id (Election.preliminaries). No poll logic lives here.
 */
export type PreliminaryKind = 'candidate-list' | 'seats';

/** The poll draft for one preliminary motion: named, absolute majority of those present by default. */
export function preliminaryPollDraft(
  kind: PreliminaryKind,
  election: Pick<Election, 'title' | 'seats' | 'candidates'>,
  agendaItemId: string,
): PollDraft {
  const title =
    kind === 'candidate-list'
      ? `Thông qua danh sách bầu cử: ${election.title} (${election.candidates.length} người)`
      : `Thông qua số lượng bầu: ${election.title} (${election.seats} người)`;
  return parsePollDraft({ agendaItemId, title, kind: 'named', rule: 'absolute', base: 'present' });
}

/** Which of the election's preliminary polls are still missing or not passed. */
export function preliminariesPending(
  election: Election,
  tallies: Readonly<Record<string, Tally | undefined>>,
): PreliminaryKind[] {
  const pending: PreliminaryKind[] = [];
  const check = (kind: PreliminaryKind, pollId: string | undefined): void => {
    if (pollId === undefined) return; // the congress chose not to vote on it
    if (tallies[pollId]?.outcome !== 'passed') pending.push(kind);
  };
  check('candidate-list', election.preliminaries?.candidateListPollId);
  check('seats', election.preliminaries?.seatsPollId);
  return pending;
}
