/**
 * Websocket close codes of the sync server, and what each means to the member's client: one
 * table that the server closes with and the renderer explains and retries by. 44xx is the range
 * y-websocket treats as permanent by default; the client here decides by `retry` instead.
 */

export const CloseCode = {
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  policyViolation: 1008,
  tooBig: 1009,
  internalError: 1011,
  sessionEnded: 4401,
  readOnly: 4403,
  forbidden: 4403,
  tooManyConnections: 4409,
  quotaExceeded: 4413,
  slowConsumer: 4429,
  storageFull: 4507,
} as const;

export type CloseCodeNumber = (typeof CloseCode)[keyof typeof CloseCode];

/** Why the connection closed, as the member is told (an i18n key suffix in the renderer). */
export type CloseReason =
  | 'session-ended'
  | 'access-changed'
  | 'quota-exceeded'
  | 'storage-full'
  | 'slow-consumer'
  | 'too-many-connections'
  | 'too-many-messages'
  | 'too-big'
  | 'server-error'
  | 'server-restarting'
  | 'refused-data';

/**
 * When to connect again: `never` (reconnecting cannot help: the session or the right is gone),
 * `soon` (the provider's own short exponential backoff), or `after` a wait that doubles on each
 * consecutive refusal up to `maxDelayMs`, for refusals that a tight loop would only repeat.
 */
export type RetryPolicy =
  { kind: 'never' } | { kind: 'soon' } | { kind: 'after'; delayMs: number; maxDelayMs: number };

export interface CloseMeaning {
  reason: CloseReason;
  /** True when the client must not reconnect by itself. */
  final: boolean;
  retry: RetryPolicy;
  /**
   * True when the member's own edits were refused: they stay in the local copy (IndexedDB)
   * but do not reach the server until a later connection is accepted.
   */
  writesRefused: boolean;
}

const NEVER: RetryPolicy = { kind: 'never' };
const SOON: RetryPolicy = { kind: 'soon' };
/** Storage-full and oversize refusals: the operator has to act, so ask rarely. */
const SLOWLY: RetryPolicy = { kind: 'after', delayMs: 30_000, maxDelayMs: 5 * 60_000 };
/** A quota rarely changes during a meeting; reconnecting resends the refused edits. */
const RARELY: RetryPolicy = { kind: 'after', delayMs: 60_000, maxDelayMs: 10 * 60_000 };
/** Too many windows open: a slot frees when the member closes one, so look again before long. */
const SHORTLY: RetryPolicy = { kind: 'after', delayMs: 10_000, maxDelayMs: 60_000 };

const meaning = (
  reason: CloseReason,
  retry: RetryPolicy,
  writesRefused: boolean,
): CloseMeaning => ({
  reason,
  final: retry.kind === 'never',
  retry,
  writesRefused,
});

const TABLE: ReadonlyMap<number, CloseMeaning> = new Map([
  [CloseCode.goingAway, meaning('server-restarting', SOON, false)],
  [CloseCode.protocolError, meaning('refused-data', SLOWLY, true)],
  [CloseCode.unsupportedData, meaning('refused-data', SLOWLY, true)],
  [CloseCode.policyViolation, meaning('too-many-messages', SOON, false)],
  [CloseCode.tooBig, meaning('too-big', SLOWLY, true)],
  [CloseCode.internalError, meaning('server-error', SOON, false)],
  [CloseCode.sessionEnded, meaning('session-ended', NEVER, false)],
  [CloseCode.forbidden, meaning('access-changed', NEVER, true)],
  [CloseCode.quotaExceeded, meaning('quota-exceeded', RARELY, true)],
  [CloseCode.slowConsumer, meaning('slow-consumer', SOON, false)],
  [CloseCode.tooManyConnections, meaning('too-many-connections', SHORTLY, false)],
  [CloseCode.storageFull, meaning('storage-full', SLOWLY, true)],
]);

/**
 * What a close code means, or null for closes the server did not decide (1000, 1005, 1006: the
 * network or a local close), which reconnect as usual and need no explanation.
 */
export function closeMeaning(code: number): CloseMeaning | null {
  return TABLE.get(code) ?? null;
}

/** The wait before connection attempt `attempt` (1 for the first after a refusal) under `retry`. */
export function retryDelayMs(retry: RetryPolicy, attempt: number): number | null {
  if (retry.kind !== 'after') return null;
  const doublings = Math.max(0, Math.min(attempt - 1, 30));
  return Math.min(retry.delayMs * 2 ** doublings, retry.maxDelayMs);
}
