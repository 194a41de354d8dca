import { describe, expect, it } from 'vitest';
import { exportBallotFile, recountBallotFile } from './export';
import { randomElection } from './random-election';
import { runElection } from './rounds';

describe('ballot file', () => {
  it('round-trips: the recount of an exported file is the result', async () => {
    const { election, rounds } = await randomElection(7);
    const text = exportBallotFile(election, rounds);
    const inputs = rounds.map((r) => ({
      ballots: r.ballots.map((b) => ({ kept: b.kept })),
      issued: r.issued,
      present: r.present,
      withdrawn: r.withdrawn,
      ...(r.tieOrder === undefined ? {} : { tieOrder: r.tieOrder }),
    }));
    expect(recountBallotFile(text)).toEqual(runElection(election, inputs));
  });
  it('compares the declared result whatever the order of its keys', async () => {
    const { election, rounds } = await randomElection(9);
    const file = JSON.parse(exportBallotFile(election, rounds)) as {
      result: Record<string, unknown>;
    };
    const { rounds: declaredRounds, elected, status } = file.result;
    file.result = { rounds: declaredRounds, status, elected };
    expect(() => recountBallotFile(JSON.stringify(file))).not.toThrow();
  });
  it('lists ballots sorted by commitment, whatever the casting order', async () => {
    const { election, rounds } = await randomElection(8);
    const file = JSON.parse(exportBallotFile(election, rounds)) as {
      rounds: { ballots: { commitment: string }[] }[];
    };
    for (const r of file.rounds) {
      const commitments = r.ballots.map((b) => b.commitment);
      expect(commitments).toEqual([...commitments].sort());
    }
    const reversed = rounds.map((r) => ({ ...r, ballots: [...r.ballots].reverse() }));
    expect(exportBallotFile(election, reversed)).toBe(exportBallotFile(election, rounds));
  });
  const corrupt: [
    string,
    (
      f: Record<string, unknown> & {
        rounds: { ballots: { commitment: string; kept: string[] }[] }[];
        result: { elected: string[] };
      },
    ) => unknown,
    string,
  ][] = [
    ['not JSON', () => '{', 'bad-ballot-file'],
    ['another format', (f) => ({ ...f, format: 'x' }), 'bad-ballot-file'],
    ['a newer version', (f) => ({ ...f, version: 2 }), 'unsupported-ballot-file-version'],
    [
      'a changed vote',
      (f) => {
        const b = f.rounds[0]!.ballots[0]!;
        b.kept = b.kept.length === 0 ? ['c1'] : [];
        return f;
      },
      'result-mismatch',
    ],
    [
      'an unknown candidate',
      (f) => {
        f.rounds[0]!.ballots[0]!.kept = ['zz'];
        return f;
      },
      'unknown-candidate',
    ],
    [
      'a replayed ballot',
      (f) => {
        f.rounds[0]!.ballots.push({ ...f.rounds[0]!.ballots[0]! });
        return f;
      },
      'duplicate-commitment',
    ],
    [
      'a bad commitment',
      (f) => {
        f.rounds[0]!.ballots[0]!.commitment = 'xyz';
        return f;
      },
      'bad-ballot-file',
    ],
    [
      'ballots out of order',
      (f) => {
        f.rounds[0]!.ballots.reverse();
        return f;
      },
      'bad-ballot-file',
    ],
    [
      'a forged result',
      (f) => {
        f.result.elected = ['c1', 'c2', 'c3'];
        return f;
      },
      'result-mismatch',
    ],
  ];
  it.each(corrupt)('refuses %s', async (_, change, code) => {
    // seed 3 has at least two ballots in round 1 (checked below)
    const { election, rounds } = await randomElection(3);
    expect(rounds[0]!.ballots.length).toBeGreaterThan(1);
    const changed = change(JSON.parse(exportBallotFile(election, rounds)));
    const text = typeof changed === 'string' ? changed : JSON.stringify(changed);
    expect(() => recountBallotFile(text)).toThrow(expect.objectContaining({ code }));
  });
});
