import { describe, expect, it } from 'vitest';
import type { SignLoginRequest } from '../../../core/bridge/contract';
import type { Session } from '../session/session';
import { logIn } from './login-flow';

const session: Session = {
  token: 'x'.repeat(43),
  expiresAt: 1,
  member: { id: 'm', name: 'Lê Văn Dũng', email: null, isAdmin: false },
};
const signedRequest = { nonce: 'n'.repeat(43), chainDer: ['AA=='], signature: 'AA==' };

function deps(signOk: boolean) {
  const asked: SignLoginRequest[] = [];
  const logins: unknown[] = [];
  return {
    asked,
    logins,
    deps: {
      api: {
        challenge: async () => ({ nonce: 'n'.repeat(43), expiresAt: 0 }),
        login: async (body: typeof signedRequest) => {
          logins.push(body);
          return session;
        },
      },
      bridge: {
        getAppInfo: async () => ({
          name: 'Diên Hồng',
          version: '0',
          platform: 'web' as const,
          serverUrl: 'http://127.0.0.1:4870/',
        }),
        signLogin: async (request: SignLoginRequest) => {
          asked.push(request);
          return signOk
            ? { ok: true as const, value: signedRequest }
            : {
                ok: false as const,
                error: { code: 'p12-bad-password', message: 'Wrong password' },
              };
        },
      },
    },
  };
}

describe('logging in', () => {
  it('signs the server’s nonce for the origin the app connected to, then opens a session', async () => {
    const { deps: d, asked, logins } = deps(true);
    await expect(logIn(d, 'id1', 'pw')).resolves.toEqual(session);
    expect(asked).toEqual([
      { identityId: 'id1', password: 'pw', nonce: 'n'.repeat(43), origin: 'http://127.0.0.1:4870' },
    ]);
    expect(logins).toEqual([signedRequest]);
  });

  it('stops with the bridge’s code and sends nothing when the password is wrong', async () => {
    const { deps: d, logins } = deps(false);
    await expect(logIn(d, 'id1', 'bad')).rejects.toMatchObject({ code: 'p12-bad-password' });
    expect(logins).toEqual([]);
  });
});
