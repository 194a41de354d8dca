/**
 * `npm run bench:sync` — our sync server against a bare @y/websocket-server@0.1.1 under the same
 * load: N clients in one room (50, 200, 500), one writer at 10 updates/s. Each server runs alone
 * in its own process (pinned to core 0 when taskset exists), the load in another (core 1).
 *
 *   tsx bench/sync/run.ts [--clients 50,200,500] [--seconds 15] [--rate 10] [--only ours|baseline]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { cpuSeconds, type LoadResult, rssBytes } from './stats';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50,200,500' },
    seconds: { type: 'string', default: '15' },
    rate: { type: 'string', default: '10' },
    only: { type: 'string' },
  },
});
const sizes = (values.clients ?? '').split(',').map(Number);
const pin = existsSync('/usr/bin/taskset');

type Kind = 'ours' | 'baseline';
interface Started {
  child: ChildProcess;
  /** Our /metrics URL (the baseline has none). */
  metricsUrl: string | null;
  /** serverUrl for WebsocketProvider. */
  syncUrl: string;
  cleanup(): Promise<void>;
}

function command(core: number, args: string[]): [string, string[]] {
  return pin
    ? ['taskset', ['-c', String(core), process.execPath, ...args]]
    : [process.execPath, args];
}

function baselineBin(): string | null {
  const manifestPath = path.join(repo, 'node_modules/@y/websocket-server/package.json');
  if (!existsSync(manifestPath)) return null;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const bin =
    typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin ?? {})[0];
  return bin ? path.join(path.dirname(manifestPath), bin) : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function firstLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const match = pattern.exec(line);
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it listened`)));
  });
}

/**
 * Our server bundled to plain JavaScript, so it runs on bare Node like the baseline (tsx's
 * loader would add its own memory and CPU to the numbers). Dependencies stay in node_modules.
 */
async function bundleOurs(): Promise<string> {
  // Under node_modules so that its bare imports resolve to the repo's packages.
  const outfile = path.join(repo, 'node_modules/.cache/dienhong-bench/sync-server.mjs');
  await build({
    entryPoints: [path.join(repo, 'tools/harness/sync-server-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
    // version.ts reads ../package.json relative to itself; keep that path true in the bundle.
    define: {
      'import.meta.url': JSON.stringify(
        pathToFileURL(path.join(repo, 'sync-server/version.ts')).href,
      ),
    },
  });
  return outfile;
}
let oursBundle: Promise<string> | null = null;

async function startServer(kind: Kind): Promise<Started> {
  if (kind === 'ours') {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'dienhong-bench-'));
    oursBundle ??= bundleOurs();
    const [cmd, args] = command(0, [await oursBundle, '--data', dataDir, '--port', '0']);
    const child = spawn(cmd, args, {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        DIENHONG_LOG_LEVEL: 'warn',
        DIENHONG_SYNC_LIMITS: JSON.stringify({ maxConnectionsPerMember: 10_000 }),
      },
    });
    const match = await firstLine(child, /listening (\S+)/);
    return {
      child,
      syncUrl: `${(match[1] as string).replace(/^http/, 'ws')}/sync`,
      metricsUrl: `${match[1] as string}/metrics`,
      cleanup: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const bin = baselineBin();
  if (!bin) throw new Error('baseline not installed');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port) };
  delete env.YPERSISTENCE; // any string, even empty, turns on its LevelDB persistence
  const [cmd, args] = command(0, [bin]);
  const child = spawn(cmd, args, { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'], env });
  await firstLine(child, /./);
  return { child, syncUrl: `ws://127.0.0.1:${port}`, metricsUrl: null, cleanup: async () => {} };
}

interface Row extends LoadResult {
  kind: Kind;
  rssMb: number;
  cpuPercent: number;
}

