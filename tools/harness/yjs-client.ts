/**
 * A real y-websocket client and a bounded wait, shared by the integration tests
 * (test/helpers/server.ts re-exports them) and the benchmarks.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves on the first `synced` event. */
  synced: Promise<void>;
  destroy(): void;
}

/** A real WebsocketProvider, BroadcastChannel off so every update goes through the server. */
export function connectClient(
  syncUrl: string,
  docName: string,
  token: string,
  doc = new Y.Doc(),
): TestClient {
  const provider = new WebsocketProvider(syncUrl, docName, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const synced = new Promise<void>((resolve) => {
    const onSync = (state: boolean): void => {
      if (!state) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls `check` until it is true, or fails with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
