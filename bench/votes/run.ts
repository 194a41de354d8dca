/**
 * `npm run bench:votes`: 500 simulated delegates (created and logged in before timing), each
 * with a WebsocketProvider on the control document, cast ballots within one second. Prints the
 * time from each cast until the ballot shows on every client (the voter appears in the poll's
 * voters map), p50 / p99, and checks the tally is exact after close + publish.
 * The server runs in its own process (tools/harness/crowd/app-entry.ts), so it has a core of its own.
 * The ballots are cast from a third process (caster.ts): this one holds the 500 clients, and
 * applying each update in 500 documents delays its own callbacks. "Seen by a client" still
 * includes that delay (500 laptops do not share one event loop), so it is an upper bound.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Y from 'yjs';
import type { PollView } from '../../core/api/votes';
import { pollsMap, readPoll } from '../../core/docs/control/polls';
import { connectClient, type TestClient, waitFor } from '../../tools/harness/yjs-client';
import { cpuSeconds, percentile, rssBytes } from '../sync/stats';
import { spawnApp } from '../../tools/harness/crowd/child';
import type { CastAnswer, CastJob } from './caster';
import { CROWD_MEETING, httpJson, loginAll, seedCrowd } from '../../tools/harness/crowd/crowd';

const N = Number(process.env.VOTES_BENCH_DELEGATES ?? 500);
const SPREAD_MS = 1000;
const OPTIONS = ['for', 'against', 'abstain'];
const delegates = Array.from({ length: N }, (_, i) => `d${String(i).padStart(3, '0')}`);
const base = `/api/meetings/${CROWD_MEETING}`;
const clock = (): number => performance.timeOrigin + performance.now();
const ms = (n: number) => `${n.toFixed(1)} ms`;

const caster = path.join(path.dirname(fileURLToPath(import.meta.url)), 'caster.ts');

/** Runs a burst in the caster process (caster.ts), so this process's 500 clients do not delay it. */
function burst(job: CastJob): Promise<CastAnswer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', caster], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as CastAnswer)
        : reject(new Error(`caster exited ${code}`)),
    );
    child.stdin.end(JSON.stringify(job));
  });
}

const sortedAcks = (answer: CastAnswer): number[] =>
  Object.values(answer.sent)
    .filter((s) => s.status === 200)
    .map((s) => s.ackMs)
    .sort((a, b) => a - b);

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

  // arrival[voter][client] = when that client saw the voter appear (absolute ms, as the caster's).
  const arrival = new Map<string, number[]>(delegates.map((id) => [id, []]));
  for (const c of clients) {
    const voters = (pollsMap(c.doc).get(poll.id) as Y.Map<unknown>).get('voters') as Y.Map<unknown>;
    voters.observe((event) => {
      const now = clock();
      for (const key of event.keysChanged) arrival.get(key)?.push(now);
    });
  }

  // Baseline in the same run: the same clients send the same burst to a route that only checks
  // the session (GET /api/me), so transport and authentication are measured apart from the
  // ballot's own work (rules, durable write, mirror into the control document).
  const baseline = await burst({
    spreadMs: SPREAD_MS,
    requests: delegates.map((id) => ({
      id,
      url: `${server.url}/api/me`,
      token: tokens.get(id) as string,
    })),
  });
  const baselineMs = sortedAcks(baseline);

  const cpuBefore = cpuSeconds(server.child.pid as number);
  const cast = await burst({
    spreadMs: SPREAD_MS,
    requests: delegates.map((id, i) => ({
      id,
      url: `${server.url}${base}/polls/${poll.id}/ballots`,
      token: tokens.get(id) as string,
      body: { optionId: OPTIONS[i % 3] },
    })),
  });
  const ackMs = sortedAcks(cast);
  await waitFor(
    () => [...arrival.values()].every((list) => list.length === N),
    'every ballot on every client',
    60_000,
  );
  const burstMs = clock() - Math.min(...Object.values(cast.sent).map((s) => s.at));
  const serverCpu = cpuSeconds(server.child.pid as number) - cpuBefore;

  const perPair: number[] = [];
  const toAll: number[] = [];
  for (const [id, list] of arrival) {
    const sent = cast.sent[id]?.at ?? Number.NaN;
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
    `ballots: ${ackMs.length}/${N} accepted, cast over ${SPREAD_MS} ms, all on every client after ${ms(burstMs)}`,
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
