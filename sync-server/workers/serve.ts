import { parentPort } from 'node:worker_threads';
import type { ReadyMessage, ReplyMessage, TaskMessage } from './protocol';

/** An error a task raises on purpose: its code reaches the caller unchanged. */
export interface CodedError {
  code: string;
  message: string;
}

const isCoded = (error: unknown): error is CodedError =>
  error instanceof Error && typeof (error as { code?: unknown }).code === 'string';

/**
 * Runs `task` for every message from the pool (which sends one at a time). Call it after loading
 * what the tasks need, so that loading does not count against a task's time limit.
 */
export function serveTasks<Request, Result>(
  task: (request: Request) => Promise<{ result: Result; transfer?: ArrayBuffer[] }>,
): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs only inside a worker thread');
  port.on('message', (message: TaskMessage<Request>) => {
    void (async () => {
      let reply: ReplyMessage<Result>;
      let transfer: ArrayBuffer[] = [];
      try {
        const done = await task(message.request);
        reply = { id: message.id, ok: true, result: done.result };
        transfer = done.transfer ?? [];
      } catch (error) {
        reply = isCoded(error)
          ? { id: message.id, ok: false, code: error.code, message: error.message }
          : { id: message.id, ok: false, code: 'internal', message: String(error) };
      }
      port.postMessage(reply, transfer);
    })();
  });
  const ready: ReadyMessage = { ready: true };
  port.postMessage(ready);
}
