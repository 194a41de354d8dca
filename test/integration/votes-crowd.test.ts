import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PollResult, PollView } from '../../core/api/votes';
import { pollsMap, readPoll } from '../../core/docs/control/polls';
import { startApp, type RunningApp } from '../../sync-server/app';
import { LevelStore } from '../../sync-server/store/level';
import { CROWD_MEETING, httpJson, loginAll, seedCrowd } from '../../tools/harness/crowd/crowd';
import { connectClient, waitFor, type TestClient } from '../helpers/server';

const N = 200;
const delegates = Array.from({ length: N }, (_, i) => `d${String(i).padStart(3, '0')}`);
const OPTIONS = ['for', 'against', 'abstain'];
const base = `/api/meetings/${CROWD_MEETING}`;

let dataDir = '';
let app: RunningApp;
let tokens = new Map<string, string>();
let agendaItemId = '';
let watcher: TestClient;

const api = (who: string, p: string, body?: unknown) =>
  httpJson(`${app.url}${base}${p}`, {
    method: body === undefined ? 'GET' : 'POST',
    body,
    token: tokens.get(who) as string,
  });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'dienhong-votes-'));
  const credentials = await seedCrowd(dataDir, [
    { id: 'chu-toa', name: 'Chủ tọa Nguyễn Tiến Sỹ', role: 'chair' },
    ...delegates.map((id, i) => ({ id, name: `Đại biểu số ${i + 1}`, role: 'delegate' as const })),
  ]);
  app = await startApp({ port: 0, host: '127.0.0.1', dataDir, webRoot: null });
  tokens = await loginAll(app.url, credentials);
  const meeting = (await api('chu-toa', '')).body as { agenda: { id: string }[] };
  agendaItemId = meeting.agenda[1]?.id ?? '';
  // Check-in needs an open meeting: the chair opens it first (khai mạc).
  expect((await api('chu-toa', '/lifecycle', { step: 'open' })).status).toBe(200);
  await Promise.all([...tokens.keys()].map((id) => api(id, '/attendance', { present: true })));
  watcher = connectClient(
    app.url.replace('http', 'ws') + '/sync',
    `meeting/${CROWD_MEETING}/control`,
    tokens.get('d000') as string,
  );
  await watcher.synced;
}, 180_000);
afterAll(async () => {
  watcher?.destroy();
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(`${dataDir}.ballot-key`, { force: true });
});

async function openPoll(draft: Record<string, unknown>): Promise<PollView> {
  const created = await api('chu-toa', '/polls', { agendaItemId, title: 'Nghị quyết', ...draft });
  expect(created.status).toBe(201);
  const opened = await api('chu-toa', `/polls/${(created.body as PollView).id}/open`, {});
  expect(opened.status).toBe(200);
  return opened.body as PollView;
}

