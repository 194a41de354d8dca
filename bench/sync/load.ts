/**
 * The benchmark's load, in its own process: N WebsocketProviders join one room, one of them
 * writes `rate` updates per second for `seconds`, and every client records when each update
 * arrives. Prints `measure-start` when all have synced, then one JSON line (LoadResult).
 *
 *   tsx bench/sync/load.ts --server ws://127.0.0.1:4870/sync --clients 50 [--rate 10] [--seconds 15]
 */
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type LoadResult, percentile } from './stats';

const { values } = parseArgs({
  options: {
    server: { type: 'string' },
    room: { type: 'string', default: 'meeting/m1/shared' },
    token: { type: 'string', default: 'tok-alice' },
    clients: { type: 'string', default: '50' },
    rate: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '15' },
  },
});
if (!values.server) throw new Error('--server is required');
const serverUrl = values.server;
const clients = Number(values.clients);
const rate = Number(values.rate);
const seconds = Number(values.seconds);

// Every provider adds a process 'exit' listener.
process.setMaxListeners(0);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const sentAt = new Map<number, number>();
const latencies: number[] = [];
let deliveries = 0;

const providers: WebsocketProvider[] = [];
const t0 = performance.now();
const synced: Promise<void>[] = [];
for (let i = 0; i < clients; i++) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(serverUrl, values.room ?? '', doc, {
    params: { token: values.token ?? '' },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  providers.push(provider);
  synced.push(new Promise((resolve) => provider.once('sync', () => resolve())));
  if (i === 0) continue;
  doc.getMap<number>('ticks').observe((event) => {
    const now = performance.now();
    for (const key of event.keysChanged) {
      const sent = sentAt.get(Number(key));
      if (sent === undefined) continue;
      latencies.push(now - sent);
      deliveries++;
    }
  });
}
await Promise.all(synced);
const joinMs = performance.now() - t0;
process.stdout.write('measure-start\n');

const writer = providers[0] as WebsocketProvider;
const ticks = writer.doc.getMap<number>('ticks');
const total = Math.round(rate * seconds);
const start = performance.now();
for (let seq = 0; seq < total; seq++) {
  const due = start + (seq * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 0) await sleep(wait);
  sentAt.set(seq, performance.now());
  ticks.set(String(seq), seq);
}
// Let the last updates arrive.
const expected = total * (clients - 1);
const deadline = performance.now() + 5000;
while (deliveries < expected && performance.now() < deadline) await sleep(20);
process.stdout.write('measure-end\n');

latencies.sort((a, b) => a - b);
const result: LoadResult = {
  clients,
  joinMs: Math.round(joinMs),
  updates: total,
  deliveries,
  missing: expected - deliveries,
  p50: percentile(latencies, 50),
  p95: percentile(latencies, 95),
  p99: percentile(latencies, 99),
  max: latencies.at(-1) ?? Number.NaN,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
for (const provider of providers) provider.destroy();
process.exit(0);
