import { countsByOption, type BallotBox } from './ballot';
import { VoteError } from './errors';
import { baseCount, meetsRule } from './majority';
import { resultTable } from './result-rows';
import { ABSTAIN, FOR, type MajorityBase, type MajorityRule, type Poll } from './poll';

/**
 * Head counts the poll itself does not hold. `presentCount` should be the number of members
 * present when the poll opened (poll.eligible.length): people who came in later cannot vote,
 * so counting them would make them silent votes against.
 */
export interface TallyContext {
  presentCount: number;
  memberCount: number;
}

export interface OptionTally {
  optionId: string;
  label: string;
  labelKey?: string;
  count: number;
  /** Share of the base, for display (2 decimals). */
  percent: number;
}

/** Why a poll passed or not, in order of precedence. */
export type TallyOutcome = 'passed' | 'no-quorum' | 'no-votes' | 'not-reached';

export interface Tally {
  pollId: string;
  rule: MajorityRule;
  base: MajorityBase;
  options: OptionTally[];
  /** The option the rule is tested on: 'for' if the poll has it, else the first option. */
  motionOptionId: string;
  cast: number;
  eligible: number;
  /** Eligible members who have not voted. */
  notVoted: number;
  present: number;
  members: number;
  baseCount: number;
  quorum: number;
  quorumMet: boolean;
  passed: boolean;
  outcome: TallyOutcome;
}

function checkContext(context: TallyContext, cast: number): void {
  const { presentCount, memberCount } = context;
  const whole = (n: unknown): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (!whole(presentCount) || !whole(memberCount)) {
    throw new VoteError('bad-tally-context', 'Head counts must be whole numbers, 0 or more.');
  }
  if (presentCount > memberCount) {
    throw new VoteError('bad-tally-context', 'More members present than there are members.');
  }
  if (cast > presentCount) {
    throw new VoteError('bad-tally-context', 'More ballots cast than members present.');
  }
}

/** Refuses a box no sequence of castBallot calls on this poll could have produced. */
function checkBox(poll: Poll, box: BallotBox, counts: Record<string, number>): number {
  if (box.kind !== poll.kind) {
    throw new VoteError('ballot-box-mismatch', `A ${poll.kind} poll needs a ${poll.kind} box.`);
  }
  const voters = box.kind === 'named' ? box.ballots.map((b) => b.memberId) : box.voters;
  const eligible = poll.eligible ?? [];
  const inconsistent = (why: string): VoteError => new VoteError('inconsistent-ballots', why);
  if (new Set(voters).size !== voters.length) throw inconsistent('A member voted twice.');
  if (voters.some((id) => !eligible.includes(id))) {
    throw inconsistent('A ballot comes from a member who was not eligible.');
  }
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  if (total !== voters.length) throw inconsistent('Counts do not match the number of voters.');
  if (box.kind === 'secret') {
    for (const [id, n] of Object.entries(box.counts)) {
      if (!Number.isSafeInteger(n) || n < 0 || (!Object.hasOwn(counts, id) && n !== 0)) {
        throw inconsistent(`Bad count for option "${id}".`);
      }
    }
  }
  return voters.length;
}

/** Counts, percentages and the verdict. Works on an open poll too (a live tally). */
export function tally(poll: Poll, box: BallotBox, context: TallyContext): Tally {
  const counts = countsByOption(poll, box);
  const cast = checkBox(poll, box, counts);
  checkContext(context, cast);

  const present = context.presentCount;
  const members = context.memberCount;
  const base = baseCount(poll.base, { cast, present, members });
  const motionOptionId = poll.options.some((o) => o.id === FOR)
    ? FOR
    : (poll.options[0]?.id ?? FOR);
  let motion = 0;
  let opposed = 0;
  for (const option of poll.options) {
    const count = counts[option.id] ?? 0;
    if (option.id === motionOptionId) motion += count;
    else if (option.id !== ABSTAIN) opposed += count;
  }

  const eligible = poll.eligible?.length ?? 0;
  const quorumMet = present >= poll.quorum;
  const reached = meetsRule(poll.rule, motion, opposed, base);
  const outcome: TallyOutcome = !quorumMet
    ? 'no-quorum'
    : cast === 0
      ? 'no-votes'
      : reached
        ? 'passed'
        : 'not-reached';

  const options = poll.options.map((option) => {
    const row: OptionTally = {
      optionId: option.id,
      label: option.label,
      count: counts[option.id] ?? 0,
      percent: 0,
    };
    if (option.labelKey !== undefined) row.labelKey = option.labelKey;
    return row;
  });
  // The percentages shown everywhere are the table's, so the rows of a base sum to 100 %.
  const table = resultTable({ base: poll.base, options, cast, eligible, present, members });
  options.forEach((option, i) => {
    option.percent = table.rows[i]?.percent ?? 0;
  });

  return {
    pollId: poll.id,
    rule: poll.rule,
    base: poll.base,
    options,
    motionOptionId,
    cast,
    eligible,
    notVoted: Math.max(0, eligible - cast),
    present,
    members,
    baseCount: base,
    quorum: poll.quorum,
    quorumMet,
    passed: outcome === 'passed',
    outcome,
  };
}
