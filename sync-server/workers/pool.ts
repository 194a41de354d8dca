/**
 * CPU- and memory-heavy work (opening untrusted PDFs with pdf.js, rendering the minutes) runs in
 * worker threads, so one delegate's pathological file cannot stall every other request. A task
 * that runs past its time or memory limit has its worker terminated and fails with a coded
 * error; workers start on first use and are terminated when idle, which gives their memory
 * (pdf.js alone lifts RSS by hundreds of MB) back to the system.
 */
import { Worker } from 'node:worker_threads';
import type { ReadyMessage, ReplyMessage, TaskMessage } from './protocol';
import { CodedError } from '../../core/errors/coded-error';

export interface WorkerLimits {
  /** Wall-clock time one task may take. */
  timeoutMs: number;
  /** V8 heap limit of each worker (old generation), in MB. */
  maxHeapMb: number;
  /** Workers running at once; tasks beyond wait in order. */
  size: number;
  /** A worker with nothing to do for this long is terminated. */
  idleMs: number;
}

export type WorkerFailure = 'worker-timeout' | 'worker-out-of-memory' | 'worker-crashed' | 'closed';

/** The task failed: over a limit, the worker died, or the task itself refused (its own code). */
export class WorkerTaskError extends CodedError<WorkerFailure | string> {
  override readonly name = 'WorkerTaskError';
}

interface Job<Request, Result> {
  request: Request;
  transfer: ArrayBuffer[];
  resolve(result: Result): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  /** False until the worker has loaded its entry (see serveTasks). */
  ready: boolean;
  busy: boolean;
  idleTimer: NodeJS.Timeout | null;
}

const BOOT = new URL('./boot.mjs', import.meta.url);

export class WorkerPool<Request, Result> {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job<Request, Result>[] = [];
  private nextId = 1;
  private closed = false;

  /** `entry` is a module that calls serveTasks (serve.ts). */
  constructor(
    private readonly entry: URL,
    private readonly limits: WorkerLimits,
  ) {}

  /** Workers alive now (for tests and metrics). */
  get workers(): number {
    return this.slots.size;
  }

  run(request: Request, transfer: ArrayBuffer[] = []): Promise<Result> {
    if (this.closed)
      return Promise.reject(new WorkerTaskError('closed', 'The server is stopping.'));
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, transfer, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0))
      job.reject(new WorkerTaskError('closed', 'The server is stopping.'));
    await Promise.all([...this.slots].map((slot) => this.retire(slot)));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = [...this.slots].find((s) => s.ready && !s.busy);
      if (!slot) {
        if (this.slots.size < this.limits.size) this.spawn();
        return;
      }
      this.start(slot, this.queue.shift() as Job<Request, Result>);
    }
  }

  private spawn(): void {
    const worker = new Worker(BOOT, {
      workerData: { entry: this.entry.href },
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxHeapMb },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const slot: Slot = { worker, ready: false, busy: false, idleTimer: null };
    const onReady = (message: Partial<ReadyMessage>): void => {
      if (message.ready !== true) return;
      worker.off('message', onReady);
      slot.ready = true;
      this.pump();
    };
    worker.on('message', onReady);
    // A worker that dies between tasks must not take the server with it (an unheard 'error').
    worker.on('error', () => {});
    worker.on('exit', () => {
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      this.slots.delete(slot);
      // A worker that cannot even start would leave the queue waiting for ever.
      if (!slot.ready)
        for (const job of this.queue.splice(0))
          job.reject(new WorkerTaskError('worker-crashed', 'The worker could not start.'));
    });
    this.slots.add(slot);
  }

  private start(slot: Slot, job: Job<Request, Result>): void {
    slot.busy = true;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    const id = this.nextId++;
    const { worker } = slot;
    let settled = false;
    const finish = (outcome: () => void, keep: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      outcome();
      if (keep) this.release(slot);
      else void this.retire(slot);
      this.pump();
    };
    const onMessage = (reply: ReplyMessage<Result>): void => {
      if (reply.id !== id) return;
      finish(
        () =>
          reply.ok
            ? job.resolve(reply.result)
            : job.reject(new WorkerTaskError(reply.code, reply.message)),
        true,
      );
    };
    const onError = (error: Error & { code?: string }): void => {
      const oom = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish(
        () =>
          job.reject(
            oom
              ? new WorkerTaskError('worker-out-of-memory', 'The task needed too much memory.')
              : new WorkerTaskError('worker-crashed', `The worker failed: ${error.message}`),
          ),
        false,
      );
    };
    const onExit = (): void =>
      finish(() => job.reject(new WorkerTaskError('worker-crashed', 'The worker exited.')), false);
    const timer = setTimeout(
      () =>
        finish(
          () => job.reject(new WorkerTaskError('worker-timeout', 'The task took too long.')),
          false,
        ),
      this.limits.timeoutMs,
    );
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    const message: TaskMessage<Request> = { id, request: job.request };
    try {
      worker.postMessage(message, job.transfer);
    } catch (error) {
      finish(() => job.reject(error), false);
    }
  }

  private release(slot: Slot): void {
    slot.busy = false;
    slot.idleTimer = setTimeout(() => void this.retire(slot), this.limits.idleMs);
    slot.idleTimer.unref();
  }

  private async retire(slot: Slot): Promise<void> {
    if (!this.slots.delete(slot)) return;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    await slot.worker.terminate();
  }
}
