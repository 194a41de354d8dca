import { forgeSha256Bytes } from '../crypto/forge-services';
import type { Hasher } from '../crypto/types';
import { seededRandom } from '../testing/seeded-random';
import { parseElection, type Election } from './election';
import type { BallotFileRound } from './export';
import { commitBallot } from './receipt';
import type { ElectionBallot } from './ballot';
import { countRound } from './count';
import { decideRound, nextRound, runElection, type RoundInput } from './rounds';

/** A synchronous-in-effect hasher for tests: node-forge's SHA-256 behind the core interface. */
export const testHasher: Hasher = { sha256: (data) => Promise.resolve(forgeSha256Bytes(data)) };

/**
 * A random election and its rounds, for the seeded tests and the recount test (not for
 * production: seeded randomness is not secret). Voters favour a few candidates so thresholds
 * are reached sometimes, blank and invalid ballots occur, and rounds run until the plan stops.
 */
export async function randomElection(
  seed: number,
): Promise<{ election: Election; rounds: BallotFileRound[] }> {
  const random = seededRandom(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const candidates = 2 + pick(9);
  const seats = 1 + pick(candidates);
  const election = parseElection({
    id: `e-${seed}`,
    title: `Bầu cử ${seed}`,
    seats,
    candidates: Array.from({ length: candidates }, (_, i) => ({
      id: `c${i + 1}`,
      name: `Nguyễn Văn ${i + 1}`,
    })),
    threshold: [
      undefined,
      { base: 'received', numerator: 1, denominator: 2, comparison: 'more-than' },
      { base: 'valid', numerator: 1, denominator: 3, comparison: 'at-least' },
    ][pick(3)],
    tieRule: random() < 0.7 ? 'second-round-among-tied' : 'lot',
    furtherRoundRule: random() < 0.5 ? 'not-elected' : 'top-twice-remaining',
    maxRounds: 1 + pick(3),
  });
  const appeal = election.candidates.map(() => random());
  const rounds: BallotFileRound[] = [];
  const inputs: RoundInput[] = [];
  const withdrawnSoFar: string[] = [];
  for (;;) {
    const sofar = runElection(election, inputs);
    const planned = inputs.length === 0 ? nextRound(election, [], [], []).round : sofar.next;
    if (planned === undefined) break;
    // Sometimes a candidate who would stand withdraws before a later round.
    const withdrawn: string[] = [];
    if (inputs.length > 0 && planned.candidateIds.length > 1 && random() < 0.3) {
      withdrawn.push(planned.candidateIds[pick(planned.candidateIds.length)] as string);
    }
    withdrawnSoFar.push(...withdrawn);
    const plan = nextRound(
      election,
      sofar.rounds.map((r) => r.round),
      sofar.rounds.map((r) => r.decision),
      sofar.rounds.map((r) => r.count),
      withdrawnSoFar,
    );
    const round = plan.round;
    if (round === undefined) break;
    const voters = pick(40);
    const published = [];
    for (let v = 0; v < voters; v += 1) {
      const roll = random();
      const kept =
        roll < 0.05
          ? []
          : roll < 0.1
            ? [...round.candidateIds]
            : round.candidateIds.filter(
                (id) => random() < (appeal[Number(id.slice(1)) - 1] ?? 0.5),
              );
      const limited = roll < 0.1 || kept.length <= round.seats ? kept : kept.slice(0, round.seats);
      const secret = Uint8Array.from({ length: 32 }, () => pick(256));
      const commitment = await commitBallot(
        testHasher,
        election.id,
        round.number,
        { kept: limited },
        secret,
      );
      published.push({ commitment, kept: limited });
    }
    const present = voters + pick(5);
    const fileRound: BallotFileRound = {
      number: round.number,
      issued: present,
      present,
      withdrawn,
      ballots: published,
    };
    const input: RoundInput = {
      ballots: published.map((b) => ({ kept: b.kept })),
      issued: present,
      present,
      withdrawn,
    };
    if (election.tieRule === 'lot') {
      // The congress's recorded draw: the tied in reverse ballot order.
      const count = countRound(round, input.ballots as ElectionBallot[], {
        issued: present,
        present,
      });
      const tied = decideRound(
        { ...election, tieRule: 'second-round-among-tied' },
        round,
        count,
      ).tied;
      if (tied.length > 0) {
        fileRound.tieOrder = [...tied].reverse();
        input.tieOrder = fileRound.tieOrder;
      }
    }
    rounds.push(fileRound);
    inputs.push(input);
  }
  return { election, rounds };
}
