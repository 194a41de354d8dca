import { VoteError } from './errors';
import { checkTime, type Poll } from './poll';

/** One named ballot: public by design. */
export interface NamedBallot {
  memberId: string;
  optionId: string;
  castAt: number;
}

/** Named poll: memberId → optionId, as a list (member ids never become object keys). */
export interface NamedBallotBox {
  kind: 'named';
  ballots: NamedBallot[];
}

/**
 * Secret poll: who voted and how many chose each option, with no link between the two — no
 * per-ballot record, no times, voters kept sorted so their order says nothing of when they
 * voted. One caution for whoever publishes it: a watcher who sees `voters` and `counts` change
 * together, one ballot at a time, learns each choice. Show only the turnout (voters.length)
 * while the poll is open and reveal counts once it is closed.
 */
export interface SecretBallotBox {
  kind: 'secret';
  voters: string[];
  /** Own keys are exactly the poll's option ids. */
  counts: Record<string, number>;
}

export type BallotBox = NamedBallotBox | SecretBallotBox;

export function emptyBallotBox(poll: Poll): BallotBox {
  if (poll.kind === 'named') return { kind: 'named', ballots: [] };
  const counts: Record<string, number> = {};
  for (const option of poll.options) counts[option.id] = 0;
  return { kind: 'secret', voters: [], counts };
}

export function hasVoted(box: BallotBox, memberId: string): boolean {
  return box.kind === 'named'
    ? box.ballots.some((ballot) => ballot.memberId === memberId)
    : box.voters.includes(memberId);
}

/** Who has voted, in casting order (named) or sorted (secret). */
export function voterIds(box: BallotBox): string[] {
  return box.kind === 'named' ? box.ballots.map((ballot) => ballot.memberId) : [...box.voters];
}

/** Ballots per option id, for every option of the poll (0 when none). */
export function countsByOption(poll: Poll, box: BallotBox): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const option of poll.options) {
    counts[option.id] =
      box.kind === 'named'
        ? box.ballots.filter((ballot) => ballot.optionId === option.id).length
        : Object.hasOwn(box.counts, option.id)
          ? (box.counts[option.id] ?? 0)
          : 0;
  }
  return counts;
}

/**
 * Records one member's ballot and returns the new box; the old one is left as it was.
 * Refuses, in this order: poll-not-open, ballot-box-mismatch, not-eligible (not present when
 * the poll opened), unknown-option, already-voted (unless a named poll allows changes, where
 * the new choice replaces the old).
 */
export function castBallot(
  poll: Poll,
  box: BallotBox,
  memberId: string,
  optionId: string,
  now: number,
): BallotBox {
  if (poll.state !== 'open') {
    throw new VoteError('poll-not-open', `Ballots are taken only while a poll is open.`);
  }
  if (box.kind !== poll.kind) {
    throw new VoteError('ballot-box-mismatch', `A ${poll.kind} poll needs a ${poll.kind} box.`);
  }
  checkTime(now);
  if (!(poll.eligible ?? []).includes(memberId)) {
    throw new VoteError(
      'not-eligible',
      'Only members present when the poll opened may vote in it.',
    );
  }
  if (!poll.options.some((option) => option.id === optionId)) {
    throw new VoteError('unknown-option', `This poll has no option "${optionId}".`);
  }

  if (box.kind === 'secret') {
    // Even if a hand-built poll says allowChange, the earlier choice is unknown here.
    if (box.voters.includes(memberId)) {
      throw new VoteError('already-voted', 'This member has already voted.');
    }
    const previous = Object.hasOwn(box.counts, optionId) ? (box.counts[optionId] ?? 0) : 0;
    return {
      kind: 'secret',
      voters: [...box.voters, memberId].sort(),
      counts: { ...box.counts, [optionId]: previous + 1 },
    };
  }

  const ballot: NamedBallot = { memberId, optionId, castAt: now };
  const index = box.ballots.findIndex((existing) => existing.memberId === memberId);
  if (index === -1) return { kind: 'named', ballots: [...box.ballots, ballot] };
  if (!poll.allowChange) {
    throw new VoteError('already-voted', 'This member has already voted.');
  }
  return { kind: 'named', ballots: box.ballots.map((old, i) => (i === index ? ballot : old)) };
}

/**
 * While a secret poll is open the server keeps its choices sealed apart (a sealed urn) and the
 * box holds voters only, every count 0: no write made during the poll holds a count.
 */
export function uncountedBox(box: SecretBallotBox): SecretBallotBox {
  const counts: Record<string, number> = {};
  for (const id of Object.keys(box.counts)) counts[id] = 0;
  return { kind: 'secret', voters: [...box.voters], counts };
}

/**
 * The counts of a secret poll from the choices its urn held at close, all at once. Refuses
 * (inconsistent-ballots) an urn that does not hold exactly one known choice per voter.
 */
export function countChoices(
  poll: Poll,
  box: SecretBallotBox,
  choices: readonly string[],
): SecretBallotBox {
  if (choices.length !== box.voters.length) {
    throw new VoteError('inconsistent-ballots', 'The urn does not hold one ballot per voter.');
  }
  const counts: Record<string, number> = {};
  for (const option of poll.options) counts[option.id] = 0;
  for (const choice of choices) {
    if (!Object.hasOwn(counts, choice)) {
      throw new VoteError('inconsistent-ballots', `The urn holds an unknown option "${choice}".`);
    }
    counts[choice] = (counts[choice] ?? 0) + 1;
  }
  return { kind: 'secret', voters: [...box.voters], counts };
}
