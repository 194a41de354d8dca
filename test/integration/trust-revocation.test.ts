/**
 * Members of a second, independent CA (root → intermediate, made by openssl) enrolled by their
 * own certificates log in through the real server; revocation is checked against a real
 * `openssl ocsp` responder and real CRLs: good, revoked (by OCSP and by CRL), unknown and
 * unreachable each follow the policy. The signing purpose is checked with its stricter policy.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signChallenge, type LoginChallenge } from '../../core/identity';
import { certificateInfo } from '../../core/identity/certificate';
import { IdentityError } from '../../core/identity/errors';
import { withAdminContext } from '../../sync-server/admin/context';
import { nodeRsaSigner } from '../../sync-server/crypto/node-crypto';
import { createTrustService } from '../../sync-server/identity/trust-service';
import { addIntermediate, putTrustAnchor } from '../../sync-server/identity/trust-store';
import { silentLogger } from '../../sync-server/log';
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
const people: Record<string, PkiMember> = {};

async function loginAs(member: PkiMember, sendIntermediate = true) {
  const challenge = (await (await app.api('/api/auth/challenge')).json()) as LoginChallenge;
  const chain = sendIntermediate ? [member.certDer, pki.intermediateDer] : [member.certDer];
  const body = await signChallenge(nodeRsaSigner(member.keyPem, chain), challenge.nonce, app.url);
  const res = await app.api('/api/auth/login', { method: 'POST', body: JSON.stringify(body) });
  const answer = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: answer.error?.code ?? 'ok' };
}

beforeAll(async () => {
  pkiDir = await mkdtemp(path.join(tmpdir(), 'dienhong-pki2-'));
  pki = await createRevocationPki(pkiDir);
  people.good = pki.issue('Trần Thị Bình', 'ocsp+crl');
  people.revokedOcsp = pki.issue('Lê Văn Cường', 'ocsp');
  people.revokedCrl = pki.issue('Phạm Thu Dung', 'crl');
  people.crlGood = pki.issue('Hoàng Minh Em', 'crl');
  people.unknown = pki.issueUnrecorded('Đỗ Quang Giang');
  people.unreachable = pki.issue('Vũ Thị Hà', 'dead');
  people.wrongEku = pki.issue('Bùi Văn Khánh', 'ocsp+crl', { eku: 'serverAuth' });
  people.otherPolicy = pki.issue('Ngô Thị Lan', 'ocsp+crl', { policy: '1.3.6.1.4.1.99999.15.2' });
  await pki.revoke(people.revokedOcsp);
  await pki.revoke(people.revokedCrl);

  app = await startTestApp([
    { id: 'own', name: 'Thành viên CA nhà' },
    { id: 'boss', name: 'Quản trị viên', isAdmin: true },
  ]);
  await app.restart({}, async () => {
    await putTrustAnchor(app.dataDir, {
      name: 'CA thứ hai',
      purposes: ['login', 'signing'],
      certificatePem: pki.rootPem,
      requiredPolicies: [TEST_POLICY_OID],
    });
    await withAdminContext(app.dataDir, async (ctx) => {
      for (const [id, person] of Object.entries(people)) {
        await ctx.members.add({
          id,
          name: person.name,
          email: `${id}@pki2.example`,
          isAdmin: false,
          certificates: [certificateInfo(person.certDer).fingerprintSha256Hex],
        });
      }
    });
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await pki?.close();
  if (pkiDir) await rm(pkiDir, { recursive: true, force: true });
});

describe('login with certificates of a second CA', () => {
  it('the organisation CA stays the zero-setup default', async () => {
    expect(await app.login('own')).toMatch(/.+/);
  });

  it('a member with a good certificate logs in (OCSP answered by a delegated responder)', async () => {
    const before = pki.served.ocsp;
    const crlBefore = pki.served.crl;
    expect(await loginAs(people.good!)).toEqual({ status: 200, code: 'ok' });
    expect(pki.served.ocsp).toBe(before + 1);
    // OCSP gave the answer: the CRL was not needed.
    expect(pki.served.crl).toBe(crlBefore);
    // The answer is cached by its validity: a second login asks nobody.
    expect(await loginAs(people.good!)).toEqual({ status: 200, code: 'ok' });
    expect(pki.served.ocsp).toBe(before + 1);
  });

  it('a member with a good certificate and only a CRL logs in', async () => {
    expect(await loginAs(people.crlGood!)).toEqual({ status: 200, code: 'ok' });
  });

  it('a revoked certificate is refused, whether OCSP or the CRL says so', async () => {
    expect(await loginAs(people.revokedOcsp!)).toEqual({ status: 401, code: 'cert-revoked' });
    expect(await loginAs(people.revokedCrl!)).toEqual({ status: 401, code: 'cert-revoked' });
  });

  it('a certificate the responder does not know is refused', async () => {
    expect(await loginAs(people.unknown!)).toEqual({
      status: 401,
      code: 'cert-revocation-unknown',
    });
  });

  it('without the intermediate the chain is incomplete; the local cache completes it', async () => {
    expect(await loginAs(people.good!, false)).toEqual({
      status: 401,
      code: 'cert-untrusted',
    });
    await addIntermediate(app.dataDir, pki.intermediatePem);
    expect(await loginAs(people.good!, false)).toEqual({ status: 200, code: 'ok' });
  });

  it('wrong extended key usage and a missing required policy have their own codes', async () => {
    expect(await loginAs(people.wrongEku!)).toEqual({ status: 401, code: 'cert-eku' });
    expect(await loginAs(people.otherPolicy!)).toEqual({ status: 401, code: 'cert-policy' });
  });

  it('an unreachable responder: login warns by default and is audited, refuses when configured', async () => {
    expect(await loginAs(people.unreachable!)).toEqual({ status: 200, code: 'ok' });
    let warned = false;
    await app.restart({ revocation: { login: { unreachable: 'refuse' } } }, async () => {
      await withAdminContext(app.dataDir, async (ctx) => {
        for await (const entry of ctx.audit.readAudit())
          if ((entry.value as { action?: string }).action === 'revocation.unchecked') warned = true;
      });
    });
    expect(warned).toBe(true);
    expect(await loginAs(people.unreachable!)).toEqual({
      status: 401,
      code: 'cert-revocation-unreachable',
    });
  });
});

describe('enrolment through the admin route', () => {
  it('an admin maps a new certificate; the member then logs in; others are refused', async () => {
    const newcomer = pki.issue('Đinh Văn Mạnh', 'ocsp+crl');
    const enrol = (token: string, body: unknown) =>
      app.api('/api/admin/members/manh/certificates', {
        method: 'POST',
        token,
        body: JSON.stringify(body),
      });
    const body = {
      certificatePem: newcomer.certPem,
      chainPem: [pki.intermediatePem],
      name: 'Đinh Văn Mạnh',
    };
    const delegate = await app.login('own');
    expect((await enrol(delegate, body)).status).toBe(403);
    const admin = await app.login('boss');
    const bad = await enrol(admin, { certificatePem: 'junk' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('cert-malformed');
    const res = await enrol(admin, body);
    expect(res.status).toBe(201);
    const answer = (await res.json()) as {
      certificate: { subjectCommonName: string; policies: string[]; serial: string };
      trustedFor: string[];
    };
    expect(answer.certificate.subjectCommonName).toBe('Đinh Văn Mạnh');
    expect(answer.certificate.policies).toEqual([TEST_POLICY_OID]);
    expect(answer.trustedFor).toEqual(['login', 'signing']);
    expect(await loginAs(newcomer)).toEqual({ status: 200, code: 'ok' });
    const twice = await enrol(admin, body);
    expect(twice.status).toBe(409);
  });
});

describe('the signing purpose', () => {
  const codeOf = async (member: PkiMember): Promise<string> => {
    const audit = { appendAudit: async () => 0, readAudit: async function* () {} };
    const trust = createTrustService({ dataDir: app.dataDir, logger: silentLogger, audit });
    try {
      const trusted = await trust.check(
        [member.certDer, pki.intermediateDer],
        'signing',
        new Date(),
      );
      await trust.revocation(trusted, 'signing', new Date(), {});
      return 'accepted';
    } catch (error) {
      return error instanceof IdentityError ? error.code : String(error);
    }
  };

  it('accepts a good signer, refuses a revoked one, and refuses when no responder answers', async () => {
    expect(await codeOf(people.good!)).toBe('accepted');
    expect(await codeOf(people.revokedOcsp!)).toBe('cert-revoked');
    expect(await codeOf(people.unreachable!)).toBe('cert-revocation-unreachable');
  });
});
