import type { ServerFeature } from '../feature';
import { API_SECURITY_HEADERS } from '../http/router';
import { route } from '../http/route';
import { registerProcessMetrics } from './process';
import { MetricsRegistry } from './registry';

export interface MetricsFeature extends ServerFeature {
  /** Other features register their counters and gauges here. */
  registry: MetricsRegistry;
}

/**
 * `GET /metrics` in the Prometheus text format. Unauthenticated, like most exporters: it holds
 * counts only (no document or member names); keep the port off the public internet or filter it.
 */
export function metricsFeature(registry = new MetricsRegistry()): MetricsFeature {
  const stop = registerProcessMetrics(registry);
  return {
    name: 'metrics',
    registry,
    routes: [
      route('metrics', ({ res }) => {
        const body = registry.render();
        res.writeHead(200, {
          ...API_SECURITY_HEADERS,
          'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
          'Content-Length': Buffer.byteLength(body),
          'Cache-Control': 'no-store',
        });
        res.end(res.req.method === 'HEAD' ? undefined : body);
      }),
    ],
    async close() {
      stop();
    },
  };
}
