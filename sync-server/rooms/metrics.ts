import type { MetricsRegistry } from '../metrics/registry';

/** What the rooms report; counters live in the registry when there is one. */
export interface SyncMetrics {
  updateReceived(): void;
  frameRefused(reason: string): void;
  upgradeRefused(code: string): void;
}

export function createSyncMetrics(
  registry: MetricsRegistry | undefined,
  gauges: { connections(): number; documents(): number },
): SyncMetrics {
  if (!registry) return { updateReceived() {}, frameRefused() {}, upgradeRefused() {} };
  registry.collected(
    'dienhong_sync_connections',
    'Open sync websocket connections.',
    gauges.connections,
  );
  registry.collected(
    'dienhong_sync_documents_loaded',
    'Documents loaded in memory.',
    gauges.documents,
  );
  const updates = registry.counter(
    'dienhong_sync_updates_received_total',
    'Document updates accepted from clients.',
  );
  const frames = registry.counter(
    'dienhong_sync_frames_refused_total',
    'Frames refused, by reason.',
  );
  const upgrades = registry.counter(
    'dienhong_sync_upgrades_refused_total',
    'Websocket upgrades refused, by code.',
  );
  return {
    updateReceived: () => updates.inc(),
    frameRefused: (reason) => frames.inc({ reason }),
    upgradeRefused: (code) => upgrades.inc({ code }),
  };
}
