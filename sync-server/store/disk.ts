import { statfs } from 'node:fs/promises';

/** Free bytes on the filesystem holding `dir` (statfs: blocks available to unprivileged users). */
export type FreeSpace = (dir: string) => Promise<number>;

export const statfsFreeSpace: FreeSpace = async (dir) => {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
};

/**
 * A free-space watermark for the data directory: below `minFreeBytes`, writes are refused with
 * `storage-full` before LevelDB runs out of room mid-write (which leaves it unusable until it
 * is reopened). Checked on a timer, so the write path reads a cached answer.
 */
export class DiskWatch {
  private low = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly dir: string,
    private readonly minFreeBytes: number,
    private readonly freeSpace: FreeSpace = statfsFreeSpace,
    intervalMs = 1000,
  ) {
    this.timer = setInterval(() => void this.refresh(), intervalMs);
    this.timer.unref();
  }

  /** True while the filesystem has less than the configured minimum free. */
  get full(): boolean {
    return this.low;
  }

  async refresh(): Promise<boolean> {
    try {
      this.low = (await this.freeSpace(this.dir)) < this.minFreeBytes;
    } catch {
      // A filesystem that cannot be asked is not reported as full; writes will tell.
      this.low = false;
    }
    return this.low;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Whether a storage error means the disk (or quota) is full. */
export function isNoSpace(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === 'ENOSPC' || code === 'EDQUOT') return true;
    if (typeof message === 'string' && /no space left|quota exceeded/i.test(message)) return true;
  }
  return false;
}
