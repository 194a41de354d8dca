/**
 * Issue 13 §6: the ballot file recounted by an independent program. core/elections writes the
 * file; tools/recount/recount.py (Python standard library, no project code) recounts it, and
 * both must agree on every round. Corrupted files are refused by both with a clear message.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseElection } from '../../core/elections/election';
import {
  exportBallotFile,
  recountBallotFile,
  type BallotFile,
  type BallotFileRound,
} from '../../core/elections/export';
import { randomElection, testHasher } from '../../core/elections/random-election';
import { commitBallot } from '../../core/elections/receipt';
import { seededRandom } from '../../core/testing/seeded-random';

const RECOUNT = path.resolve(__dirname, '../../tools/recount/recount.py');
const dir = mkdtempSync(path.join(tmpdir(), 'dienhong-recount-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recountInPython(
  text: string,
  name: string,
): { status: number | null; stdout: string; stderr: string } {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const run = spawnSync('python3', [RECOUNT, file, '--json'], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** 15 candidates, 9 seats, 3 rounds: a tie at the cut in round 2, a withdrawal before round 3. */
async function threeRounds(): Promise<{ text: string }> {
  const election = parseElection({
    id: 'bch-2026',
    title: 'Bầu Ban Chấp hành Công đoàn cơ sở',
    seats: 9,
    candidates: Array.from({ length: 15 }, (_, i) => ({
      id: `c${i + 1}`,
      name: `Trần Thị Hòa ${i + 1}`,
      unit: 'Phòng Tổ chức',
    })),
    maxRounds: 3,
  });
  const random = seededRandom(13);
  const secret = (): Uint8Array =>
    Uint8Array.from({ length: 32 }, () => Math.floor(random() * 256));
  async function round(
    number: number,
    kept: string[][],
    withdrawn: string[] = [],
  ): Promise<BallotFileRound> {
    const ballots = [];
    for (const k of kept)
      ballots.push({
        commitment: await commitBallot(testHasher, election.id, number, { kept: k }, secret()),
        kept: k,
      });
    return { number, issued: kept.length + 2, present: kept.length + 2, withdrawn, ballots };
  }
  const rep = (n: number, k: string[]): string[][] => Array.from({ length: n }, () => k);
  // Round 1, 300 voters: c1..c6 reach; c7..c15 do not.
  const r1 = await round(1, [
    ...rep(130, ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']),
    ...rep(130, ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c9', 'c10', 'c11']),
    ...rep(20, ['c12', 'c13']),
    ...rep(10, []),
    ...rep(10, ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10']), // 10 names for 9 seats: invalid
  ]);
  // Round 2, 3 seats among c7..c15 (350 valid, > 175 needed): c7 and c8 clear; c9 and c10 tie
  // at the last seat with 190 each.
  const r2 = await round(2, [
    ...rep(100, ['c7', 'c8', 'c9']),
    ...rep(100, ['c7', 'c8', 'c10']),
    ...rep(90, ['c7', 'c9', 'c10']),
    ...rep(60, ['c7', 'c8']),
  ]);
  // Round 3, 1 seat among the tied c9, c10: c9 withdrew, c10 stands alone.
  const r3 = await round(3, [...rep(200, ['c10']), ...rep(90, [])], ['c9']);
  return { text: exportBallotFile(election, [r1, r2, r3]) };
}

describe('independent recount', () => {
  it('agrees with core on a 300-voter election over three rounds', async () => {
    const { text } = await threeRounds();
    const core = recountBallotFile(text);
    expect(core.rounds.map((r) => r.decision.elected)).toEqual([
      ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'],
      ['c7', 'c8'],
      ['c10'],
    ]);
    expect(core.rounds[1]?.decision.tied).toEqual(['c9', 'c10']);
    expect(core.rounds[2]?.round.candidateIds).toEqual(['c10']);
    expect(core.rounds[0]?.count).toMatchObject({
      received: 300,
      valid: 280,
      invalid: 10,
      blank: 10,
    });
    expect(core.status).toBe('complete');
    const py = recountInPython(text, 'three-rounds.json');
    expect(py.stderr).toContain('matches the declared result');
    expect(py.status).toBe(0);
    expect(JSON.parse(py.stdout)).toEqual((JSON.parse(text) as BallotFile).result);
  });

  it.each(Array.from({ length: 60 }, (_, i) => 500 + i))(
    'agrees with core on random election seed %i',
    async (seed) => {
      const { election, rounds } = await randomElection(seed);
      const text = exportBallotFile(election, rounds);
      const py = recountInPython(text, `seed-${seed}.json`);
      expect(py.status, `seed ${seed}: ${py.stderr}`).toBe(0);
      expect(JSON.parse(py.stdout)).toEqual((JSON.parse(text) as BallotFile).result);
    },
  );

  const corruptions: [string, (text: string) => string, number, RegExp, string][] = [
    ['truncated', (t) => t.slice(0, t.length / 2), 2, /cannot read/, 'bad-ballot-file'],
    [
      'a changed ballot',
      (t) => t.replace(/"c12",(\s+)"c13"/, '"c12",$1"c14"'),
      1,
      /MISMATCH/,
      'result-mismatch',
    ],
    [
      'an unknown candidate',
      (t) => t.replace(/"c12",(\s+)"c13"/, '"c12",$1"c99"'),
      2,
      /not standing/,
      'unknown-candidate',
    ],
    [
      'a duplicated choice',
      (t) => t.replace(/"c12",(\s+)"c13"/, '"c12",$1"c12"'),
      2,
      /twice/,
      'duplicate-choice',
    ],
    [
      'another version',
      (t) => t.replace('"version": 1', '"version": 9'),
      2,
      /version 9/,
      'unsupported-ballot-file-version',
    ],
  ];
  it.each(corruptions)('both refuse %s', async (_, corrupt, status, message, code) => {
    const { text } = await threeRounds();
    const bad = corrupt(text);
    expect(bad).not.toBe(text);
    const py = recountInPython(bad, 'corrupt.json');
    expect(py.status).toBe(status);
    expect(py.stderr).toMatch(message);
    expect(() => recountBallotFile(bad)).toThrow(expect.objectContaining({ code }));
  });
});
