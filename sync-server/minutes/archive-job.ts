/**
 * The server's scheduled B-LTA renewal (`--archive-timestamp-days N`): once a day, and once
 * soon after start, one pass of archive-renewal.ts over every meeting's signed minutes. Passes
 * never overlap (a slow TSA cannot pile them up), a pass that throws is logged and the next
 * one runs as planned, and stop() waits for the pass in flight so the store closes after it.
 */
import type { Logger } from '../log';
import {
  type ArchiveRenewalDeps,
  type RenewalReport,
  renewArchivedMinutes,
} from './archive-renewal';

export const ARCHIVE_JOB_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface ArchiveJobOptions {
  readonly renewal: ArchiveRenewalDeps;
  readonly logger: Logger;
  /** Between passes; default a day. */
  readonly intervalMs?: number;
  /** Before the first pass; default a minute, so start-up is not slowed by a TSA. */
  readonly firstDelayMs?: number;
}

export interface ArchiveJob {
  /** Runs a pass now (or waits for the one in flight) and answers what it did. */
  runNow(): Promise<RenewalReport[]>;
  stop(): Promise<void>;
}

export function startArchiveJob(options: ArchiveJobOptions): ArchiveJob {
  const { logger } = options;
  let inFlight: Promise<RenewalReport[]> | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function pass(): Promise<RenewalReport[]> {
    if (inFlight) return inFlight;
    inFlight = (async () => {
      try {
        const reports = await renewArchivedMinutes(options.renewal);
        for (const r of reports)
          if (r.result !== 'not-due')
            logger.log(r.result === 'renewed' ? 'info' : 'warn', 'minutes.archive-timestamp', {
              meetingId: r.meetingId,
              result: r.result,
              verifiableUntil: r.verifiableUntil ?? '',
              ...(r.reason ? { reason: r.reason } : {}),
            });
        return reports;
      } catch (error) {
        logger.log('error', 'minutes.archive-timestamp.failed', { error: String(error) });
        return [];
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void pass().finally(() => schedule(options.intervalMs ?? ARCHIVE_JOB_INTERVAL_MS));
    }, delay);
    timer.unref?.();
  }
  schedule(options.firstDelayMs ?? 60_000);

  return {
    runNow: pass,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (inFlight) await inFlight;
    },
  };
}
