import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../sync-server/server';

/** One real server on a random port with a fresh data directory for the whole e2e run. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dienhong-e2e-'));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webRoot: path.resolve('dist/renderer'),
  });
  process.env.DIENHONG_E2E_URL = server.url;
  return async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
