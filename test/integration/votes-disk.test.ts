/**
 * Issue 10 §3, as the attacker: real members cast secret ballots on a real server, one write
 * per ballot (the attacker's best case), in several seeded voting orders. Every file of the
 * data directory is copied while the poll is open, after close, after publish and after
 * shutdown, and test/helpers/ballot-attacker.ts tries every pairing it knows. It must do no
 * better than guessing from the published tally. Named polls must still record who chose what.
 */
import { readFile, stat } from 'node:fs/promises';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollResult, PollView } from '../../core/api/votes';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { attack, snapshotDirectory, type Snapshot } from '../helpers/ballot-attacker';
import { rollItemOrder } from '../helpers/control-roll';
import { allEntries } from '../helpers/leveldb-raw';
import { seededRandom as seeded } from '../../core/testing/seeded-random';

const base = `/api/meetings/${MEETING_ID}`;
const VOTERS = ['an', 'binh', 'chi', 'dao', 'em', 'giang'];
const OPTIONS = ['for', 'against', 'abstain'];
// Two of each option: a guess from the tally alone gets 2 of 6 right.
const CHOICES = ['for', 'for', 'against', 'against', 'abstain', 'abstain'];
const SEEDS = [1, 2, 3, 4];

let app: TestApp;
const tokens: Record<string, string> = {};
let agendaItemId = '';

