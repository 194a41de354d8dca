import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpMethod } from '../../core/api/http';
import { CodedError } from '../../core/errors/coded-error';
import type { MemberRecord } from '../identity/members';

/** An error a client caused: it gets this status, a stable code and a clear message. */
export class HttpError<Code extends string = string> extends CodedError<Code> {
  override name = 'HttpError';

  constructor(
    readonly status: number,
    code: Code,
    message: string,
  ) {
    super(code, message);
  }
}

/** The member a request acts for, resolved from its bearer token. */
export interface CallerSession {
  member: MemberRecord;
  token: string;
}

/** Resolves the caller or throws HttpError 401 (session-missing/-invalid/-expired). */
export type Authenticate = (req: IncomingMessage, url: URL) => Promise<CallerSession>;

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** Set before the handler runs on routes the route map marks `auth: 'session'`. */
  session: CallerSession | null;
}

export type Handler = (ctx: RequestContext) => Promise<void> | void;

/** A registered route; features make them with `route(key, handler)` (route.ts). */
export interface Route {
  method: HttpMethod;
  /** Path with `:name` segments, e.g. `/api/meetings/:id`. */
  path: string;
  auth: 'session' | 'public';
  handler: Handler;
}

/** The caller of a session route (the router resolved it before the handler ran). */
export function sessionOf(ctx: RequestContext): CallerSession {
  if (!ctx.session) throw new Error(`${ctx.url.pathname}: a session route ran without a session`);
  return ctx.session;
}

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { ...route, pattern: new RegExp(`^${source}$`), names };
}

/** A path segment as text; a malformed escape (`%zz`, a lone surrogate) is the client's error. */
function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'bad-path', 'The request path has a malformed percent-escape.');
  }
}

/**
 * Headers every API and blob response carries: never sniffed into something executable, and a
 * policy that runs nothing if a browser is made to render one as a page.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
};

export interface Router {
  /** Handles the request if a route matches; false when none does. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

/** `authenticate` is needed as soon as one route is a session route. */
export function createRouter(routes: readonly Route[], authenticate?: Authenticate): Router {
  const compiled = routes.map(compile);
  const needsSession = routes.find((r) => r.auth === 'session');
  if (needsSession && !authenticate)
    throw new Error(`${needsSession.path} needs a session, but no feature authenticates`);
  return {
    async handle(req, res, url) {
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      let pathMatched = false;
      for (const route of compiled) {
        const match = route.pattern.exec(url.pathname);
        if (!match) continue;
        pathMatched = true;
        if (route.method !== method) continue;
        const params: Record<string, string> = {};
        route.names.forEach((name, i) => {
          params[name] = decodeParam(match[i + 1] ?? '');
        });
        // Who calls is settled before anything is read from the request body.
        const session =
          route.auth === 'session' && authenticate ? await authenticate(req, url) : null;
        await route.handler({ req, res, url, params, session });
        return true;
      }
      if (pathMatched)
        throw new HttpError(405, 'method-not-allowed', `${req.method} is not allowed here`);
      return false;
    },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...API_SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { error: { code: error.code, message: error.message } });
}

/** Reads a body of at most `limit` bytes; a larger one is refused before it is buffered. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    throw new HttpError(413, 'body-too-large', `The request body exceeds ${limit} bytes.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit)
      throw new HttpError(413, 'body-too-large', `The request body exceeds ${limit} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage, limit = 1024 * 1024): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) {
    throw new HttpError(415, 'expected-json', 'The request body must be application/json.');
  }
  const body = await readBody(req, limit);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'malformed-json', 'The request body is not valid JSON.');
  }
}
