/**
 * The ballot burst of `npm run bench:votes`, in a process of its own: the parent also holds 500
 * Yjs clients, and applying every update in 500 documents delays its own HTTP callbacks, which
 * would be measured as the server's ack time. Reads one JSON job on stdin, prints one JSON answer.
 * Times are absolute (performance.timeOrigin + now), so the parent can pair them with what its
 * clients saw.
 */
import { httpJson } from '../../tools/harness/crowd/crowd';

export interface CastJob {
  /** One request per entry, spread evenly over spreadMs. */
  requests: { id: string; url: string; token: string; body?: unknown }[];
  spreadMs: number;
}

export interface CastAnswer {
  /** Per request id: when it was sent and answered (absolute ms), and the HTTP status (0: failed). */
  sent: Record<string, { at: number; ackMs: number; status: number }>;
}

const clock = (): number => performance.timeOrigin + performance.now();

async function run(job: CastJob): Promise<CastAnswer> {
  const sent: CastAnswer['sent'] = {};
  const n = job.requests.length;
  await Promise.all(
    job.requests.map(
      (r, i) =>
        new Promise<void>((resolve) => {
          setTimeout(
            () => {
              const at = clock();
              const done = (status: number) => {
                sent[r.id] = { at, ackMs: clock() - at, status };
                resolve();
              };
              const method = r.body === undefined ? 'GET' : 'POST';
              httpJson(r.url, { method, body: r.body, token: r.token }).then(
                (a) => done(a.status),
                () => done(0),
              );
            },
            (i * job.spreadMs) / n,
          );
        }),
    ),
  );
  return { sent };
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => (input += chunk));
process.stdin.on('end', () => {
  run(JSON.parse(input) as CastJob).then(
    (answer) => process.stdout.write(JSON.stringify(answer)),
    (error: unknown) => {
      process.stderr.write(String(error));
      process.exitCode = 1;
    },
  );
});
