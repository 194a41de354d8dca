import type { MinutesData, MinutesFonts } from '../../core/minutes';
import { HttpError } from '../http/router';
import { WorkerPool, WorkerTaskError, type WorkerLimits } from '../workers/pool';
import type { RenderRequest } from './render.worker';

export const DEFAULT_MINUTES_RENDER_LIMITS: WorkerLimits = {
  timeoutMs: 60_000,
  maxHeapMb: 512,
  size: 1,
  idleMs: 30_000,
};

/**
 * Renders the minutes PDF in a worker thread with a time and heap limit: laying out a long
 * draft with pdf-lib is seconds of CPU that must not stall the other members' requests.
 * Refusals are HTTP errors: 422 `minutes-draft-invalid` (bad data), 422 `minutes-too-complex`
 * (over a limit; the worker is terminated).
 */
export class MinutesRenderer {
  private readonly pool: WorkerPool<RenderRequest, Uint8Array>;

  constructor(limits: WorkerLimits = DEFAULT_MINUTES_RENDER_LIMITS) {
    this.pool = new WorkerPool(new URL('./render.worker.ts', import.meta.url), limits);
  }

  async render(data: MinutesData, fonts: MinutesFonts): Promise<Uint8Array> {
    try {
      return await this.pool.run({ data, fonts });
    } catch (error) {
      if (!(error instanceof WorkerTaskError)) throw error;
      if (error.code === 'minutes-draft-invalid')
        throw new HttpError(422, error.code, error.message);
      if (error.code === 'closed') throw new HttpError(503, 'shutting-down', error.message);
      if (error.code === 'internal') throw new Error(`minutes rendering failed: ${error.message}`);
      throw new HttpError(
        422,
        'minutes-too-complex',
        'The minutes are too long or complex to render; shorten the draft and retry.',
      );
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
