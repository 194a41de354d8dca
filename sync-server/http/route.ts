/**
 * The server's edge of the route map (core/api/routes.ts): `route(key, handler)` takes method,
 * path and auth from the map, and before the handler runs: the session (router), the route's
 * guard if any (who may: 404/403), the path params' checks, then the body, decoded and
 * validated (400 with the validator's stable code, nothing changed). The handler
 * returns the route's answer type — the wrong shape does not compile — and it is sent as JSON
 * with the map's status. Byte routes (blobs) and text routes (metrics) write their own answer.
 */
import type { IncomingMessage } from 'node:http';
import {
  routes,
  type RouteAnswer,
  type RouteInput,
  type RouteKey,
  type RouteParams,
} from '../../core/api/routes';
import { HttpError, readBody, readJson, sendJson, type RequestContext, type Route } from './router';

/** An answer with a status other than the map's (e.g. `/healthz` down: 503, same shape). */
export class Reply<T> {
  constructor(
    readonly status: number,
    readonly body: T,
  ) {}
}

/** Bytes are read by the handler, which knows its limit and checks the content type first. */
export type ReadBytes = (limit: number) => Promise<Uint8Array>;

type ServerBody<K extends RouteKey> = RouteInput<K> extends Uint8Array ? ReadBytes : RouteInput<K>;

/** JSON routes return their answer; byte and text routes write the response themselves. */
export type RouteResult<K extends RouteKey> =
  RouteAnswer<K> extends Uint8Array | string ? void : RouteAnswer<K> | Reply<RouteAnswer<K>>;

/** What a guard sees: the caller and the params (decoded, not yet checked), not the body. */
export interface GuardContext<K extends RouteKey> extends Omit<RequestContext, 'params'> {
  params: RouteParams<K>;
}

export interface RouteContext<K extends RouteKey, G = undefined> extends GuardContext<K> {
  body: ServerBody<K>;
  /** What the route's guard returned (e.g. the meeting caller). */
  guard: G;
}

export type RouteHandler<K extends RouteKey, G = undefined> = (
  ctx: RouteContext<K, G>,
) => Promise<RouteResult<K>> | RouteResult<K>;

/**
 * Runs before the body is read: who may call this (404 / 403) is answered before whether the
 * body is well-formed (400), and a refused caller's body is never buffered.
 */
export type RouteGuard<K extends RouteKey, G> = (ctx: GuardContext<K>) => Promise<G> | G;

export interface GuardedRoute<K extends RouteKey, G> {
  guard: RouteGuard<K, G>;
  handler: RouteHandler<K, G>;
}

/** An error a pure validator throws: it carries a stable code (ApiValidationError, VoteError…). */
function validationCode(error: unknown): string | null {
  if (!(error instanceof Error) || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

function refused(error: unknown): never {
  const code = validationCode(error);
  if (code === null || error instanceof HttpError) throw error;
  throw new HttpError(400, code, (error as Error).message);
}

async function decodeBody(key: RouteKey, req: IncomingMessage): Promise<unknown> {
  const spec = routes[key].body;
  if (spec.kind === 'none') return undefined;
  if (spec.kind === 'binary')
    return (async (limit: number) => new Uint8Array(await readBody(req, limit))) as ReadBytes;
  const raw = await readJson(req, spec.limit);
  try {
    return spec.parse(raw);
  } catch (error) {
    return refused(error);
  }
}

function checkParams(key: RouteKey, params: Readonly<Record<string, string>>): void {
  const checks: Readonly<Record<string, ((value: string) => void) | undefined>> =
    routes[key].params;
  for (const [name, check] of Object.entries(checks)) {
    try {
      check?.(params[name] ?? '');
    } catch (error) {
      refused(error);
    }
  }
}

/** Registers the handler of route `key` of the map, optionally behind a guard. */
export function route<K extends RouteKey>(key: K, handler: RouteHandler<K>): Route;
export function route<K extends RouteKey, G>(key: K, guarded: GuardedRoute<K, G>): Route;
export function route<K extends RouteKey, G>(
  key: K,
  given: RouteHandler<K, G> | GuardedRoute<K, G>,
): Route {
  const spec = routes[key];
  const { guard, handler } = typeof given === 'function' ? { guard: null, handler: given } : given;
  return {
    method: spec.method,
    path: spec.path,
    auth: spec.auth,
    handler: async (ctx) => {
      // The map says which params the path has; the router filled exactly those.
      const guardCtx = ctx as GuardContext<K>;
      const guarded = guard ? await guard(guardCtx) : undefined;
      checkParams(key, ctx.params);
      const body = await decodeBody(key, ctx.req);
      const typed = { ...guardCtx, body, guard: guarded } as RouteContext<K, G>;
      const result: unknown = await handler(typed);
      if (spec.answer.kind !== 'json') return;
      if (result instanceof Reply) sendJson(ctx.res, result.status, result.body);
      else sendJson(ctx.res, spec.status, result);
    },
  };
}
