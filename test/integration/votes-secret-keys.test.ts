/**
 * The sealed urn's life cycle against a real server process: acknowledged secret ballots
 * survive kill -9 (the urn and the sealed poll key are durable before the answer), are counted
 * exactly at close after the restart, and the poll key is gone once the poll is closed. A
 * missing ballot key refuses the close with a stable code and changes nothing.
 */
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PollResult, PollView } from '../../core/api/votes';
import { CROWD_MEETING } from '../../tools/harness/crowd/crowd';
import { startCrowdProcess } from '../helpers/crowd-process';

const delegates = Array.from({ length: 9 }, (_, i) => `d${i}`);
const OPTIONS = ['for', 'against', 'abstain'];
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

const files = async (dir: string): Promise<string[]> =>
  readdir(dir, { recursive: true }).catch(() => []);

describe('sealed urn across kill -9', () => {
  it('counts every acknowledged secret ballot after a kill, then forgets the poll key', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'dienhong-secret-kill-'));
    const keyFile = `${dataDir}.ballot-key`;
    cleanup.push(async () => {
      await rm(dataDir, { recursive: true, force: true });
      await rm(keyFile, { force: true });
      await rm(`${keyFile}.away`, { force: true });
    });
    const crowd = await startCrowdProcess(dataDir, delegates, cleanup);
    const { api } = crowd;
    const poll = (
      await api('chu-toa', '/polls', {
        agendaItemId: crowd.agenda[1],
        title: 'Bầu trưởng ban',
        kind: 'secret',
      })
    ).body as PollView;
    expect((await api('chu-toa', `/polls/${poll.id}/open`, {})).status).toBe(200);
    expect(await files(path.join(dataDir, 'poll-keys'))).toContain(
      path.join(CROWD_MEETING, `${poll.id}.sealed`),
    );

    const expected = [0, 0, 0];
    for (const [i, id] of delegates.entries()) {
      const answer = await api(id, `/polls/${poll.id}/ballots`, { optionId: OPTIONS[i % 3] });
      expect(answer.status).toBe(200);
      expected[i % 3] = (expected[i % 3] ?? 0) + 1;
    }
    crowd.server.child.kill('SIGKILL');
    await crowd.server.exited;

    await crowd.restart();
    // Without the ballot key the poll cannot be counted: refused, nothing changes.
    await rename(keyFile, `${keyFile}.away`);
    const refused = await api('chu-toa', `/polls/${poll.id}/close`, {});
    expect(refused).toMatchObject({
      status: 503,
      body: { error: { code: 'ballot-key-unavailable' } },
    });
    expect(((await api('chu-toa', `/polls/${poll.id}`)).body as PollView).state).toBe('open');
    await rename(`${keyFile}.away`, keyFile);

    expect((await api('chu-toa', `/polls/${poll.id}/close`, {})).status).toBe(200);
    const result = (await api('chu-toa', `/polls/${poll.id}/result`)).body as PollResult;
    expect(result.ballots).toBeNull();
    expect(result.tally.cast).toBe(delegates.length);
    expect(result.tally.options.map((o) => o.count)).toEqual(expected);
    expect(await files(path.join(dataDir, 'poll-keys'))).toEqual([CROWD_MEETING]);
  }, 120_000);
});
