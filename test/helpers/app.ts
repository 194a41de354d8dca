/**
 * The whole server (startApp) on port 0 with a fresh data directory, a CA, members with
 * .p12 files and one meeting, plus a real login as any member — for integration tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  certificateDerFromPem,
  parseP12,
  signChallenge,
  type LoginChallenge,
} from '../../core/identity';
import type { MeetingRole } from '../../core/roles/permissions';
import { withAdminContext } from '../../sync-server/admin/context';
import { addMember, createMeeting, initCa } from '../../sync-server/admin/operations';
import { startApp, type AppOptions, type RunningApp } from '../../sync-server/app';
import { nodeRsaSigner } from '../../sync-server/crypto/node-crypto';

export interface AppMember {
  id: string;
  name: string;
  email?: string;
  role?: MeetingRole;
  isAdmin?: boolean;
}

export const MEETING_ID = 'hop-1';
export const PASSWORD = 'mật-khẩu-thử';

/** The meeting most tests sit in: a chair, a secretary and a delegate. */
export const CHAIR_SECRETARY_DELEGATE: readonly AppMember[] = [
  { id: 'nhung', name: 'Trần Thị Hồng Nhung', role: 'chair' },
  { id: 'sy', name: 'Nguyễn Tiến Sỹ', role: 'secretary' },
  { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' },
];

export interface TestApp {
  url: string;
  syncUrl: string;
  dataDir: string;
  server: RunningApp;
  p12: Map<string, Uint8Array>;
  /** Logs in as the member through the real challenge–response; returns the session token. */
  login(memberId: string): Promise<string>;
  api(pathname: string, init?: RequestInit & { token?: string }): Promise<Response>;
  /** Stops the server, runs `whileStopped` (e.g. to edit the data directory), starts it again. */
  restart(options?: Partial<AppOptions>, whileStopped?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function seedDataDir(
  dataDir: string,
  members: readonly AppMember[],
): Promise<Map<string, Uint8Array>> {
  const ca = await initCa(dataDir, {
    commonName: 'CA thử nghiệm',
    organisation: 'Diên Hồng',
    validDays: 365,
  });
  const p12 = new Map<string, Uint8Array>();
  await withAdminContext(dataDir, async (ctx) => {
    for (const m of members) {
      const made = await addMember(ctx, ca, {
        id: m.id,
        name: m.name,
        email: m.email ?? `${m.id}@dienhong.example`,
        isAdmin: m.isAdmin ?? false,
        password: PASSWORD,
      });
      p12.set(m.id, made.p12);
    }
    const roles = members
      .filter((m) => m.role)
      .map((m) => ({ memberId: m.id, role: m.role as MeetingRole }));
    await createMeeting(
      ctx,
      {
        title: 'Phiên họp thử',
        startsAt: '2026-12-01T01:00:00.000Z',
        location: 'Hà Nội',
        organisation: 'Diên Hồng',
        agenda: ['Khai mạc', 'Biểu quyết'],
      },
      roles,
      MEETING_ID,
    );
  });
  return p12;
}

/** Signs a login for a .p12 against a server origin (what the client does). */
export async function signedLogin(p12Bytes: Uint8Array, challenge: LoginChallenge, origin: string) {
  const parsed = parseP12(p12Bytes, PASSWORD);
  const chain = [parsed.certificatePem, ...parsed.chainPem].map((pem) =>
    certificateDerFromPem(pem),
  );
  return signChallenge(nodeRsaSigner(parsed.privateKeyPem, chain), challenge.nonce, origin);
}

export async function startTestApp(
  members: readonly AppMember[],
  options: Partial<AppOptions> = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dienhong-app-'));
  const p12 = await seedDataDir(dataDir, members);
  const start = (extra: Partial<AppOptions>) =>
    startApp({ port: 0, host: '127.0.0.1', dataDir, webRoot: null, ...options, ...extra });
  let server = await start({});

  const app: TestApp = {
    get url() {
      return server.url;
    },
    get syncUrl() {
      return `${server.url.replace('http', 'ws')}/sync`;
    },
    dataDir,
    get server() {
      return server;
    },
    p12,
    api(pathname, init = {}) {
      const headers = new Headers(init.headers);
      if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
      if (init.body && !headers.has('Content-Type'))
        headers.set('Content-Type', 'application/json');
      return fetch(`${server.url}${pathname}`, { ...init, headers });
    },
    async login(memberId) {
      const bytes = p12.get(memberId);
      if (!bytes) throw new Error(`no member ${memberId}`);
      const challenge = (await (await app.api('/api/auth/challenge')).json()) as LoginChallenge;
      const body = await signedLogin(bytes, challenge, server.url);
      const res = await app.api('/api/auth/login', { method: 'POST', body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async restart(extra = {}, whileStopped) {
      await server.close();
      await whileStopped?.();
      server = await start(extra);
    },
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
      // The ballot key sits beside the data directory (README "Secret ballots: threat model").
      await rm(`${dataDir}.ballot-key`, { force: true });
    },
  };
  return app;
}
