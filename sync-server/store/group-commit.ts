/**
 * Batches concurrent durable writes into one fsync'd LevelDB batch: every write still waits for
 * its own fsync, but a burst of N writes costs about one fsync instead of N.
 */

export interface BatchOp {
  type: 'put' | 'del';
  key: string;
  value?: Uint8Array;
}

interface Pending {
  ops: BatchOp[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly write: (ops: BatchOp[]) => Promise<void>) {}

  /** Resolves once `ops` are durable; all of them or none are written. */
  submit(ops: BatchOp[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ ops, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Resolves when everything submitted so far is written (or failed). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    // Let writes submitted in the same tick join the first batch.
    await Promise.resolve();
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.write(batch.flatMap((p) => p.ops));
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.flushing = null;
  }
}
