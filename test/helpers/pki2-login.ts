/** Logs in as a member of the second test CA (revocation-pki.ts), sending the intermediate. */
import { signChallenge, type LoginChallenge } from '../../core/identity';
import { nodeRsaSigner } from '../../sync-server/crypto/node-crypto';
import type { TestApp } from './app';
import type { PkiMember } from './revocation-pki';

export async function signChallengeFor(
  app: TestApp,
  member: PkiMember,
  intermediateDer: Uint8Array,
): Promise<string> {
  const challenge = (await (await app.api('/api/auth/challenge')).json()) as LoginChallenge;
  const signer = nodeRsaSigner(member.keyPem, [member.certDer, intermediateDer]);
  const body = await signChallenge(signer, challenge.nonce, app.url);
  const res = await app.api('/api/auth/login', { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
