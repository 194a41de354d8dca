import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCa,
  issueMemberCertificate,
  buildP12,
  type LoginChallenge,
} from '../../core/identity';
import { nodeKeyPairGenerator } from '../../sync-server/crypto/node-crypto';
import { MEETING_ID, PASSWORD, signedLogin, startTestApp, type TestApp } from '../helpers/app';

const SY = { id: 'sy', name: 'Nguyễn Tiến Sỹ', role: 'secretary' as const };
const NHUNG = { id: 'nhung', name: 'Trần Thị Hồng Nhung', role: 'chair' as const };

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp([SY, NHUNG, { id: 'admin', name: 'Quản trị viên', isAdmin: true }], {
    sessionTtlMs: 60_000,
  });
});
afterAll(() => app.close());

async function challenge(): Promise<LoginChallenge> {
  return (await (await app.api('/api/auth/challenge')).json()) as LoginChallenge;
}

async function errorCode(res: Response): Promise<[number, string]> {
  const body = (await res.json()) as { error?: { code: string } };
  return [res.status, body.error?.code ?? ''];
}

describe('login', () => {
  it('logs a member in and keeps the Vietnamese name intact through certificate, login and member list', async () => {
    const body = await signedLogin(app.p12.get('sy') as Uint8Array, await challenge(), app.url);
    const res = await app.api('/api/auth/login', { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    const session = (await res.json()) as {
      token: string;
      expiresAt: number;
      member: { id: string; name: string };
    };
    expect(session.member).toMatchObject({ id: 'sy', name: 'Nguyễn Tiến Sỹ' });
    expect(session.expiresAt).toBeGreaterThan(Date.now());

    const me = await (await app.api('/api/me', { token: session.token })).json();
    expect(me).toMatchObject({ name: 'Nguyễn Tiến Sỹ' });
    const list = (await (
      await app.api(`/api/meetings/${MEETING_ID}/members`, { token: session.token })
    ).json()) as { name: string; role: string }[];
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Nguyễn Tiến Sỹ', role: 'secretary' }),
        expect.objectContaining({ name: 'Trần Thị Hồng Nhung', role: 'chair' }),
      ]),
    );
    expect(Buffer.from(list.find((m) => m.role === 'secretary')?.name ?? '', 'utf8')).toEqual(
      Buffer.from('Nguyễn Tiến Sỹ', 'utf8'),
    );
  });

  it('refuses a request without a token, with a token that is not one, and after logout', async () => {
    expect(await errorCode(await app.api('/api/meetings'))).toEqual([401, 'session-missing']);
    expect(await errorCode(await app.api('/api/meetings', { token: 'x'.repeat(43) }))).toEqual([
      401,
      'session-invalid',
    ]);
    const token = await app.login('nhung');
    expect((await app.api('/api/meetings', { token })).status).toBe(200);
    expect((await app.api('/api/auth/logout', { method: 'POST', token })).status).toBe(200);
    expect(await errorCode(await app.api('/api/meetings', { token }))).toEqual([
      401,
      'session-invalid',
    ]);
  });

  it('refuses a reused nonce and an unknown one', async () => {
    const c = await challenge();
    const body = await signedLogin(app.p12.get('sy') as Uint8Array, c, app.url);
    expect(
      (await app.api('/api/auth/login', { method: 'POST', body: JSON.stringify(body) })).status,
    ).toBe(200);
    const again = await app.api('/api/auth/login', { method: 'POST', body: JSON.stringify(body) });
    expect(await errorCode(again)).toEqual([401, 'nonce-unknown']);
  });

  it('refuses a signature made for another server', async () => {
    const body = await signedLogin(
      app.p12.get('sy') as Uint8Array,
      await challenge(),
      'http://evil.example:4870',
    );
    expect(
      await errorCode(
        await app.api('/api/auth/login', { method: 'POST', body: JSON.stringify(body) }),
      ),
    ).toEqual([401, 'login-bad-signature']);
  });

  it('refuses a certificate from another CA', async () => {
    const now = new Date();
    const foreignCa = await createCa({
      commonName: 'CA lạ',
      organisation: 'Khác',
      validDays: 30,
      now,
      generateKeyPair: nodeKeyPairGenerator,
    });
    const cert = await issueMemberCertificate({
      ca: foreignCa,
      name: 'Nguyễn Tiến Sỹ',
      email: 'sy@dienhong.example',
      validDays: 30,
      now,
      generateKeyPair: nodeKeyPairGenerator,
    });
    const p12 = buildP12({
      certificatePem: cert.certificatePem,
      privateKeyPem: cert.privateKeyPem,
      chainPem: [foreignCa.certificatePem],
      password: PASSWORD,
    });
    const body = await signedLogin(p12, await challenge(), app.url);
    expect(
      await errorCode(
        await app.api('/api/auth/login', { method: 'POST', body: JSON.stringify(body) }),
      ),
    ).toEqual([401, 'cert-untrusted']);
  });

  it('refuses malformed login bodies without crashing', async () => {
    for (const body of [
      '{',
      '[]',
      JSON.stringify({ nonce: 'abc' }),
      JSON.stringify({ nonce: 42 }),
    ]) {
      const res = await app.api('/api/auth/login', { method: 'POST', body });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect((await app.api('/healthz')).status).toBe(200);
  });

  it('expires sessions', async () => {
    await app.restart({ sessionTtlMs: 1 });
    const token = await app.login('sy');
    await new Promise((r) => setTimeout(r, 5));
    expect(await errorCode(await app.api('/api/meetings', { token }))).toEqual([
      401,
      'session-expired',
    ]);
    await app.restart({ sessionTtlMs: 60_000 });
  });
});

describe('meetings API', () => {
  it('lists only the caller’s meetings with their role; an admin sees all and creates', async () => {
    const sy = await app.login('sy');
    const mine = (await (await app.api('/api/meetings', { token: sy })).json()) as {
      id: string;
      myRole: string;
      agenda: unknown[];
    }[];
    expect(mine).toEqual([expect.objectContaining({ id: MEETING_ID, myRole: 'secretary' })]);
    expect(mine[0]?.agenda).toHaveLength(2);

    const admin = await app.login('admin');
    const created = await app.api('/api/meetings', {
      method: 'POST',
      token: admin,
      body: JSON.stringify({
        title: 'Họp Ban Chấp hành',
        startsAt: '2026-12-02T02:00:00Z',
        location: 'Phòng 301',
        agenda: ['Báo cáo'],
      }),
    });
    expect(created.status).toBe(201);
    const other = (await created.json()) as { id: string };
    expect((await app.api(`/api/meetings/${other.id}`, { token: sy })).status).toBe(404);
    expect((await app.api('/api/meetings', { method: 'POST', token: sy, body: '{}' })).status).toBe(
      403,
    );
    expect(
      await errorCode(
        await app.api('/api/meetings', {
          method: 'POST',
          token: admin,
          body: JSON.stringify({ title: '' }),
        }),
      ),
    ).toEqual([400, 'invalid-field']);
  });

  it('lets the secretary add an agenda item, not a delegate-less outsider', async () => {
    const sy = await app.login('sy');
    const res = await app.api(`/api/meetings/${MEETING_ID}/agenda`, {
      method: 'POST',
      token: sy,
      body: JSON.stringify({ title: 'Các vấn đề khác' }),
    });
    expect(res.status).toBe(201);
    const admin = await app.login('admin');
    expect(
      (
        await app.api(`/api/meetings/${MEETING_ID}/agenda`, {
          method: 'POST',
          token: admin,
          body: JSON.stringify({ title: 'x' }),
        })
      ).status,
    ).toBe(403);
  });
});
