import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SessionStore, type Session } from '../session/session';
import { createBlobTransfer } from './blobs';
import { ApiError, createApiClient } from './client';

const session: Session = {
  token: 'tok'.repeat(10),
  expiresAt: Date.now() + 3_600_000,
  member: { id: 'm1', name: 'Trần Thị Hằng', email: null, isAdmin: true },
};

function setup(respond: (url: string, init: RequestInit) => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const sessions = new SessionStore(undefined);
  const client = createApiClient({
    fetch: async (input, init = {}) => {
      calls.push({ url: String(input), init });
      return respond(String(input), init);
    },
    sessions,
  });
  return { calls, sessions, client };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const header = (init: RequestInit, name: string) => (init.headers as Record<string, string>)[name];

const expired = () =>
  json(401, { error: { code: 'session-expired', message: 'Session expired.' } });

const pdf = new TextEncoder().encode('%PDF-1.7 biên bản');
const pdfSha = createHash('sha256').update(pdf).digest('hex');

describe('the API client', () => {
  it('sends the bearer token with every call once logged in', async () => {
    const { calls, sessions, client } = setup(() => json(200, []));
    await client.call('meetings');
    expect(header(calls[0]!.init, 'Authorization')).toBeUndefined();
    sessions.start(session);
    await client.call('meetings');
    expect(header(calls[1]!.init, 'Authorization')).toBe(`Bearer ${session.token}`);
  });

  it('takes method and path from the route map, params percent-encoded', async () => {
    const { calls, sessions, client } = setup(() => json(200, {}));
    sessions.start(session);
    await client.call('castBallot', {
      params: { id: 'họp 1', pollId: 'p/2' },
      body: { optionId: 'for' },
    });
    expect(calls[0]).toMatchObject({
      url: '/api/meetings/h%E1%BB%8Dp%201/polls/p%2F2/ballots',
      init: { method: 'POST' },
    });
    expect(header(calls[0]!.init, 'Content-Type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ optionId: 'for' });
  });

  it('drops the session on a 401 and says it expired', async () => {
    const { sessions, client } = setup(expired);
    sessions.start(session);
    await expect(client.call('meetings')).rejects.toMatchObject({
      status: 401,
      code: 'session-expired',
    });
    expect(sessions.get()).toEqual({ session: null, ended: 'expired' });
  });

  it('ends the session on a 401 from every route that carries it, blobs included', async () => {
    const attempts: [string, (client: ReturnType<typeof setup>['client']) => Promise<unknown>][] = [
      ['meetings', (c) => c.call('meetings')],
      ['me', (c) => c.call('me')],
      ['syncTicket', (c) => c.call('syncTicket')],
      ['trust', (c) => c.call('trust')],
      ['logout', (c) => c.call('logout')],
      ['members', (c) => c.call('members', { params: { id: 'h' } })],
      ['checkIn', (c) => c.call('checkIn', { params: { id: 'h' }, body: { present: true } })],
      ['finalizeMinutes', (c) => c.call('finalizeMinutes', { params: { id: 'h' } })],
      ['stopPresenting', (c) => c.call('stopPresenting', { params: { id: 'h' } })],
      ['download', (c) => createBlobTransfer(c).download('h', pdfSha)],
      ['upload', (c) => createBlobTransfer(c).upload('h', pdf, 'application/pdf')],
    ];
    for (const [name, attempt] of attempts) {
      const { sessions, client } = setup(expired);
      sessions.start(session);
      const error = await attempt(client).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(ApiError);
      expect(error, name).toMatchObject({ status: 401, code: 'session-expired' });
      expect(sessions.get(), name).toEqual({ session: null, ended: 'expired' });
    }
  });

  it('keeps a session that changed while a refused call was on its way', async () => {
    const { sessions, client } = setup(expired);
    sessions.start(session);
    const pending = client.call('me');
    const next = { ...session, token: 'new'.repeat(10) };
    sessions.start(next);
    await expect(pending).rejects.toMatchObject({ status: 401 });
    expect(sessions.get()).toEqual({ session: next, ended: null });
  });

  it('logs in without a token and keeps a session only from a well-formed answer', async () => {
    const request = { nonce: 'n'.repeat(43), chainDer: ['AA=='], signature: 'AA==' };
    const good = setup(() => json(200, session));
    good.sessions.start({ ...session, token: 'old'.repeat(10) });
    await expect(good.client.call('login', { body: request })).resolves.toEqual(session);
    expect(good.calls[0]).toMatchObject({ url: '/api/auth/login', init: { method: 'POST' } });
    expect(header(good.calls[0]!.init, 'Authorization')).toBeUndefined();
    expect(JSON.parse(String(good.calls[0]!.init.body))).toEqual(request);

    const refused = setup(() =>
      json(401, { error: { code: 'member-unknown', message: 'No member.' } }),
    );
    await expect(refused.client.call('login', { body: request })).rejects.toMatchObject({
      code: 'member-unknown',
    });
    // A refused login is not an expired session: the screen shows the login error instead.
    expect(refused.sessions.get().ended).toBeNull();

    const odd = setup(() => json(200, { token: 42 }));
    await expect(odd.client.call('login', { body: request })).rejects.toMatchObject({
      code: 'bad-response',
      status: null,
    });
  });

  it('reports an unreachable server as a network error, with no HTTP status', async () => {
    const { client } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await client.call('challenge').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'network', status: null });
  });

  it('reports an answer that is not JSON as bad-response, with no HTTP status', async () => {
    const { sessions, client } = setup(
      () => new Response('<html>proxy error</html>', { status: 200 }),
    );
    sessions.start(session);
    await expect(client.call('meetings')).rejects.toMatchObject({
      code: 'bad-response',
      status: null,
    });
    expect(sessions.get().session).toEqual(session);
  });

  it('keeps the server’s code and status on a refusal, and a code when the body is not JSON', async () => {
    const refused = setup(() =>
      json(409, { error: { code: 'poll-not-open', message: 'Closed.' } }),
    );
    await expect(
      refused.client.call('castBallot', {
        params: { id: 'h', pollId: 'p' },
        body: { optionId: 'for' },
      }),
    ).rejects.toMatchObject({ status: 409, code: 'poll-not-open', message: 'Closed.' });
    const bare = setup(() => new Response('Bad Gateway', { status: 502 }));
    await expect(bare.client.call('meetings')).rejects.toMatchObject({ status: 502, code: 'http' });
  });
});

describe('the blob transfer', () => {
  it('uploads by SHA-256 with its content type, after asking the server its limit', async () => {
    const { calls, sessions, client } = setup((url) =>
      url === '/api/me'
        ? json(200, { ...session.member, maxUploadBytes: 1024 })
        : json(201, { sha256: pdfSha, size: pdf.length }),
    );
    sessions.start(session);
    const record = await createBlobTransfer(client).upload('h', pdf, 'application/pdf');
    expect(record.sha256).toBe(pdfSha);
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET /api/me',
      `PUT /api/meetings/h/blobs/${pdfSha}`,
    ]);
    expect(header(calls[1]!.init, 'Content-Type')).toBe('application/pdf');
    expect(calls[1]!.init.body).toEqual(pdf);
  });

  it('refuses a file larger than the server accepts before sending it', async () => {
    const { calls, sessions, client } = setup(() =>
      json(200, { ...session.member, maxUploadBytes: pdf.length - 1 }),
    );
    sessions.start(session);
    const blobs = createBlobTransfer(client);
    await expect(blobs.upload('h', pdf, 'application/pdf')).rejects.toMatchObject({
      code: 'too-large',
      status: null,
    });
    await expect(blobs.upload('h', pdf, 'application/pdf')).rejects.toMatchObject({
      code: 'too-large',
    });
    // Asked once per session; nothing was uploaded.
    expect(calls.map((c) => c.url)).toEqual(['/api/me']);
  });

  it('refuses downloaded bytes that do not hash to their name', async () => {
    const { sessions, client } = setup(() => new Response(new TextEncoder().encode('other')));
    sessions.start(session);
    await expect(createBlobTransfer(client).download('h', pdfSha)).rejects.toMatchObject({
      code: 'hash-mismatch',
      status: null,
    });
  });
});
