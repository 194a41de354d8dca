/**
 * Bad paths against the whole server: a malformed percent-escape in a route parameter is a 400
 * with a stable code (it was a 500 URIError), and a seeded fuzz of random bytes, escapes and long
 * segments on every route, with and without a session, never gets a 5xx, an error log or a crash.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../core/api/routes';
import type { Logger } from '../../sync-server/log';
import { startTestApp, type TestApp } from '../helpers/app';
import { seededRandom as seeded } from '../../core/testing/seeded-random';

const errors: string[] = [];
const logger: Logger = {
  log(level, event, fields) {
    if (level === 'error') errors.push(`${event} ${JSON.stringify(fields)}`);
  },
};

let app: TestApp;
let token = '';
let webRoot = '';
beforeAll(async () => {
  webRoot = await mkdtemp(path.join(tmpdir(), 'dienhong-web-'));
  await mkdir(path.join(webRoot, 'assets'));
  await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Diên Hồng</title>');
  await writeFile(path.join(webRoot, 'assets', 'app-1234.js'), 'console.log(1);');
  app = await startTestApp(
    [
      { id: 'chu-toa', name: 'Nguyễn Văn Chủ', role: 'chair', isAdmin: true },
      { id: 'dai-bieu', name: 'Trần Thị Đại', role: 'delegate' },
    ],
    { logger, webRoot },
  );
  token = await app.login('chu-toa');
});
afterAll(async () => {
  await app.close();
  await rm(webRoot, { recursive: true, force: true });
});

/** A raw request: the path goes out byte for byte, as an attacker would send it. */
function raw(
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path: target, headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Every route template the server declares (`path: '/…'` in sync-server), so new ones are fuzzed too. */
/** Every route of the server, from the one route map (core/api/routes.ts). */
function routeTemplates(): string[] {
  return [...new Set(Object.values(routes).map((r) => r.path))].sort();
}

const NASTY = [
  '%zz',
  '%',
  '%e',
  '%E0%A4',
  '%ed%a0%80', // a lone surrogate in UTF-8
  '%c0%ae%c0%ae',
  '%00',
  '..',
  '%2e%2e',
  '%2F',
  'hop-1',
  'hop-1%zz',
  'Nguy%E1%BB%85n',
];

function segment(rand: () => number): string {
  const pick = rand();
  if (pick < 0.35) return NASTY[Math.floor(rand() * NASTY.length)] as string;
  if (pick < 0.5) return 'a'.repeat(1 + Math.floor(rand() * 8000));
  // Random bytes, each sent raw when it is a safe path character, else as an escape (sometimes broken).
  const length = 1 + Math.floor(rand() * 24);
  let out = '';
  for (let i = 0; i < length; i++) {
    const byte = Math.floor(rand() * 256);
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9._~!$&'()*+,;=:@-]/.test(ch)) out += ch;
    else if (rand() < 0.1) out += `%${byte.toString(16).slice(0, 1)}g`;
    else out += `%${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

describe('bad paths', () => {
  it('answers a malformed percent-escape in a route parameter with 400 bad-path, no login needed', async () => {
    const res = await raw('GET', '/api/meetings/%zz');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'bad-path' } });
    const deeper = await raw(
      'POST',
      '/api/meetings/hop-1/polls/%E0%A4/ballots',
      {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      '{}',
    );
    expect(deeper.status).toBe(400);
    expect(errors).toEqual([]);
  });

  it('puts nosniff and a sandboxing policy on API responses', async () => {
    for (const target of ['/healthz', '/api/meetings/%zz', '/api/me', '/metrics']) {
      const res = await raw('GET', target);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    }
  });

  it('answers a missing asset with 404, not index.html cached for a year', async () => {
    const present = await raw('GET', '/assets/app-1234.js');
    expect(present.status).toBe(200);
    expect(present.headers['cache-control']).toContain('immutable');
    const missing = await raw('GET', '/assets/app-0000.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).not.toContain('immutable');
    expect(missing.body).not.toContain('<!doctype html>');
    const route = await raw('GET', '/meetings/hop-1');
    expect(route.status).toBe(200);
    expect(route.headers['cache-control']).toBe('no-cache');
    expect(route.body).toContain('<!doctype html>');
  });

  it('survives a seeded fuzz of every route with and without a session (no 5xx, no error logs)', async () => {
    const templates = routeTemplates();
    expect(templates.length).toBeGreaterThan(20);
    const seed = 20261202;
    const rand = seeded(seed);
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
    const failures: string[] = [];
    for (let round = 0; round < 6; round++) {
      for (const template of templates) {
        const target = template
          .split('/')
          .map((part) => (part.startsWith(':') ? segment(rand) : part))
          .join('/');
        const suffix = rand() < 0.2 ? `?${segment(rand)}=${segment(rand)}` : '';
        const method = methods[Math.floor(rand() * methods.length)] as string;
        const headers: Record<string, string> = { 'Content-Type': 'application/json' };
        if (rand() < 0.6) headers.Authorization = `Bearer ${token}`;
        const res = await raw(
          method,
          target + suffix,
          headers,
          method === 'GET' || method === 'HEAD' ? undefined : '{}',
        );
        if (res.status >= 500)
          failures.push(`seed ${seed} round ${round}: ${method} ${target} → ${res.status}`);
      }
    }
    // Whole-path junk, not only parameters.
    for (let i = 0; i < 60; i++) {
      const target = `/${Array.from({ length: 1 + Math.floor(rand() * 5) }, () => segment(rand)).join('/')}`;
      const res = await raw('GET', target);
      if (res.status >= 500) failures.push(`seed ${seed}: GET ${target} → ${res.status}`);
    }
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
    expect((await raw('GET', '/healthz')).status).toBe(200);
  });
});
