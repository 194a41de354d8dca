import { afterEach, describe, expect, it } from 'vitest';
import { type ChildServer, spawnSyncServer } from '../../tools/harness/child-server';
import {
  connectClient,
  makeDataDir,
  removeDataDir,
  type TestClient,
  waitFor,
} from '../helpers/server';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function own(server: ChildServer): ChildServer {
  cleanup.push(async () => {
    if (server.child.exitCode === null && server.child.signalCode === null)
      server.child.kill('SIGKILL');
    await server.exited;
  });
  return server;
}
function client(server: ChildServer, token: string): TestClient {
  const c = connectClient(server.syncUrl, 'meeting/m1/shared', token);
  cleanup.push(() => c.destroy());
  return c;
}

describe('sync durability', () => {
  it('keeps every update another client has received when the server is killed with SIGKILL', async () => {
    const dir = await makeDataDir();
    cleanup.push(() => removeDataDir(dir));
    const first = own(await spawnSyncServer(dir));
    const writer = client(first, 'tok-alice');
    const witness = client(first, 'tok-bob');
    await Promise.all([writer.synced, witness.synced]);

    const notes = writer.doc.getArray<string>('notes');
    for (let i = 0; i < 30; i++) notes.push([`biểu quyết ${i}`]);
    await waitFor(
      () => witness.doc.getArray('notes').length === 30,
      'the witness to receive every update',
    );

    first.child.kill('SIGKILL');
    await first.exited;
    writer.destroy();
    witness.destroy();

    const second = own(await spawnSyncServer(dir));
    const reader = client(second, 'tok-bob');
    await reader.synced;
    expect(reader.doc.getArray('notes').toArray()).toEqual(
      Array.from({ length: 30 }, (_, i) => `biểu quyết ${i}`),
    );
  });
});
