import type { MyBallot, PollResult, PollView } from '../../core/api/votes';
import { tally, voterIds } from '../../core/votes';
import type { PollRecord } from './records';

/**
 * The result of a closed or published poll. `presentCount` is the eligible list, frozen when
 * the poll opened (members who came later cannot vote and must not count as silent "against").
 */
export function pollResult(record: PollRecord): PollResult {
  const { poll, box } = record;
  const eligible = poll.eligible?.length ?? 0;
  const result = tally(poll, box, {
    presentCount: eligible,
    memberCount: Math.max(record.memberCount ?? eligible, eligible),
  });
  const ballots =
    box.kind === 'named'
      ? box.ballots
          .map((b) => ({ memberId: b.memberId, optionId: b.optionId }))
          .sort((a, b) => a.memberId.localeCompare(b.memberId))
      : null;
  const notVoted =
    box.kind === 'named'
      ? (poll.eligible ?? [])
          .filter((id) => !box.ballots.some((b) => b.memberId === id))
          .sort((a, b) => a.localeCompare(b))
      : null;
  return { tally: result, ballots, notVoted };
}

/** Published results stay visible (with the cancellation beside them) when a published poll is cancelled. */
const resultShown = ({ poll }: PollRecord): boolean =>
  poll.state === 'published' || (poll.state === 'cancelled' && poll.publishedAt !== undefined);

/**
 * Whether the voter roll stays out of the view: while a secret poll is open, the room learns how
 * many have voted, not who (issue 10 §3). A member asks `my-ballot` whether they have.
 */
export const rollHidden = (record: PollRecord): boolean =>
  record.poll.kind === 'secret' && record.poll.state === 'open';

/**
 * What every member may see of a poll — and so what goes into the control document. Counts
 * appear only once published: while a secret poll is open, seeing the voters and the counts
 * change together would reveal each choice; a closed poll waits for the chair to publish.
 */
export function pollView(record: PollRecord): PollView {
  const { poll } = record;
  return {
    id: poll.id,
    agendaItemId: poll.agendaItemId,
    title: poll.title,
    kind: poll.kind,
    options: poll.options.map((o) => ({ ...o })),
    rule: poll.rule,
    base: poll.base,
    quorum: poll.quorum,
    allowChange: poll.allowChange,
    state: poll.state,
    createdAt: poll.createdAt,
    openedAt: poll.openedAt ?? null,
    closedAt: poll.closedAt ?? null,
    publishedAt: poll.publishedAt ?? null,
    cancelledAt: poll.cancelledAt ?? null,
    cancelledReason: poll.cancelledReason ?? null,
    eligible: [...(poll.eligible ?? [])],
    admitted: (poll.admitted ?? []).map((a) => ({ memberId: a.memberId, at: a.at })),
    memberCount: record.memberCount,
    voters: rollHidden(record) ? [] : voterIds(record.box).sort(),
    ballotsCast: voterIds(record.box).length,
    result: resultShown(record) ? pollResult(record) : null,
  };
}

/** The caller's own ballot: their choice in a named poll, only the fact of voting in a secret one. */
export function myBallot(record: PollRecord, memberId: string): MyBallot {
  const { poll, box } = record;
  const eligible = (poll.eligible ?? []).includes(memberId);
  if (box.kind === 'secret') {
    return {
      pollId: poll.id,
      eligible,
      voted: box.voters.includes(memberId),
      optionId: null,
      castAt: null,
    };
  }
  const ballot = box.ballots.find((b) => b.memberId === memberId);
  return {
    pollId: poll.id,
    eligible,
    voted: ballot !== undefined,
    optionId: ballot?.optionId ?? null,
    castAt: ballot?.castAt ?? null,
  };
}
