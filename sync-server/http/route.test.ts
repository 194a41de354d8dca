import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingView } from '../../core/api/meetings';
import type { ServerFeature } from '../feature';
import type { MemberRecord } from '../identity/members';
import { startServer, type RunningServer } from '../server';
import { HttpError, type Authenticate } from './router';
import { Reply, route } from './route';

const member: MemberRecord = {
  id: 'm1',
  name: 'Nguyễn Tiến Sỹ',
  email: 'sy@example.vn',
  isAdmin: false,
  certificates: [],
  createdAt: '2026-01-01T00:00:00.000Z',
};
const TOKEN = 'phiên-thử';

/** Who may call: one token, one member (the real auth is tested in test/integration). */
const authenticate: Authenticate = async (req) => {
  if (req.headers.authorization !== `Bearer ${encodeURIComponent(TOKEN)}`)
    throw new HttpError(401, 'session-missing', 'Log in first.');
  return { member, token: TOKEN };
};

const meetingView = (id: string): MeetingView => ({
  id,
  title: 'Kỳ họp thứ nhất',
  startsAt: '2026-12-02T02:00:00.000Z',
  location: 'Phòng 301',
  organisation: '',
  agenda: [],
  documentNumber: null,
  place: null,
  myRole: 'delegate',
});

/** What the handlers did: a route refused at the edge must leave this as it was. */
const state = { checkIns: [] as boolean[], uploads: 0, guardRuns: 0 };

const feature: ServerFeature = {
  name: 'route-test',
  authenticate,
  routes: [
    route('meeting', ({ params }) =>
      params.id === 'later' ? new Reply(202, meetingView(params.id)) : meetingView(params.id),
    ),
    route('checkIn', ({ body }) => {
      state.checkIns.push(body.present);
      return { members: [], present: state.checkIns.length, presentVoting: 0, votingMembers: 0 };
    }),
    route('createMeeting', {
      guard: ({ session }) => {
        state.guardRuns++;
        if (!session?.member.isAdmin) throw new HttpError(403, 'forbidden', 'Admins only.');
        return session.member;
      },
      handler: ({ body }) => meetingView(body.title),
    }),
    route('putBlob', async ({ params, body }) => {
      const bytes = await body(1024);
      state.uploads++;
      return {
        sha256: params.sha256,
        size: bytes.length,
        contentType: 'application/pdf',
        uploadedBy: member.id,
        at: '2026-12-02T02:00:00.000Z',
      };
    }),
  ],
};

let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'dienhong-route-'));
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webRoot: null,
    features: [feature],
  });
});

afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

function send(pathname: string, init: RequestInit & { session?: boolean } = {}) {
  const headers = new Headers(init.headers);
  if (init.session !== false) headers.set('Authorization', `Bearer ${encodeURIComponent(TOKEN)}`);
  return fetch(`${server.url}${pathname}`, { ...init, headers });
}

const jsonInit = (method: string, body: string): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body,
});

async function refusal(res: Response): Promise<{ status: number; code: string }> {
  const body = (await res.json()) as { error: { code: string } };
  return { status: res.status, code: body.error.code };
}

describe('route(key, handler)', () => {
  it('answers the handler’s value as JSON with the status the map gives', async () => {
    const res = await send('/api/meetings/h%E1%BB%8Dp-1');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.json()).toMatchObject({ id: 'họp-1' });
    const checkedIn = await send(
      '/api/meetings/h/attendance',
      jsonInit('POST', '{"present":true}'),
    );
    expect(checkedIn.status).toBe(200);
    expect(state.checkIns).toEqual([true]);
  });

  it('lets a handler answer another status with the same shape (Reply)', async () => {
    const res = await send('/api/meetings/later');
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ id: 'later' });
  });

  it('refuses a bad body with 400 and the validator’s code; the handler never runs', async () => {
    const before = [...state.checkIns];
    const cases: [string, RequestInit, number, string][] = [
      ['wrong type', jsonInit('POST', '{"present":"yes"}'), 400, 'invalid-field'],
      ['forged field', jsonInit('POST', '{"present":true,"memberId":"x"}'), 400, 'unknown-field'],
      ['not an object', jsonInit('POST', '[true]'), 400, 'invalid-body'],
      ['not JSON', jsonInit('POST', '{"present":'), 400, 'malformed-json'],
      ['not declared JSON', { method: 'POST', body: '{"present":true}' }, 415, 'expected-json'],
      [
        'too large',
        jsonInit('POST', `{"present":true,"x":"${'a'.repeat(5000)}"}`),
        413,
        'body-too-large',
      ],
    ];
    for (const [name, init, status, code] of cases) {
      const res = await send('/api/meetings/h/attendance', init);
      expect(await refusal(res), name).toEqual({ status, code });
    }
    expect(state.checkIns).toEqual(before);
  });

  it('refuses a bad path param with 400 and its code before the body is read', async () => {
    const bad = await send('/api/meetings/h/blobs/NOT-A-HASH', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/pdf' },
      body: '%PDF-1.7',
    });
    expect(await refusal(bad)).toEqual({ status: 400, code: 'blob-bad-hash' });
    const malformed = await send('/api/meetings/%zz');
    expect(await refusal(malformed)).toEqual({ status: 400, code: 'bad-path' });
    expect(state.uploads).toBe(0);
    const good = await send(`/api/meetings/h/blobs/${'a'.repeat(64)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/pdf' },
      body: '%PDF-1.7',
    });
    expect(good.status).toBe(201);
    expect(await good.json()).toMatchObject({ sha256: 'a'.repeat(64), size: 8 });
    expect(state.uploads).toBe(1);
  });

  it('settles the session, then the guard, before a malformed body', async () => {
    const anonymous = await send('/api/meetings/h/attendance', {
      ...jsonInit('POST', 'not json'),
      session: false,
    });
    expect(await refusal(anonymous)).toEqual({ status: 401, code: 'session-missing' });
    const notAdmin = await send('/api/meetings', jsonInit('POST', 'not json'));
    expect(await refusal(notAdmin)).toEqual({ status: 403, code: 'forbidden' });
    expect(state.guardRuns).toBe(1);
  });

  it('answers a method the map does not list for a path with 405', async () => {
    const res = await send('/api/meetings/h/attendance', { method: 'DELETE' });
    expect(await refusal(res)).toEqual({ status: 405, code: 'method-not-allowed' });
  });
});

describe('the route map at compile time', () => {
  it('refuses a handler with the wrong answer shape or a misread body', () => {
    // Never run: `tsc` checks it, and each directive fails if its line ever compiles.
    const typed = () => [
      // @ts-expect-error — a meeting answer lacks title, startsAt…
      route('meeting', () => ({ id: 'h' })),
      // @ts-expect-error — a check-in answers AttendanceView, not a poll list
      route('checkIn', () => []),
      route('checkIn', ({ body }) => ({
        members: [],
        // @ts-expect-error — the check-in body has `present`, not `absent`
        present: Number(body.absent),
        presentVoting: 0,
        votingMembers: 0,
      })),
      // @ts-expect-error — `/api/meetings/:id` has no :pollId
      route('meeting', ({ params }) => meetingView(params.pollId)),
      // @ts-expect-error — no such route
      route('meetingz', () => undefined),
    ];
    expect(typeof typed).toBe('function');
  });
});