describe(`${N} delegates voting at once`, () => {
  it('gives an exact tally for a named poll', async () => {
    const poll = await openPoll({ kind: 'named' });
    expect(poll.eligible.length).toBe(N + 1);
    const answers = await Promise.all(
      delegates.map((id, i) => api(id, `/polls/${poll.id}/ballots`, { optionId: OPTIONS[i % 3] })),
    );
    expect(answers.map((a) => a.status)).toEqual(delegates.map(() => 200));
    await waitFor(
      () => readPoll(watcher.doc, poll.id)?.voters.length === N,
      'all voters on the watcher',
    );
    expect((await api('chu-toa', `/polls/${poll.id}/close`, {})).status).toBe(200);
    const result = (await api('chu-toa', `/polls/${poll.id}/result`)).body as PollResult;
    expect(result.tally.options.map((o) => o.count)).toEqual([67, 67, 66]);
    expect(result.tally).toMatchObject({ cast: N, eligible: N + 1, notVoted: 1 });
    expect(result.ballots?.filter((b) => b.optionId === 'for').map((b) => b.memberId)).toEqual(
      delegates.filter((_, i) => i % 3 === 0),
    );
  });

  it('secret poll racing with close: every ballot is counted or refused, watchers never see counts, storage never links voter and choice', async () => {
    const poll = await openPoll({ kind: 'secret' });
    // The watcher checks every state the control document goes through, not just the last one.
    const leaks: string[] = [];
    const check = (): void => {
      const entry = pollsMap(watcher.doc).get(poll.id);
      if (!(entry instanceof Y.Map)) return;
      const json = JSON.stringify(entry.toJSON());
      if (
        entry.get('state') !== 'published' &&
        (entry.get('result') !== null || /"counts?":/.test(json))
      )
        leaks.push(json);
      // While open the room sees how many have voted, never who (nor in which order).
      if (entry.get('state') === 'open' && entry.has('voters')) leaks.push(`voters: ${json}`);
    };
    watcher.doc.on('afterTransaction', check);

    // Half the ballots are sent before the close, half after: the close lands mid-burst.
    const cast = (id: string, i: number) =>
      api(id, `/polls/${poll.id}/ballots`, { optionId: OPTIONS[i % 3] }).then((a) => ({
        id,
        i,
        ...a,
      }));
    const ballots = delegates.slice(0, N / 2).map(cast);
    const closing = api('chu-toa', `/polls/${poll.id}/close`, {});
    ballots.push(...delegates.slice(N / 2).map((id, k) => cast(id, k + N / 2)));
    expect((await closing).status).toBe(200);
    const answers = await Promise.all(ballots);
    const accepted = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    for (const r of refused)
      expect(r).toMatchObject({ status: 409, body: { error: { code: 'poll-not-open' } } });

    const result = (await api('chu-toa', `/polls/${poll.id}/result`)).body as PollResult;
    expect(result.ballots).toBeNull();
    expect(result.tally.cast).toBe(accepted.length);
    expect(result.tally.options.map((o) => o.count)).toEqual(
      OPTIONS.map((_, k) => accepted.filter((a) => a.i % 3 === k).length),
    );
    expect((await api('chu-toa', `/polls/${poll.id}/publish`, {})).status).toBe(200);
    await waitFor(
      () => readPoll(watcher.doc, poll.id)?.state === 'published',
      'published on the watcher',
    );
    watcher.doc.off('afterTransaction', check);
    expect(leaks).toEqual([]);
    expect(readPoll(watcher.doc, poll.id)?.voters).toEqual(accepted.map((a) => a.id).sort());
    expect(readPoll(watcher.doc, poll.id)?.result?.tally.cast).toBe(accepted.length);

    // Storage, read directly: no object anywhere pairs a member of this poll with an option.
    await app.close();
    const store = await LevelStore.open(dataDir);
    try {
      const members = new Set(delegates);
      const links: string[] = [];
      const scan = (value: unknown, where: string): void => {
        if (Array.isArray(value)) return value.forEach((v, k) => scan(v, `${where}[${k}]`));
        if (typeof value !== 'object' || value === null) return;
        const strings = Object.values(value).filter((v): v is string => typeof v === 'string');
        if (strings.some((s) => members.has(s)) && strings.some((s) => OPTIONS.includes(s)))
          links.push(where);
        for (const [k, v] of Object.entries(value)) scan(v, `${where}.${k}`);
      };
      const record = (await store.get(`poll/${CROWD_MEETING}/${poll.id}`)) as {
        box: Record<string, unknown>;
      };
      expect(Object.keys(record.box).sort()).toEqual(['counts', 'kind', 'voters']);
      scan(record, 'record');
      for await (const { seq, value } of store.readAudit()) {
        if ((value as { pollId?: string }).pollId === poll.id) scan(value, `audit#${seq}`);
      }
      const stored = await store.loadDocument(`meeting/${CROWD_MEETING}/control`);
      const doc = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
      scan(pollsMap(doc).toJSON(), 'control');
      expect(links).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
