/**
 * A first login with a certificate of a trusted CA that no member holds yet: refused as
 * certificate-pending-approval with the request recorded (one entry per certificate, however
 * often it tries), listed by `admin member pending`, then approved (the same certificate logs
 * in, by real challenge–response) or rejected (the request is gone).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signChallenge, type LoginChallenge } from '../../core/identity';
import { certificateInfo } from '../../core/identity/certificate';
import { runAdmin } from '../../sync-server/admin/cli';
import { nodeRsaSigner } from '../../sync-server/crypto/node-crypto';
import { putTrustAnchor } from '../../sync-server/identity/trust-store';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  createRevocationPki,
  TEST_POLICY_OID,
  type PkiMember,
  type RevocationPki,
} from '../helpers/revocation-pki';

let pkiDir: string;
let pki: RevocationPki;
let app: TestApp;

async function loginAs(member: PkiMember) {
  const challenge = (await (await app.api('/api/auth/challenge')).json()) as LoginChallenge;
  const chain = [member.certDer, pki.intermediateDer];
  const body = await signChallenge(nodeRsaSigner(member.keyPem, chain), challenge.nonce, app.url);
  const res = await app.api('/api/auth/login', { method: 'POST', body: JSON.stringify(body) });
  const answer = (await res.json()) as { error?: { code: string }; member?: { id: string } };
  return { status: res.status, code: answer.error?.code ?? 'ok', memberId: answer.member?.id };
}

async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(
    ['--data', app.dataDir, ...argv],
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err: err.join('\n') };
}

const pending = async () =>
  (await admin('member', 'pending')).out.map(
    (l) =>
      JSON.parse(l) as { fingerprintSha256: string; subjectCommonName: string; attempts: number },
  );

beforeAll(async () => {
  pkiDir = await mkdtemp(path.join(tmpdir(), 'dienhong-pending-'));
  pki = await createRevocationPki(pkiDir);
  app = await startTestApp([{ id: 'boss', name: 'Quản trị viên', isAdmin: true }]);
  await app.restart({}, async () => {
    await putTrustAnchor(app.dataDir, {
      name: 'CA thứ hai',
      purposes: ['login', 'signing'],
      certificatePem: pki.rootPem,
      requiredPolicies: [TEST_POLICY_OID],
    });
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await pki?.close();
  if (pkiDir) await rm(pkiDir, { recursive: true, force: true });
});

describe('approving a first login', () => {
  it('records one request per certificate, and after approval the same certificate logs in', async () => {
    const person = pki.issue('Nguyễn Tiến Sỹ', 'ocsp+crl');
    const fingerprint = certificateInfo(person.certDer).fingerprintSha256Hex;
    expect(await loginAs(person)).toMatchObject({
      status: 403,
      code: 'certificate-pending-approval',
    });
    expect(await loginAs(person)).toMatchObject({ code: 'certificate-pending-approval' });
    const requests = await pending();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      fingerprintSha256: fingerprint,
      subjectCommonName: 'Nguyễn Tiến Sỹ',
      attempts: 2,
    });

    await app.restart({}, async () => {
      const approved = await admin(
        'member',
        'approve',
        fingerprint,
        '--new',
        '--name',
        'Nguyễn Tiến Sỹ',
        '--member',
        'sy',
      );
      expect(approved.err).toBe('');
      expect(approved.code).toBe(0);
    });
    expect(await pending()).toHaveLength(0);
    expect(await loginAs(person)).toMatchObject({ status: 200, code: 'ok', memberId: 'sy' });
  });

  it('approving onto an unknown member changes nothing; reject drops the request', async () => {
    const stranger = pki.issue('Người Lạ', 'ocsp+crl');
    const fingerprint = certificateInfo(stranger.certDer).fingerprintSha256Hex;
    expect((await loginAs(stranger)).code).toBe('certificate-pending-approval');
    await app.restart({}, async () => {
      const refused = await admin('member', 'approve', fingerprint, '--member', 'nobody');
      expect(refused.code).not.toBe(0);
    });
    expect(await pending()).toHaveLength(1);
    // Like every member command, approve and reject write the store: the server is stopped.
    await app.restart({}, async () => {
      expect((await admin('member', 'reject', fingerprint)).code).toBe(0);
      expect((await admin('member', 'reject', fingerprint)).code).not.toBe(0);
    });
    expect(await pending()).toHaveLength(0);
    expect((await loginAs(stranger)).code).toBe('certificate-pending-approval');
  });
});
