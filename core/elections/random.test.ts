import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random';
import { reachesThreshold } from './threshold';
import { randomElection } from './random-election';
import { runElection } from './rounds';

const SEEDS = Array.from({ length: 200 }, (_, i) => 1000 + i);

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('random elections keep the invariants', () => {
  it.each(SEEDS)('seed %i', async (seed) => {
    const { election, rounds } = await randomElection(seed);
    const inputs = rounds.map((r) => ({
      ballots: r.ballots.map((b) => ({ kept: b.kept })),
      issued: r.issued,
      present: r.present,
      withdrawn: r.withdrawn,
      ...(r.tieOrder === undefined ? {} : { tieOrder: r.tieOrder }),
    }));
    const result = runElection(election, inputs);
    const context = `seed ${seed}`;
    expect(result.elected.length, context).toBeLessThanOrEqual(election.seats);
    expect(new Set(result.elected).size, context).toBe(result.elected.length);
    const withdrawn: string[] = [];
    for (const { round, count, decision } of result.rounds) {
      // Withdrawn candidates stand in no later round.
      withdrawn.push(...(rounds[round.number - 1]?.withdrawn ?? []));
      for (const id of round.candidateIds) expect(withdrawn, context).not.toContain(id);
      expect(count.valid + count.invalid + count.blank, context).toBe(count.received);
      expect(decision.elected.length, context).toBeLessThanOrEqual(round.seats);
      for (const id of round.candidateIds)
        expect(count.votes[id], context).toBeLessThanOrEqual(count.valid);
      const bases = { valid: count.valid, received: count.received, present: count.present };
      for (const id of decision.elected) {
        expect(
          reachesThreshold(count.votes[id] ?? 0, election.threshold, bases),
          `${context}: ${id}`,
        ).toBe(true);
      }
    }
    // Counting does not depend on the order of the ballots.
    const reordered = runElection(
      election,
      inputs.map((input, i) => ({ ...input, ballots: shuffled(input.ballots, seed * 31 + i) })),
    );
    expect(reordered, context).toEqual(result);
  });
});
