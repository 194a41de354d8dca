import type { Bridge } from '../../../core/bridge/contract';
import type { ApiClient } from '../api/client';
import type { Session } from '../session/session';
import { CodedError } from '../../../core/errors/coded-error';

/** A failure with a stable code (bridge or server), shown through loginProblem(). */
export class LoginFailure extends CodedError {
  override readonly name = 'LoginFailure';
}

export interface LoginDeps {
  api: Pick<ApiClient, 'challenge' | 'login'>;
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
