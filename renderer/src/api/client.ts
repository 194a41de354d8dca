/**
 * The renderer's one HTTP client: `call(key, { params, body, signal })` for every route of the
 * map (core/api/routes.ts), typed by it. One place adds the bearer token, one place turns a
 * refusal into an ApiError, and a 401 on a call that carried the session ends that session.
 */
import type { ApiErrorBody } from '../../../core/api/meetings';
import { routePath } from '../../../core/api/http';
import {
  routeAnswers,
  routes,
  type RouteAnswer,
  type RouteBody,
  type RouteKey,
  type RouteParams,
} from '../../../core/api/routes';
import { CodedError } from '../../../core/errors/coded-error';
import { sessionStore, type SessionStore } from '../session/session';

/** Failures on this side of the wire: no HTTP status goes with them. */
export type ClientErrorCode =
  /** The server could not be reached (or the connection broke). */
  | 'network'
  /** The server answered something that is not what the route map says. */
  | 'bad-response'
  /** Downloaded bytes do not hash to the name they were asked for. */
  | 'hash-mismatch'
  /** A file larger than the server accepts, refused before uploading. */
  | 'too-large';

/**
 * A refused or failed call. `status` is the HTTP status of a refusal (with the server's stable
 * code), or null for a failure on this side (a ClientErrorCode).
 */
export class ApiError extends CodedError {
  override name = 'ApiError';

  constructor(
    readonly status: number | null,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}

/** A failure with no HTTP status (network, bad answer, hash, size). */
export const clientError = (code: ClientErrorCode, message: string) =>
  new ApiError(null, code, message);

/** Routes that answer JSON (every route but blob bytes and /metrics). */
export type JsonRouteKey = {
  [K in RouteKey]: RouteAnswer<K> extends Uint8Array | string ? never : K;
}[RouteKey];

type NoParams<K extends RouteKey> = [keyof RouteParams<K>] extends [never] ? true : false;

export type CallOptions<K extends RouteKey> = {
  signal?: AbortSignal | undefined;
  /** The server's origin when it is not this page's (e.g. the sync server of a meeting). */
  origin?: string;
  /** Headers the route needs beyond auth and JSON (a blob's Content-Type). */
  headers?: Record<string, string>;
  cache?: RequestCache;
} & (NoParams<K> extends true ? { params?: undefined } : { params: RouteParams<K> }) &
  (RouteBody<K> extends undefined ? { body?: undefined } : { body: RouteBody<K> });

/** The options argument may be left out when the route needs neither params nor body. */
export type CallArgs<K extends RouteKey> =
  NoParams<K> extends true
    ? RouteBody<K> extends undefined
      ? [options?: CallOptions<K>]
      : [options: CallOptions<K>]
    : [options: CallOptions<K>];

export interface ApiClientOptions {
  fetch: typeof fetch;
  sessions: SessionStore;
}

async function refusal(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | null = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  const error = body?.error;
  const code = typeof error?.code === 'string' ? error.code : 'http';
  const message = typeof error?.message === 'string' ? error.message : res.statusText;
  return new ApiError(res.status, code, message);
}

export function createApiClient({ fetch, sessions }: ApiClientOptions) {
  /** Sends one call and returns the successful response (bytes and progress: api/blobs.ts). */
  async function send<K extends RouteKey>(key: K, ...[options]: CallArgs<K>): Promise<Response> {
    const spec = routes[key];
    const headers: Record<string, string> = { ...options?.headers };
    if (spec.answer.kind === 'json') headers.Accept = 'application/json';
    let body: BodyInit | undefined;
    const given: unknown = options?.body;
    if (spec.body.kind === 'json') {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(given);
    } else if (spec.body.kind === 'binary' && given instanceof Uint8Array) {
      body = given as Uint8Array<ArrayBuffer>;
    }
    const token = spec.auth === 'session' ? sessions.get().session?.token : undefined;
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    const params: Readonly<Record<string, string>> = options?.params ?? {};
    const url = `${options?.origin ?? ''}${routePath(spec.path, params)}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: spec.method,
        headers,
        body,
        signal: options?.signal,
        ...(options?.cache ? { cache: options.cache } : {}),
      });
    } catch (error) {
      if (options?.signal?.aborted) throw error;
      throw clientError('network', error instanceof Error ? error.message : String(error));
    }
    if (!res.ok) {
      // The server no longer knows this token (expired, revoked, restarted without it) — unless
      // the session changed meanwhile (this tab logged out and in again): that one stays.
      if (res.status === 401 && token !== undefined && sessions.get().session?.token === token)
        sessions.end('expired');
      throw await refusal(res);
    }
    return res;
  }

  /**
   * Calls JSON route `key`; resolves to its answer as the route map types it. The server's
   * handler for `key` is checked against the same map (sync-server/http/route.ts); answers the
   * client must not trust (the session it keeps) are checked by the map's `check` as well.
   * Blob bytes go through api/blobs.ts (progress, hash).
   */
  async function call<K extends JsonRouteKey>(
    key: K,
    ...args: CallArgs<K>
  ): Promise<RouteAnswer<K>> {
    const res = await send(key, ...args);
    let value: RouteAnswer<K>;
    try {
      value = await res.json();
    } catch (error) {
      // Aborted while the body streamed in: the caller gave up, so it gets the abort, never
      // an answer it would read fields from.
      if (args[0]?.signal?.aborted) throw error;
      throw clientError('bad-response', 'The server answered something that is not JSON.');
    }
    const answer = routeAnswers[key].answer;
    if (answer.kind !== 'json' || answer.check === null) return value;
    const checked = answer.check(value);
    if (checked === null)
      throw clientError('bad-response', 'The server answered something else than this route does.');
    return checked;
  }

  /** The session token calls carry now (a cache keyed by it knows when the session changed). */
  const token = (): string | undefined => sessions.get().session?.token;

  return { call, send, token };
}

export type ApiClient = ReturnType<typeof createApiClient>;

export const api: ApiClient = createApiClient({
  // Called through a function so the window's fetch is looked up when used (and tests may stub it).
  fetch: (...args) => globalThis.fetch(...args),
  sessions: sessionStore,
});

export const { call } = api;
