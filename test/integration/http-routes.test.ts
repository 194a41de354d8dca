/**
 * The route map and the running server agree: every route of core/api/routes.ts is served
 * (with its method, behind a session where the map says so), and /api/me tells the upload
 * limit the server enforces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../core/api/routes';
import { startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp([{ id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' }], {
    maxUploadBytes: 4096,
  });
});
afterAll(async () => {
  await app.close();
});

const filled = (path: string) =>
  path.replace(/:sha256/g, 'a'.repeat(64)).replace(/:[A-Za-z]+/g, 'khong-co');

describe('the route map against the server', () => {
  it('serves every route of the map, and asks for a session exactly where the map says', async () => {
    const answers: string[] = [];
    for (const [key, spec] of Object.entries(routes)) {
      const res = await app.api(filled(spec.path), { method: spec.method });
      const body = res.headers.get('content-type')?.startsWith('application/json')
        ? ((await res.json()) as { error?: { code?: string } })
        : null;
      const code = body?.error?.code ?? null;
      // A route nobody registered would be 404 not-found (or 405 beside a sibling method).
      expect(code, key).not.toBe('not-found');
      expect(code, key).not.toBe('method-not-allowed');
      if (spec.auth === 'session')
        expect([res.status, code], key).toEqual([401, 'session-missing']);
      else expect(res.status, key).not.toBe(401);
      answers.push(key);
    }
    expect(answers.length).toBe(Object.keys(routes).length);
  });

  it('tells a member the upload limit it enforces', async () => {
    const token = await app.login('dung');
    const me = (await (await app.api('/api/me', { token })).json()) as { maxUploadBytes: number };
    expect(me).toMatchObject({ id: 'dung', name: 'Lê Văn Dũng', maxUploadBytes: 4096 });
  });
});
