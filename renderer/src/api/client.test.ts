import { describe, expect, it } from 'vitest';
import { SessionStore, type Session } from '../session/session';
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

describe('the API client', () => {
  it('sends the bearer token with every call once logged in', async () => {
    const { calls, sessions, client } = setup(() => json(200, []));
    await client.meetings();
    expect(header(calls[0]!.init, 'Authorization')).toBeUndefined();
    sessions.start(session);
    await client.meetings();
    expect(header(calls[1]!.init, 'Authorization')).toBe(`Bearer ${session.token}`);
  });

  it('drops the session on a 401 and says it expired', async () => {
    const { sessions, client } = setup(() =>
      json(401, { error: { code: 'session-expired', message: 'Session expired.' } }),
    );
    sessions.start(session);
    await expect(client.meetings()).rejects.toMatchObject({ status: 401, code: 'session-expired' });
    expect(sessions.get()).toEqual({ session: null, ended: 'expired' });
  });

  it('logs in without a token and keeps a session only from a well-formed answer', async () => {
    const request = { nonce: 'n'.repeat(43), chainDer: ['AA=='], signature: 'AA==' };
    const good = setup(() => json(200, session));
    await expect(good.client.login(request)).resolves.toEqual(session);
    expect(good.calls[0]).toMatchObject({ url: '/api/auth/login', init: { method: 'POST' } });
    expect(JSON.parse(String(good.calls[0]!.init.body))).toEqual(request);

    const refused = setup(() =>
      json(401, { error: { code: 'member-unknown', message: 'No member.' } }),
    );
    await expect(refused.client.login(request)).rejects.toMatchObject({ code: 'member-unknown' });
    // A refused login is not an expired session: the screen shows the login error instead.
    expect(refused.sessions.get().ended).toBeNull();

    const odd = setup(() => json(200, { token: 42 }));
    await expect(odd.client.login(request)).rejects.toMatchObject({ code: 'bad-response' });
  });

  it('reports an unreachable server as a network error', async () => {
    const { client } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await client.challenge().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'network' });
  });
});
