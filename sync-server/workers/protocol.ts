/** Messages between a WorkerPool and its worker threads (see pool.ts and serve.ts). */

export interface TaskMessage<Request> {
  id: number;
  request: Request;
}

/** Sent once when the worker has loaded what its tasks need; task time limits start after it. */
export interface ReadyMessage {
  ready: true;
}

export type ReplyMessage<Result> =
  | { id: number; ok: true; result: Result }
  /** A refusal the task raised on purpose carries its stable code; anything else is 'internal'. */
  | { id: number; ok: false; code: string; message: string };
