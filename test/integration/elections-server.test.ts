/**
 * Elections on a real server process (issue 13 §2–3): 301 present voters (the chair and 300
 * delegates) elect 9 of 15 in two rounds with an exact, hand-computed result; malformed, forged
 * and replayed ballots are refused and change nothing; only the vote-counting committee closes a
 * round; the server is killed -9 in the middle of round 2's burst and loses no acknowledged
 * ballot; every file of the data directory pairs no voter with a ballot; receipts check.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CastElectionBallotResponse,
  CreateElectionRequest,
  ElectionView,
} from '../../core/api/elections';
import type { Hasher } from '../../core/crypto/types';
import {
  commitBallot,
  verifyReceipt,
  type BallotReceipt,
  type PublishedBallot,
} from '../../core/elections';
import { readElections } from '../../core/docs/control/elections';
import { CROWD_MEETING } from '../../tools/harness/crowd/crowd';
import { snapshotDirectory, type Snapshot } from '../helpers/ballot-attacker';
import { startCrowdProcess, type CrowdProcess } from '../helpers/crowd-process';
import { allEntries } from '../helpers/leveldb-raw';
import { connectClient, waitFor } from '../helpers/server';

const delegates = Array.from({ length: 300 }, (_, i) => `d${String(i).padStart(3, '0')}`);
/** Everyone present with a vote, in the server's order (sorted ids). */
const voters = ['chu-toa', ...delegates].sort();
const COMMITTEE = ['d000', 'd001', 'd002'];
const candidates = Array.from({ length: 15 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);
const hasher: Hasher = {
  sha256: (data) => Promise.resolve(new Uint8Array(createHash('sha256').update(data).digest())),
};

/** Round 1 (all 15, 9 seats): 5 invalid, 3 blank, 293 valid; c01–c07 pass, c08 misses by one. */
function round1(i: number): string[] {
  if (i < 5) return candidates.slice(0, 10);
  if (i < 8) return [];
  const j = i - 8;
  return [
    ...candidates.slice(0, 7),
    ...(j < 146 ? ['c08'] : []),
    `c${String(9 + (j % 7)).padStart(2, '0')}`,
  ];
}
/** Round 2 (c08–c15, 2 seats): 2 invalid, 1 blank, 298 valid; c10 200, c12 180, c08 18. */
function round2(i: number): string[] {
  if (i < 2) return ['c08', 'c09', 'c10'];
  if (i === 2) return [];
  if (i >= 283) return ['c08'];
  return [...(i < 203 ? ['c10'] : []), ...(i >= 103 ? ['c12'] : [])];
}

const cleanup: (() => Promise<void> | void)[] = [];
let crowd: CrowdProcess;
let dataDir = '';
let electionId = '';
const receipts = new Map<string, BallotReceipt>();

async function ballotFor(who: string, round: number, kept: string[]) {
  const secret = randomBytes(32);
  const commitment = await commitBallot(hasher, electionId, round, { kept }, secret);
  return { who, round, kept, commitment, secret: secret.toString('hex') };
}
type Ballot = Awaited<ReturnType<typeof ballotFor>>;

const cast = (b: Ballot, body: unknown = { kept: b.kept, commitment: b.commitment }) =>
  crowd.api(b.who, `/elections/${electionId}/rounds/${b.round}/ballots`, body);

function keep(b: Ballot, answer: CastElectionBallotResponse): void {
  receipts.set(`${b.who}/${b.round}`, {
    electionId: answer.electionId,
    round: answer.round,
    commitment: answer.commitment,
    secret: b.secret,
    kept: answer.kept,
  });
}

const view = async (who: string) =>
  (await crowd.api(who, `/elections/${electionId}`)).body as ElectionView;

/** Every file of the data directory, raw, and every LevelDB entry version inside them. */
function texts(snapshot: Snapshot): { where: string; text: string }[] {
  const out = [...snapshot].map(([file, bytes]) => ({
    where: file,
    text: Buffer.from(bytes).toString('latin1'),
  }));
  for (const entry of allEntries(snapshot)) {
    if (entry.value === null) continue;
    out.push({ where: entry.key, text: Buffer.from(entry.value).toString('utf8') });
  }
  return out;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'dienhong-elections-'));
  cleanup.push(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}.ballot-key`, { force: true });
  });
  crowd = await startCrowdProcess(dataDir, delegates, cleanup);
}, 180_000);
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

describe('an election on the server', () => {
  it('is defined by the chair only, with a committee of delegates', async () => {
    const request: CreateElectionRequest = {
      agendaItemId: crowd.agenda[1] as string,
      committee: COMMITTEE,
      election: {
        title: 'Bầu Ban Chấp hành Công đoàn khóa XV',
        seats: 9,
        candidates: candidates.map((id, i) => ({
          id,
          name: `Ứng cử viên ${i + 1}`,
          position: '',
          unit: '',
        })),
        threshold: { base: 'valid', numerator: 1, denominator: 2, comparison: 'more-than' },
        tieRule: 'second-round-among-tied',
        furtherRoundRule: 'not-elected',
        maxRounds: 2,
      },
    };
    expect((await crowd.api('d010', '/elections', request)).status).toBe(403);
    const refused = await crowd.api('chu-toa', '/elections', { ...request, committee: ['nobody'] });
    expect(refused.status).toBe(400);
    const created = await crowd.api('chu-toa', '/elections', request);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const election = created.body as ElectionView;
    electionId = election.election.id;
    expect(election.status).toBe('next-round');
    expect(election.committee).toEqual(COMMITTEE);
  });

  it('opens rounds by the committee only', async () => {
    expect((await crowd.api('chu-toa', `/elections/${electionId}/rounds`, {})).status).toBe(403);
    expect((await crowd.api('d100', `/elections/${electionId}/rounds`, {})).status).toBe(403);
    const opened = await crowd.api('d000', `/elections/${electionId}/rounds`, {});
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const round = (opened.body as ElectionView).rounds[0];
    expect(round?.state).toBe('open');
    expect(round?.issued).toBe(301);
    expect(round?.round.candidateIds).toEqual(candidates);
    // A second open while this one runs is refused.
    expect((await crowd.api('d001', `/elections/${electionId}/rounds`, {})).status).toBe(409);
  });

  it('refuses malformed, forged and replayed ballots with a code, changing nothing', async () => {
    const b = await ballotFor('d200', 1, ['c01', 'c02']);
    const refuse = async (body: unknown, status: number, code: string, who = b) => {
      const answer = await cast(who, body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      expect((answer.body as { error: { code: string } }).error.code).toBe(code);
    };
    await refuse({ kept: ['c01', 'x99'], commitment: b.commitment }, 400, 'unknown-candidate');
    await refuse({ kept: ['c01', 'c01'], commitment: b.commitment }, 400, 'duplicate-choice');
    await refuse({ kept: ['c01'], commitment: 'abc' }, 400, 'bad-commitment');
    await refuse(
      { kept: ['c01'], commitment: b.commitment, memberId: 'd201' },
      400,
      'unknown-field',
    );
    const wrong = await ballotFor('d200', 2, ['c01']);
    await refuse({ kept: ['c01'], commitment: wrong.commitment }, 409, 'wrong-round', wrong);
    expect((await view('d000')).rounds[0]?.received).toBe(0);

    // The real ballot of d200, then its replay by d200 and its copy by someone else.
    const own = await ballotFor('d200', 1, round1(voters.indexOf('d200')));
    const first = await cast(own);
    expect(first.status).toBe(200);
    keep(own, first.body as CastElectionBallotResponse);
    await refuse({ kept: own.kept, commitment: own.commitment }, 409, 'already-voted', own);
    const copier = { ...own, who: 'd201' };
    await refuse(
      { kept: own.kept, commitment: own.commitment },
      409,
      'duplicate-commitment',
      copier,
    );
    expect((await view('d000')).rounds[0]?.received).toBe(1);
  });

  it('shows while open only how many ballots are in, to everyone; no counts to anyone', async () => {
    const burst = await Promise.all(
      voters
        .filter((who) => who !== 'd200')
        .map((who) => ballotFor(who, 1, round1(voters.indexOf(who)))),
    );
    for (let at = 0; at < burst.length; at += 50) {
      const answers = await Promise.all(burst.slice(at, at + 50).map((b) => cast(b)));
      answers.forEach((a, i) => {
        expect(a.status, JSON.stringify(a.body)).toBe(200);
        keep(burst[at + i] as Ballot, a.body as CastElectionBallotResponse);
      });
    }
    const committee = (await view('d001')).rounds[0];
    const other = (await view('d150')).rounds[0];
    expect(committee?.received).toBe(301);
    expect(committee?.count).toBeNull();
    expect(other?.received).toBe(301);
    expect(other?.voted).toBe(true);
    const listed = await crowd.api('d000', `/elections/${electionId}/rounds/1/ballots`);
    expect(listed.status).toBe(409);
    // The control document every member syncs: received against issued, nothing more.
    const watcher = connectClient(
      crowd.server.syncUrl,
      `meeting/${CROWD_MEETING}/control`,
      crowd.tokens.get('d150') as string,
    );
    cleanup.push(() => watcher.destroy());
    await watcher.synced;
    const live = () => readElections(watcher.doc)[electionId]?.rounds[0];
    await waitFor(() => live()?.received === 301, 'ballots received in the control document');
    expect(live()).toMatchObject({ state: 'open', issued: 301, count: null, decision: null });
    watcher.destroy();
  });

  it('keeps no voter beside a commitment or a choice in any file while the box is open', async () => {
    const snapshot = await snapshotDirectory(dataDir);
    const commitments = [...receipts.values()].map((r) => r.commitment);
    const all = texts(snapshot);
    // The election record is there (voters and sealed ballots), just no commitment in it.
    expect(
      all.some(({ where, text }) => where.includes('election/') && text.includes('d150')),
    ).toBe(true);
    const leaks = all.filter(({ text }) => commitments.some((c) => text.includes(c)));
    expect(leaks.map((l) => l.where)).toEqual([]);
  });

  it('counts round 1 exactly at close, by the committee only, and confirms it', async () => {
    const close = `/elections/${electionId}/rounds/1/close`;
    expect((await crowd.api('d100', close, {})).status).toBe(403);
    expect((await crowd.api('chu-toa', close, {})).status).toBe(403);
    const closed = await crowd.api('d002', close, {});
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const count = (closed.body as ElectionView).rounds[0]?.count;
    expect(count).toMatchObject({ issued: 301, received: 301, valid: 293, invalid: 5, blank: 3 });
    const votes = count?.votes ?? {};
    for (const id of candidates.slice(0, 7)) expect(votes[id]).toBe(293);
    expect(votes.c08).toBe(146);
    expect([9, 10, 11, 12, 13, 14, 15].map((n) => votes[`c${String(n).padStart(2, '0')}`])).toEqual(
      [42, 42, 42, 42, 42, 42, 41],
    );
    // Nobody outside the committee sees the count before it is confirmed.
    expect((await view('d150')).rounds[0]?.count).toBeNull();
    const confirmed = await crowd.api('d001', `/elections/${electionId}/rounds/1/confirm`, {});
    expect(confirmed.status).toBe(200);
    const after = confirmed.body as ElectionView;
    expect(after.elected).toEqual(candidates.slice(0, 7));
    expect(after.status).toBe('next-round');
  });

  it('lets every voter check the receipt of round 1 against the published list', async () => {
    const answer = await crowd.api('d150', `/elections/${electionId}/rounds/1/ballots`);
    expect(answer.status).toBe(200);
    const list = answer.body as PublishedBallot[];
    expect(list).toHaveLength(301);
    const checks = await Promise.all(
      [...receipts.values()].map((r) => verifyReceipt(hasher, r, list)),
    );
    expect(new Set(checks)).toEqual(new Set(['counted']));
    const mine = receipts.get('d150/1') as BallotReceipt;
    expect(await verifyReceipt(hasher, { ...mine, kept: ['c15'] }, list)).toBe(
      'commitment-mismatch',
    );
  });

  it('holds round 2 among those not elected and survives kill -9 mid-burst', async () => {
    const opened = await crowd.api('d000', `/elections/${electionId}/rounds`, {});
    expect(opened.status).toBe(200);
    const round = (opened.body as ElectionView).rounds[1];
    expect(round?.round).toEqual({ number: 2, seats: 2, candidateIds: candidates.slice(7) });

    const ballots = await Promise.all(voters.map((who, i) => ballotFor(who, 2, round2(i))));
    const acked = new Set<string>();
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (!killed && next < ballots.length) {
        const b = ballots[next++] as Ballot;
        const answer = await cast(b).catch(() => null);
        if (answer?.status === 200) {
          acked.add(b.who);
          keep(b, answer.body as CastElectionBallotResponse);
        }
        if (acked.size >= 100 && !killed) {
          killed = true;
          crowd.server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 12 }, worker));
    await crowd.server.exited;
    expect(acked.size).toBeGreaterThanOrEqual(100);
    expect(acked.size).toBeLessThan(301);
    await crowd.restart();

    // Every acknowledged ballot is there: replaying one is refused as already voted.
    for (const b of ballots.filter((x) => acked.has(x.who)).slice(0, 5)) {
      expect((await cast(b)).status).toBe(409);
    }
    // The rest vote again; one in flight at the kill may have landed (then: already voted).
    for (const b of ballots.filter((x) => !acked.has(x.who))) {
      const answer = await cast(b);
      if (answer.status === 200) keep(b, answer.body as CastElectionBallotResponse);
      else expect((answer.body as { error: { code: string } }).error.code).toBe('already-voted');
    }
    expect((await view('d000')).rounds[1]?.received).toBe(301);

    const closed = await crowd.api('d000', `/elections/${electionId}/rounds/2/close`, {});
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const count = (closed.body as ElectionView).rounds[1]?.count;
    expect(count).toMatchObject({ issued: 301, received: 301, valid: 298, invalid: 2, blank: 1 });
    expect(count?.votes).toEqual({
      c08: 18,
      c09: 0,
      c10: 200,
      c11: 0,
      c12: 180,
      c13: 0,
      c14: 0,
      c15: 0,
    });
    const confirmed = await crowd.api('d002', `/elections/${electionId}/rounds/2/confirm`, {});
    const done = confirmed.body as ElectionView;
    expect(done.elected).toEqual([...candidates.slice(0, 7), 'c10', 'c12']);
    expect(done.status).toBe('complete');
    // No third round; the chair publishes.
    expect((await crowd.api('d000', `/elections/${electionId}/rounds`, {})).status).toBe(409);
    expect((await crowd.api('d000', `/elections/${electionId}/publish`, {})).status).toBe(403);
    const published = await crowd.api('chu-toa', `/elections/${electionId}/publish`, {});
    expect((published.body as ElectionView).publishedAt).not.toBeNull();

    const list = (await crowd.api('d150', `/elections/${electionId}/rounds/2/ballots`))
      .body as PublishedBallot[];
    const mine = [...receipts.values()].filter((r) => r.round === 2);
    const checks = await Promise.all(mine.map((r) => verifyReceipt(hasher, r, list)));
    expect(new Set(checks)).toEqual(new Set(['counted']));
  }, 240_000);

  it('pairs no voter with a ballot anywhere in the data directory, and forgets the round keys', async () => {
    const snapshot = await snapshotDirectory(dataDir);
    expect(
      [...snapshot.keys()].filter((f) => f.startsWith('election-keys/') && f.endsWith('.sealed')),
    ).toEqual([]);
    const commitments = [...receipts.values()].map((r) => r.commitment);
    let records = 0;
    for (const { where, text } of texts(snapshot)) {
      if (!commitments.some((c) => text.includes(c))) continue;
      // Only the election record lists commitments, and only after close, beside no voter
      // order: voters sorted by id, ballots sorted by commitment.
      if (!where.includes('election/')) {
        expect(where.endsWith('.log') || where.endsWith('.ldb'), where).toBe(true);
        continue;
      }
      const value = JSON.parse(text.slice(text.indexOf('{'))) as {
        record: {
          rounds: { voters: string[]; tags: string[]; ballots: PublishedBallot[] | null }[];
        };
      };
      records += 1;
      for (const round of value.record.rounds) {
        expect(round.voters).toEqual([...round.voters].sort());
        if (round.ballots === null) continue;
        expect(round.tags).toEqual([]);
        const order = round.ballots.map((b) => b.commitment);
        expect(order).toEqual([...order].sort());
      }
    }
    expect(records).toBeGreaterThan(0);
    // No audit entry or other record names a commitment.
    for (const entry of allEntries(snapshot)) {
      if (entry.value === null || entry.key.includes('election/')) continue;
      const text = Buffer.from(entry.value).toString('utf8');
      expect(
        commitments.filter((c) => text.includes(c)),
        entry.key,
      ).toEqual([]);
    }
  });
});
