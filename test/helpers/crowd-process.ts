/**
 * A crowd meeting (tools/harness/crowd/crowd.ts) served by a real server process that a test may kill -9
 * and start again on the same data directory: a chair `chu-toa` and the given delegates, all
 * logged in and checked in. `api` always speaks to the current process.
 */
import { type ChildApp, spawnApp } from '../../tools/harness/crowd/child';
import {
  CROWD_MEETING,
  type HttpAnswer,
  httpJson,
  loginAll,
  seedCrowd,
} from '../../tools/harness/crowd/crowd';

export const CROWD_BASE = `/api/meetings/${CROWD_MEETING}`;

export interface CrowdProcess {
  /** The running process (replaced by `restart`). */
  readonly server: ChildApp;
  readonly tokens: ReadonlyMap<string, string>;
  /** The meeting's agenda item ids, in order. */
  readonly agenda: readonly string[];
  /** GET without a body, POST with one, as `who`, under the meeting's API path. */
  api(who: string, path: string, body?: unknown): Promise<HttpAnswer>;
  /** Starts a new process on the same data directory (after the last one exited). */
  restart(): Promise<void>;
}

export async function startCrowdProcess(
  dataDir: string,
  delegates: readonly string[],
  cleanup: (() => Promise<void> | void)[],
): Promise<CrowdProcess> {
  const credentials = await seedCrowd(dataDir, [
    { id: 'chu-toa', name: 'Chủ tọa', role: 'chair' },
    ...delegates.map((id, i) => ({ id, name: `Đại biểu ${i + 1}`, role: 'delegate' as const })),
  ]);
  let server = await spawnApp(dataDir);
  cleanup.push(() => {
    server.child.kill('SIGKILL');
  });
  const tokens = await loginAll(server.url, credentials);
  const api = (who: string, path: string, body?: unknown) =>
    httpJson(`${server.url}${CROWD_BASE}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      body,
      token: tokens.get(who) as string,
    });
  // Check-in needs an open meeting: the chair opens it first (khai mạc).
  await api('chu-toa', '/lifecycle', { step: 'open' });
  await Promise.all([...tokens.keys()].map((id) => api(id, '/attendance', { present: true })));
  const meeting = (await api('chu-toa', '')).body as { agenda: { id: string }[] };
  return {
    get server() {
      return server;
    },
    tokens,
    agenda: meeting.agenda.map((item) => item.id),
    api,
    async restart() {
      server = await spawnApp(dataDir);
    },
  };
}
