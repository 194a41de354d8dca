import type { ServerFeature } from '../feature';
import { VERSION } from '../version';
import { route, Reply } from './route';

/** One part of the server that can be unwell: degraded still serves, down is a 503. */
export type HealthCheck = () => { status: 'ok' | 'degraded' | 'down'; detail?: string };

/**
 * `GET /healthz`: is the process up, which version, for how long, and each check's state. Any
 * check down (e.g. a store that cannot write) answers 503, so a supervisor or load balancer acts.
 */
export function healthFeature(
  startedAt = Date.now(),
  checks: Readonly<Record<string, HealthCheck>> = {},
): ServerFeature {
  return {
    name: 'health',
    routes: [
      route('health', () => {
        const results = Object.fromEntries(
          Object.entries(checks).map(([name, check]) => [name, check()]),
        );
        const states = Object.values(results).map((r) => r.status);
        const status = states.includes('down')
          ? 'down'
          : states.includes('degraded')
            ? 'degraded'
            : 'ok';
        const answer = {
          status,
          version: VERSION,
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
          ...(Object.keys(results).length > 0 ? { checks: results } : {}),
        } as const;
        return status === 'down' ? new Reply(503, answer) : answer;
      }),
    ],
  };
}
