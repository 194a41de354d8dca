import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PollResult, PollView } from '../../core/api/votes';
import { readPoll } from '../../core/docs/control/polls';
import { CROWD_MEETING } from '../../tools/harness/crowd/crowd';
import { startCrowdProcess } from '../helpers/crowd-process';
import { connectClient, waitFor } from '../helpers/server';

const N = 150;
const delegates = Array.from({ length: N }, (_, i) => `d${String(i).padStart(3, '0')}`);
const OPTIONS = ['for', 'against', 'abstain'];
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

describe('kill -9 during a ballot burst', () => {
  it('loses no acknowledged ballot', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'dienhong-votes-kill-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const crowd = await startCrowdProcess(dataDir, delegates, cleanup);
    const { api, tokens } = crowd;
    const created = (
      await api('chu-toa', '/polls', { agendaItemId: crowd.agenda[1], title: 'Nghị quyết' })
    ).body as PollView;
    expect((await api('chu-toa', `/polls/${created.id}/open`, {})).status).toBe(200);

    // Ballots go out a few at a time so the kill lands in the middle of a steady burst.
    const acked = new Map<string, string>();
    const sent = new Set<string>();
    let killed = false;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < N && !killed) {
        const i = next++;
        const id = delegates[i] as string;
        const optionId = OPTIONS[i % 3] as string;
        sent.add(id);
        const answer = await api(id, `/polls/${created.id}/ballots`, { optionId }).catch(
          () => null,
        );
        if (answer?.status === 200) acked.set(id, optionId);
        if (acked.size >= 40 && !killed) {
          killed = true;
          crowd.server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 12 }, worker));
    await crowd.server.exited;
    expect(acked.size).toBeGreaterThanOrEqual(40);
    expect(sent.size).toBeLessThan(N);

    await crowd.restart();
    // The control document, repaired at start, shows every acknowledged voter.
    const watcher = connectClient(
      crowd.server.syncUrl,
      `meeting/${CROWD_MEETING}/control`,
      tokens.get('d000') as string,
    );
    cleanup.push(() => watcher.destroy());
    await watcher.synced;
    await waitFor(
      () => (readPoll(watcher.doc, created.id)?.voters.length ?? 0) >= acked.size,
      'acknowledged voters',
    );
    expect((await api('chu-toa', `/polls/${created.id}/close`, {})).status).toBe(200);
    const result = (await api('chu-toa', `/polls/${created.id}/result`)).body as PollResult;
    const recorded = new Map(result.ballots?.map((b) => [b.memberId, b.optionId]));
    for (const [id, optionId] of acked) expect(recorded.get(id), id).toBe(optionId);
    // Beyond the acknowledged ones, only ballots that were in flight at the kill may appear.
    expect(result.tally.cast).toBeGreaterThanOrEqual(acked.size);
    expect(result.tally.cast).toBeLessThanOrEqual(sent.size);
    for (const id of recorded.keys()) expect(sent.has(id)).toBe(true);
    expect(readPoll(watcher.doc, created.id)?.voters.sort()).toEqual([...recorded.keys()].sort());
  }, 120_000);
});