function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function call(
  who: string,
  p: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await app.api(`${base}${p}`, {
    method: body === undefined ? 'GET' : 'POST',
    token: tokens[who] as string,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}
async function ok<T>(who: string, p: string, body?: unknown): Promise<T> {
  const r = await call(who, p, body);
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body as T;
}

beforeAll(async () => {
  app = await startTestApp([
    { id: 'chu-toa', name: 'Trần Thị Hồng Nhung', role: 'chair' },
    ...VOTERS.map((id, i) => ({ id, name: `Đại biểu ${i + 1}`, role: 'delegate' as const })),
  ]);
  for (const id of ['chu-toa', ...VOTERS]) tokens[id] = await app.login(id);
  // Check-in needs an open meeting: the chair opens it first (khai mạc).
  await ok('chu-toa', '/lifecycle', { step: 'open' });
  for (const id of ['chu-toa', ...VOTERS]) await ok(id, '/attendance', { present: true });
  const meeting = await ok<{ agenda: { id: string }[] }>('chu-toa', '');
  agendaItemId = meeting.agenda[1]?.id ?? '';
}, 60_000);
afterAll(async () => {
  await app.close();
});

interface Run {
  poll: PollView;
  truth: Map<string, string>;
  snapshots: Snapshot[];
}

/** One poll: open, ballots one by one in a seeded order, copies of the directory at each stage. */
async function runPoll(kind: 'secret' | 'named', seed: number): Promise<Run> {
  const random = seeded(seed);
  const order = shuffled(VOTERS, random);
  const choices = shuffled(CHOICES, random);
  const truth = new Map(order.map((v, i) => [v, choices[i] as string]));
  const poll = await ok<PollView>('chu-toa', '/polls', {
    agendaItemId,
    title: `Nghị quyết ${kind} ${seed}`,
    kind,
  });
  await ok('chu-toa', `/polls/${poll.id}/open`, {});
  for (const voter of order)
    await ok(voter, `/polls/${poll.id}/ballots`, { optionId: truth.get(voter) });
  const snapshots = [await snapshotDirectory(app.dataDir)];
  await ok('chu-toa', `/polls/${poll.id}/close`, {});
  snapshots.push(await snapshotDirectory(app.dataDir));
  await ok('chu-toa', `/polls/${poll.id}/publish`, {});
  snapshots.push(await snapshotDirectory(app.dataDir));
  const result = await ok<PollResult>('chu-toa', `/polls/${poll.id}/result`);
  expect(result.tally.options.map((o) => o.count)).toEqual([2, 2, 2]);
  return { poll, truth, snapshots };
}

const target = (run: Run) => ({
  meetingId: MEETING_ID,
  pollId: run.poll.id,
  voters: VOTERS,
  options: OPTIONS,
});

describe('the data directory, read by an attacker', () => {
  const secretRuns: Run[] = [];
  let afterRestart: Snapshot = new Map();

  it('cannot pair secret voters with their choices beyond chance, in any voting order', async () => {
    for (const seed of SEEDS) secretRuns.push(await runPoll('secret', seed));
    // A restart rewrites the store (LevelDB compacts its log into tables): read that too.
    await app.restart();
    afterRestart = await snapshotDirectory(app.dataDir);
    // The attacker really reads LevelDB's tables (where the restart moved the log), not only logs.
    const tables = new Map([...afterRestart].filter(([name]) => name.endsWith('.ldb')));
    const pollKeys = allEntries(tables).filter((e) => e.key.startsWith('r\u0000poll/'));
    expect(new Set(pollKeys.map((e) => e.key)).size).toBeGreaterThanOrEqual(SEEDS.length);
    let correct = 0;
    let chance = 0;
    const report: string[] = [];
    for (const [i, run] of secretRuns.entries()) {
      const found = attack([...run.snapshots, afterRestart], target(run));
      const right = [...found.paired].filter(([v, o]) => run.truth.get(v) === o).length;
      if (found.paired.size > 0)
        report.push(`seed ${SEEDS[i]}: ${right}/${VOTERS.length} via ${[...found.how].join(', ')}`);
      for (const [voter, guess] of found.guesses) if (run.truth.get(voter) === guess) correct++;
      chance += 2; // the best anyone gets from the tally alone: the largest count
    }
    expect(report).toEqual([]);
    expect(correct).toBeLessThanOrEqual(chance);
  }, 120_000);

  it("keeps no voting order in the control document's voter roll, and no voter while open", () => {
    expect(secretRuns).toHaveLength(SEEDS.length);
    const sorted = [...VOTERS].sort();
    // The seeds must really vote out of member-id order, or this proves nothing.
    const orders = secretRuns.map((run) => [...run.truth.keys()]);
    expect(orders.filter((o) => o.join() !== sorted.join()).length).toBe(SEEDS.length);
    const seen: string[] = [];
    for (const [i, run] of secretRuns.entries()) {
      const [open, closed, published] = run.snapshots as [Snapshot, Snapshot, Snapshot];
      const roll = (files: Snapshot) => rollItemOrder(allEntries(files), target(run));
      // While open: no stored update or snapshot of the control document names a voter.
      seen.push(`seed ${SEEDS[i]} open: ${roll(open).join(' ')}`);
      // Closed, published, restarted (compacted): the roll's items hold member-id order only.
      for (const [stage, files] of [
        ['closed', closed],
        ['published', published],
        ['restarted', afterRestart],
      ] as const)
        seen.push(`seed ${SEEDS[i]} ${stage}: ${roll(files).join(' ')}`);
    }
    expect(seen).toEqual(
      secretRuns.flatMap((_run, i) => [
        `seed ${SEEDS[i]} open: `,
        ...['closed', 'published', 'restarted'].map(
          (s) => `seed ${SEEDS[i]} ${s}: ${sorted.join(' ')}`,
        ),
      ]),
    );
  });

  it('still finds who chose what in a named poll (the attacker works)', async () => {
    const run = await runPoll('named', 7);
    const found = attack(run.snapshots, target(run));
    expect(found.paired).toEqual(run.truth);
  }, 60_000);

  it('keeps the data directory 0700 and its files 0600', async () => {
    await app.server.close();
    const loose: string[] = [];
    const check = async (p: string, want: number) => {
      const mode = (await stat(p)).mode & 0o777;
      if (mode !== want) loose.push(`${path.relative(app.dataDir, p) || '.'} ${mode.toString(8)}`);
    };
    await check(app.dataDir, 0o700);
    for (const entry of await readdir(app.dataDir, { recursive: true, withFileTypes: true })) {
      const full = path.join(entry.parentPath, entry.name);
      await check(full, entry.isDirectory() ? 0o700 : 0o600);
    }
    expect(loose).toEqual([]);
    // The ballot key that unseals poll keys is not in the data directory.
    expect(await readFile(path.join(app.dataDir, 'ballot.key')).catch(() => null)).toBeNull();
  });
});
