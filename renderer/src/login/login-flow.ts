import type { Bridge } from '../../../core/bridge/contract';
import type { LoginChallenge, LoginRequest } from '../../../core/identity/login';
import { call } from '../api/client';
import type { Session } from '../session/session';
import { CodedError } from '../../../core/errors/coded-error';

/** A failure with a stable code (bridge or server), shown through loginProblem(). */
export class LoginFailure extends CodedError {
  override readonly name = 'LoginFailure';
}

/** The two routes a login takes. */
export interface LoginApi {
  challenge(): Promise<LoginChallenge>;
  login(body: LoginRequest): Promise<Session>;
}

/** Through the one client; the login answer is checked by the route map (parseSession). */
export const loginApi: LoginApi = {
  challenge: () => call('challenge'),
  login: (body) => call('login', { body }),
};

export interface LoginDeps {
  api: LoginApi;
  bridge: Pick<Bridge, 'getAppInfo' | 'signLogin'>;
}

/**
 * Challenge → signature by the bridge (the key never leaves it) → session. The signature is
 * bound to the origin this client connected to, taken from the app, never from the server.
 */
export async function logIn(
  { api, bridge }: LoginDeps,
  identityId: string,
  password: string,
): Promise<Session> {
  const [challenge, info] = await Promise.all([api.challenge(), bridge.getAppInfo()]);
  const origin = new URL(info.serverUrl).origin;
  const signed = await bridge.signLogin({ identityId, password, nonce: challenge.nonce, origin });
  if (!signed.ok) throw new LoginFailure(signed.error.code, signed.error.message);
  return api.login(signed.value);
}
