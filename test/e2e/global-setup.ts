import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../../sync-server/app';
import { identityPaths } from '../../sync-server/identity/data-dir';

/** One real server (with the demo CA, members and meeting) on a random port with a fresh data directory. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dienhong-e2e-'));
  const server = await startApp({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webRoot: path.resolve('dist/renderer'),
    demo: true,
  });
  process.env.DIENHONG_E2E_URL = server.url;
  process.env.DIENHONG_E2E_DEMO_DIR = identityPaths(dataDir).demoDir;
  return async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
