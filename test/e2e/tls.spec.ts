/**
 * The web client over HTTPS/WSS, as on a meeting room's network: the server certificate comes
 * from `admin server-cert`, and the browser trusts the organisation CA the proper way, through
 * an NSS database (certutil) under a temporary HOME — no ignoreHTTPSErrors. A browser without
 * the CA is refused by TLS itself.
 */
import { chromium, type Browser } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runAdmin } from '../../sync-server/admin/cli';
import { startApp, type RunningApp } from '../../sync-server/app';
import { identityPaths } from '../../sync-server/identity/data-dir';
import { HSTS_HEADER } from '../../sync-server/server';
import { chromiumLaunchOptions } from '../../tools/harness/chromium';
import { expect, test } from './fixtures';
import { DEMO, enterDemoRoom, loginAs } from './login-helper';

let dataDir: string;
let server: RunningApp;
const homes: string[] = [];
const browsers: Browser[] = [];

async function admin(...argv: string[]): Promise<void> {
  const lines: string[] = [];
  const code = await runAdmin(
    [...argv, '--data', dataDir],
    (l) => lines.push(l),
    (l) => lines.push(l),
  );
  if (code !== 0) throw new Error(`admin ${argv[0]} failed: ${lines.join('\n')}`);
}

/** Chromium with its own HOME; `trustCa` puts the CA into that HOME's NSS database. */
async function launchBrowser(trustCa: string | null): Promise<Browser> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'dienhong-e2e-home-'));
  homes.push(home);
  const nssdb = path.join(home, '.pki', 'nssdb');
  await mkdir(nssdb, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-N', '--empty-password']);
  if (trustCa) {
    execFileSync('certutil', [
      '-d',
      `sql:${nssdb}`,
      '-A',
      '-n',
      'Dien Hong CA',
      '-t',
      'C,,',
      '-i',
      trustCa,
    ]);
  }
  const browser = await chromium.launch({
    ...chromiumLaunchOptions,
    env: { ...process.env, HOME: home },
  });
  browsers.push(browser);
  return browser;
}

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dienhong-e2e-tls-'));
  await admin('demo');
  const certFile = path.join(dataDir, 'tls', 'cert.pem');
  const keyFile = path.join(dataDir, 'tls', 'key.pem');
  await admin(
    'server-cert',
    '--ip',
    '127.0.0.1',
    '--host',
    'localhost',
    '--out-cert',
    certFile,
    '--out-key',
    keyFile,
  );
  server = await startApp({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webRoot: path.resolve('dist/renderer'),
    tls: { certFile, keyFile },
  });
});

test.afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await server.close();
  for (const dir of [dataDir, ...homes]) await rm(dir, { recursive: true, force: true });
});

test('a member logs in and opens the meeting room over HTTPS/WSS with the organisation CA trusted', async () => {
  expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  const browser = await launchBrowser(identityPaths(dataDir).caCert);
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));

  const first = await page.goto('/');
  expect(first?.headers()['strict-transport-security']).toBe(HSTS_HEADER);
  expect(await first?.securityDetails()).toMatchObject({ protocol: expect.stringMatching(/^TLS/) });

  await loginAs(page, DEMO.secretary, identityPaths(dataDir).demoDir);
  await enterDemoRoom(page);
  expect(page.url().startsWith(`${server.url}/`)).toBe(true);
  // The room's sync status: the Yjs providers are connected over WSS.
  await expect(page.getByText('Đã kết nối')).toBeVisible();
  await expect.poll(() => sockets.length).toBeGreaterThan(0);
  const wss = `${server.url.replace(/^https/, 'wss')}/sync/`;
  expect(sockets.every((url) => url.startsWith(wss))).toBe(true);
  await page.screenshot({ path: 'test-results/tls-room.png' });
  expect(errors).toEqual([]);
  await context.close();
});

test('a browser that does not trust the organisation CA is stopped by TLS', async () => {
  const browser = await launchBrowser(null);
  const page = await browser.newPage();
  await expect(page.goto(server.url)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
});
