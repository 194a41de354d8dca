import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MetricsRegistry } from './registry';

/**
 * Process health: event-loop delay (p50/p99/max since the previous scrape), resident memory and
 * CPU time. Returns a function that stops the event-loop monitor.
 */
export function registerProcessMetrics(registry: MetricsRegistry): () => void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  registry.collected(
    'dienhong_eventloop_delay_seconds',
    'Event-loop delay since the previous scrape.',
    () => {
      const samples: [Record<string, string>, number][] = [
        [{ quantile: '0.5' }, delay.percentile(50) / 1e9],
        [{ quantile: '0.99' }, delay.percentile(99) / 1e9],
        [{ quantile: '1' }, delay.max / 1e9],
      ];
      delay.reset();
      return samples.map(([labels, value]) => [labels, Number.isFinite(value) ? value : 0]);
    },
  );
  registry.collected('process_resident_memory_bytes', 'Resident set size.', () =>
    process.memoryUsage.rss(),
  );
  registry.collected(
    'process_cpu_seconds_total',
    'User and system CPU time.',
    () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1e6;
    },
    'counter',
  );
  return () => delay.disable();
}