async function measure(kind: Kind, clients: number): Promise<Row> {
  const server = await startServer(kind);
  const pid = server.child.pid as number;
  let peakRss = rssBytes(pid);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssBytes(pid));
  }, 250);
  try {
    const [cmd, args] = command(1, [
      '--import',
      'tsx',
      path.join(repo, 'bench/sync/load.ts'),
      '--server',
      server.syncUrl,
      '--clients',
      String(clients),
      '--rate',
      values.rate ?? '10',
      '--seconds',
      values.seconds ?? '15',
    ]);
    const load = spawn(cmd, args, { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    let cpuStart = 0;
    let timeStart = 0;
    let cpuPercent = Number.NaN;
    let result: LoadResult | null = null;
    const lines = createInterface({ input: load.stdout });
    lines.on('line', (line) => {
      if (line === 'measure-start') {
        cpuStart = cpuSeconds(pid);
        timeStart = performance.now();
      } else if (line === 'measure-end') {
        cpuPercent =
          ((cpuSeconds(pid) - cpuStart) / ((performance.now() - timeStart) / 1000)) * 100;
      } else if (line.startsWith('{')) {
        result = JSON.parse(line) as LoadResult;
      }
    });
    await new Promise((resolve) => load.once('exit', resolve));
    if (!result) throw new Error(`load for ${kind} N=${clients} printed no result`);
    if (server.metricsUrl) {
      // Refused frames or upgrades mean the limits, not the server, shaped the numbers.
      const metrics = await (await fetch(server.metricsUrl)).text();
      const refused = metrics.split('\n').filter((l) => /_refused_total\{/.test(l));
      const stall = /dienhong_eventloop_delay_seconds\{quantile="1"\} (\S+)/.exec(metrics)?.[1];
      process.stdout.write(
        `  ${kind} N=${clients}: server event-loop delay max ${fmt(Number(stall) * 1000)} ms\n`,
      );
      if (refused.length > 0)
        process.stdout.write(`  ${kind} N=${clients} refused: ${refused.join('; ')}\n`);
    }
    return { ...(result as LoadResult), kind, rssMb: peakRss / 2 ** 20, cpuPercent };
  } finally {
    clearInterval(sampler);
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    await server.cleanup();
  }
}

const fmt = (value: number, digits = 1): string =>
  Number.isFinite(value) ? value.toFixed(digits) : '—';
const ratio = (a: number, b: number): string =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—';

const kinds: Kind[] = values.only ? [values.only as Kind] : ['ours', 'baseline'];
if (kinds.includes('baseline') && !baselineBin()) {
  process.stdout.write('@y/websocket-server is not installed: measuring ours only.\n');
  kinds.splice(kinds.indexOf('baseline'), 1);
}
process.stdout.write(
  `one room, one writer at ${values.rate}/s for ${values.seconds} s; ${pin ? 'server on core 0, load on core 1' : 'no taskset: unpinned'}\n\n`,
);
const header =
  '| N | server | join+sync ms | p50 ms | p95 ms | p99 ms | max ms | missing | peak RSS MB | CPU % |';
const lines = [header, '|---|---|---|---|---|---|---|---|---|---|'];
for (const clients of sizes) {
  const rows: Partial<Record<Kind, Row>> = {};
  for (const kind of kinds) {
    const row = await measure(kind, clients);
    rows[kind] = row;
    lines.push(
      `| ${clients} | ${kind} | ${row.joinMs} | ${fmt(row.p50)} | ${fmt(row.p95)} | ${fmt(row.p99)} | ${fmt(row.max)} | ${row.missing} | ${fmt(row.rssMb, 0)} | ${fmt(row.cpuPercent, 0)} |`,
    );
    process.stdout.write(`${lines.at(-1)}\n`);
  }
  const { ours, baseline } = rows;
  if (ours && baseline) {
    lines.push(
      `| ${clients} | ours/baseline | ${ratio(ours.joinMs, baseline.joinMs)} | ${ratio(ours.p50, baseline.p50)} | ${ratio(ours.p95, baseline.p95)} | ${ratio(ours.p99, baseline.p99)} | ${ratio(ours.max, baseline.max)} | | ${ratio(ours.rssMb, baseline.rssMb)} | ${ratio(ours.cpuPercent, baseline.cpuPercent)} |`,
    );
  }
}
process.stdout.write(`\n${lines.join('\n')}\n`);
