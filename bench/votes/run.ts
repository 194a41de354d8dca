/**
 * `npm run bench:votes`: 500 simulated delegates (created and logged in before timing), each
 * with a WebsocketProvider on the control document, cast ballots within one second. Prints the
 * time from each cast until the ballot shows on every client (the voter appears in the poll's
 * voters map), p50 / p99, and checks the tally is exact after close + publish.
 * The server runs in its own process (tools/harness/crowd/app-entry.ts), so it has a core of its own.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as Y from 'yjs';
import type { PollView } from '../../core/api/votes';
import { pollsMap, readPoll } from '../../core/docs/control/polls';
import { connectClient, type TestClient, waitFor } from '../../tools/harness/yjs-client';
import { cpuSeconds, percentile, rssBytes } from '../sync/stats';
import { spawnApp } from '../../tools/harness/crowd/child';
import { CROWD_MEETING, httpJson, loginAll, seedCrowd } from '../../tools/harness/crowd/crowd';

const N = Number(process.env.VOTES_BENCH_DELEGATES ?? 500);
const SPREAD_MS = 1000;
const OPTIONS = ['for', 'against', 'abstain'];
const delegates = Array.from({ length: N }, (_, i) => `d${String(i).padStart(3, '0')}`);
const base = `/api/meetings/${CROWD_MEETING}`;
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Sends one request per delegate, spread evenly over SPREAD_MS; returns the answer times, sorted. */
async function burst(ids: string[], send: (id: string) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    ids.map(
      (id, i) =>
        new Promise<void>((resolve) => {
          setTimeout(
            () => {
              const sentAt = performance.now();
              send(id).then(
                () => (times.push(performance.now() - sentAt), resolve()),
                () => resolve(),
              );
            },
            (i * SPREAD_MS) / ids.length,
          );
        }),
    ),
  );
  return times.sort((a, b) => a - b);
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'dienhong-bench-votes-'));
const clients: TestClient[] = [];
let stopServer = (): void => {};
try {
  let t = performance.now();
  const credentials = await seedCrowd(dataDir, [
    { id: 'chu-toa', name: 'Chủ tọa', role: 'chair' },
    ...delegates.map((id, i) => ({ id, name: `Đại biểu ${i + 1}`, role: 'delegate' as const })),
  ]);
  const server = await spawnApp(dataDir);
  stopServer = () => server.child.kill('SIGTERM');
  const tokens = await loginAll(server.url, credentials);
  const api = (who: string, p: string, body?: unknown) =>
    httpJson(`${server.url}${base}${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      body,
      token: tokens.get(who) as string,
    });
  // Check-in needs an open meeting: the chair opens it first (khai mạc).
  await api('chu-toa', '/lifecycle', { step: 'open' });
  for (let i = 0; i < delegates.length; i += 50) {
    await Promise.all(
      delegates.slice(i, i + 50).map((id) => api(id, '/attendance', { present: true })),
    );
  }
  await api('chu-toa', '/attendance', { present: true });
  console.log(
    `setup: ${N} delegates seeded, logged in and checked in (${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );

  t = performance.now();
  for (const id of delegates) {
    clients.push(
      connectClient(server.syncUrl, `meeting/${CROWD_MEETING}/control`, tokens.get(id) as string),
    );
  }
  await Promise.all(clients.map((c) => c.synced));
  console.log(`${N} control-document clients synced in ${ms(performance.now() - t)}`);

  const meeting = (await api('chu-toa', '')).body as { agenda: { id: string }[] };
  const poll = (
    await api('chu-toa', '/polls', { agendaItemId: meeting.agenda[1]?.id, title: 'Nghị quyết' })
  ).body as PollView;
  await api('chu-toa', `/polls/${poll.id}/open`, {});
  await waitFor(
    () => clients.every((c) => readPoll(c.doc, poll.id)?.state === 'open'),
    'open on every client',
    20_000,
  );

  // arrival[voter][client] = when that client saw the voter appear.
  const arrival = new Map<string, number[]>(delegates.map((id) => [id, []]));
  for (const c of clients) {
    const voters = (pollsMap(c.doc).get(poll.id) as Y.Map<unknown>).get('voters') as Y.Map<unknown>;
    voters.observe((event) => {
      const now = performance.now();
      for (const key of event.keysChanged) arrival.get(key)?.push(now);
    });
  }

  // Baseline in the same run: the same clients send the same burst to a route that only checks
  // the session (GET /api/me), so transport and authentication are measured apart from the
  // ballot's own work (rules, durable write, mirror into the control document).
  const baselineMs = await burst(delegates, (id) =>
    httpJson(`${server.url}/api/me`, { token: tokens.get(id) as string }),
  );

  const castAt = new Map<string, number>();
  const statuses: number[] = [];
  const start = performance.now();
  const cpuBefore = cpuSeconds(server.child.pid as number);
  const ackMs = await burst(delegates, (id) => {
    castAt.set(id, performance.now());
    const optionId = OPTIONS[delegates.indexOf(id) % 3];
    return api(id, `/polls/${poll.id}/ballots`, { optionId }).then((a) => statuses.push(a.status));
  });
  await waitFor(
    () => [...arrival.values()].every((list) => list.length === N),
    'every ballot on every client',
    60_000,
  );
  const burstMs = performance.now() - start;
  const serverCpu = cpuSeconds(server.child.pid as number) - cpuBefore;

  const perPair: number[] = [];
  const toAll: number[] = [];
  for (const [id, list] of arrival) {
    const sent = castAt.get(id) as number;
    for (const at of list) perPair.push(at - sent);
    toAll.push(Math.max(...list) - sent);
  }
  perPair.sort((a, b) => a - b);
  toAll.sort((a, b) => a - b);

  await api('chu-toa', `/polls/${poll.id}/close`, {});
  await api('chu-toa', `/polls/${poll.id}/publish`, {});
  await waitFor(
    () => clients.every((c) => readPoll(c.doc, poll.id)?.state === 'published'),
    'published everywhere',
    20_000,
  );
  const expected = OPTIONS.map((_, k) => delegates.filter((__, i) => i % 3 === k).length);
  const exact = clients.every((c) => {
    const result = readPoll(c.doc, poll.id)?.result;
    return (
      result?.tally.cast === N &&
      JSON.stringify(result.tally.options.map((o) => o.count)) === JSON.stringify(expected) &&
      result.ballots?.every((b) => b.optionId === OPTIONS[delegates.indexOf(b.memberId) % 3]) ===
        true
    );
  });

  console.log(
    `ballots: ${statuses.filter((s) => s === 200).length}/${N} accepted, cast over ${SPREAD_MS} ms, all on every client after ${ms(burstMs)}`,
  );
  console.log(
    `ack (HTTP 200, durable): p50 ${ms(percentile(ackMs, 50))}  p99 ${ms(percentile(ackMs, 99))}`,
  );
  console.log(
    `baseline, GET /api/me in the same burst shape: p50 ${ms(percentile(baselineMs, 50))}  p99 ${ms(percentile(baselineMs, 99))}  (ballot ack / baseline: p50 ×${(percentile(ackMs, 50) / percentile(baselineMs, 50)).toFixed(1)}, p99 ×${(percentile(ackMs, 99) / percentile(baselineMs, 99)).toFixed(1)})`,
  );
  console.log(
    `cast → seen by a client (${perPair.length} pairs): p50 ${ms(percentile(perPair, 50))}  p99 ${ms(percentile(perPair, 99))}`,
  );
  console.log(
    `cast → seen by every client: p50 ${ms(percentile(toAll, 50))}  p99 ${ms(percentile(toAll, 99))}  max ${ms(toAll[toAll.length - 1] ?? NaN)}`,
  );
  console.log(
    `server: ${serverCpu.toFixed(2)} s CPU during the burst, RSS ${(rssBytes(server.child.pid as number) / 2 ** 20).toFixed(0)} MB`,
  );
  console.log(
    `final tally after close + publish: ${exact ? 'EXACT' : 'WRONG'} on all ${N} clients (for/against/abstain ${expected.join('/')})`,
  );
  if (!exact) process.exitCode = 1;
} finally {
  for (const c of clients) c.destroy();
  stopServer();
  await new Promise((resolve) => setTimeout(resolve, 500));
  await rm(dataDir, { recursive: true, force: true });
}
