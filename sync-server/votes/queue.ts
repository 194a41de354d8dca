/**
 * Serialises the actions on one key (one poll) and hands them to `process` in groups: while a
 * group is being written, newcomers wait and form the next group. Within a group `process`
 * applies actions one by one, in arrival order, so the outcome is exactly that of running them
 * one at a time — but a burst of ballots costs one durable write instead of one per ballot.
 */

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

export class GroupQueue<T, R> {
  private readonly waiting = new Map<string, Waiting<T, R>[]>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    /** Returns one outcome per item, in order; throwing fails the whole group. */
    private readonly process: (key: string, items: T[]) => Promise<Settled<R>[]>,
    private readonly maxGroup = 1000,
  ) {}

  submit(key: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const list = this.waiting.get(key) ?? [];
      list.push({ item, resolve, reject });
      this.waiting.set(key, list);
      if (!this.running.has(key)) this.running.set(key, this.drainKey(key));
    });
  }

  /** Resolves once everything submitted so far has been processed. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  private async drainKey(key: string): Promise<void> {
    // Let requests that arrive in the same tick join the first group.
    await Promise.resolve();
    for (;;) {
      const list = this.waiting.get(key) ?? [];
      if (list.length === 0) break;
      const group = list.splice(0, this.maxGroup);
      if (list.length === 0) this.waiting.delete(key);
      try {
        const outcomes = await this.process(
          key,
          group.map((w) => w.item),
        );
        group.forEach((w, i) => {
          const outcome = outcomes[i];
          if (outcome === undefined) w.reject(new Error('no outcome for a queued action'));
          else if (outcome.ok) w.resolve(outcome.value);
          else w.reject(outcome.error);
        });
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    this.running.delete(key);
  }
}
