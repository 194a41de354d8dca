/**
 * First-login approval over HTTP while the server runs: a stranger from the second test CA is
 * refused as certificate-pending-approval, an administrator lists and approves the request
 * (creating a member, or onto an existing one) and the stranger then logs in by real
 * challenge–response; reject removes a request; a delegate gets 403 on every route; an approval
 * that cannot enrol leaves the request.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signChallenge, type LoginChallenge } from '../../core/identity';
import { certificateInfo } from '../../core/identity/certificate';
import type { PendingCertificateView } from '../../core/identity/pending-approval';
import { withAdminContext } from '../../sync-server/admin/context';
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
let boss: string;
let delegate: string;

async function loginAs(member: PkiMember) {
  const challenge = (await (await app.api('/api/auth/challenge')).json()) as LoginChallenge;
  const chain = [member.certDer, pki.intermediateDer];
  const body = await signChallenge(nodeRsaSigner(member.keyPem, chain), challenge.nonce, app.url);
  const res = await app.api('/api/auth/login', { method: 'POST', body: JSON.stringify(body) });
  const answer = (await res.json()) as { error?: { code: string }; member?: { id: string } };
  return { status: res.status, code: answer.error?.code ?? 'ok', memberId: answer.member?.id };
}

async function call(token: string, pathname: string, body?: unknown) {
  const res = await app.api(pathname, {
    token,
    method: body === undefined && !pathname.endsWith('/reject') ? 'GET' : 'POST',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const answer = (await res.json()) as Record<string, unknown> & { error?: { code: string } };
  return { status: res.status, code: answer.error?.code ?? 'ok', answer };
}

const pending = async () =>
  (await call(boss, '/api/admin/pending-certificates')).answer.pending as PendingCertificateView[];
const approve = (fingerprint: string, body: unknown, token = boss) =>
  call(token, `/api/admin/pending-certificates/${fingerprint}/approve`, body);
const reject = (fingerprint: string, token = boss) =>
  call(token, `/api/admin/pending-certificates/${fingerprint}/reject`);

beforeAll(async () => {
  pkiDir = await mkdtemp(path.join(tmpdir(), 'dienhong-pending-http-'));
  pki = await createRevocationPki(pkiDir);
  app = await startTestApp([
    { id: 'boss', name: 'Quản trị viên', isAdmin: true },
    { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' },
  ]);
  await app.restart({}, async () => {
    await putTrustAnchor(app.dataDir, {
      name: 'CA thứ hai',
      purposes: ['login', 'signing'],
      certificatePem: pki.rootPem,
      requiredPolicies: [TEST_POLICY_OID],
    });
  });
  boss = await app.login('boss');
  delegate = await app.login('dung');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await pki?.close();
  if (pkiDir) await rm(pkiDir, { recursive: true, force: true });
});

describe('approving first logins over HTTP', () => {
  it('an administrator approves a stranger as a new member, who then logs in', async () => {
    const stranger = pki.issue('Phạm Thị Hòa', 'ocsp+crl');
    const fingerprint = certificateInfo(stranger.certDer).fingerprintSha256Hex;
    expect(await loginAs(stranger)).toMatchObject({
      status: 403,
      code: 'certificate-pending-approval',
    });
    const listed = await pending();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      certificate: { fingerprintSha256: fingerprint, subjectCommonName: 'Phạm Thị Hòa' },
      attempts: 1,
    });
    expect(listed[0]).not.toHaveProperty('certificateDer');

    // Refused at the edge, and nothing changes.
    expect(await approve(fingerprint, { name: 'x' })).toMatchObject({
      status: 400,
      code: 'pending-invalid',
    });
    expect(
      await approve(fingerprint, { memberId: 'dung', newMember: { name: 'x' } }),
    ).toMatchObject({ status: 400, code: 'pending-invalid' });
    expect(await approve('ABC', { memberId: 'dung' })).toMatchObject({
      status: 400,
      code: 'fingerprint-invalid',
    });
    // An approval that cannot enrol leaves the request.
    expect(await approve(fingerprint, { memberId: 'nobody' })).toMatchObject({
      status: 404,
      code: 'member-not-found',
    });
    expect(await pending()).toHaveLength(1);

    const approved = await approve(fingerprint, {
      newMember: { name: 'Phạm Thị Hòa', position: 'Phó Chủ tịch UBND phường' },
    });
    expect(approved.status).toBe(201);
    expect(approved.answer).toMatchObject({
      memberId: `m-${fingerprint.slice(0, 12)}`,
      certificate: { fingerprintSha256: fingerprint },
      trustedFor: expect.arrayContaining(['login']) as unknown,
    });
    expect(await pending()).toHaveLength(0);
    expect(await loginAs(stranger)).toMatchObject({
      status: 200,
      memberId: `m-${fingerprint.slice(0, 12)}`,
    });
    expect(await approve(fingerprint, { memberId: 'dung' })).toMatchObject({
      status: 404,
      code: 'pending-not-found',
    });
  });

  it('approves onto an existing member: the certificate then logs in as that member', async () => {
    const renewal = pki.issue('Lê Văn Dũng', 'ocsp+crl');
    const fingerprint = certificateInfo(renewal.certDer).fingerprintSha256Hex;
    expect((await loginAs(renewal)).code).toBe('certificate-pending-approval');
    expect(await approve(fingerprint, { memberId: 'dung' })).toMatchObject({ status: 201 });
    expect(await loginAs(renewal)).toMatchObject({ status: 200, memberId: 'dung' });
  });

  it('reject removes the request; the next attempt is a new request', async () => {
    const stranger = pki.issue('Người Lạ', 'ocsp+crl');
    const fingerprint = certificateInfo(stranger.certDer).fingerprintSha256Hex;
    expect((await loginAs(stranger)).code).toBe('certificate-pending-approval');
    expect(await reject(fingerprint)).toMatchObject({
      status: 200,
      answer: { rejected: fingerprint },
    });
    expect(await pending()).toHaveLength(0);
    expect(await reject(fingerprint)).toMatchObject({ status: 404, code: 'pending-not-found' });
    expect((await loginAs(stranger)).code).toBe('certificate-pending-approval');
    expect(await pending()).toHaveLength(1);
  });

  it('a delegate gets 403 on every route, and the request stays', async () => {
    const [request] = await pending();
    const fingerprint = request!.certificate.fingerprintSha256;
    expect(await call(delegate, '/api/admin/pending-certificates')).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(await approve(fingerprint, { memberId: 'dung' }, delegate)).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(await reject(fingerprint, delegate)).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await pending()).toHaveLength(1);
  });
});

describe('the member an approval created', () => {
  it('keeps the name and position the administrator gave (read with the server stopped)', async () => {
    // The rejected stranger's second request is still there: nothing else was touched.
    expect(await pending()).toHaveLength(1);
    let stored: { name: string; position?: string | null; isAdmin: boolean } | null = null;
    await app.restart({}, async () => {
      const all = await withAdminContext(app.dataDir, (ctx) => ctx.members.list());
      stored = all.find((m) => m.name === 'Phạm Thị Hòa') ?? null;
    });
    expect(stored).toMatchObject({
      name: 'Phạm Thị Hòa',
      position: 'Phó Chủ tịch UBND phường',
      isAdmin: false,
    });
  });
});
