/**
 * The shape of one HTTP route, shared by the server's edge (sync-server/http/route.ts decodes
 * and validates with it) and the renderer's one client (renderer/src/api/client.ts calls with
 * it). The routes themselves are listed in routes.ts; every type below is derived from there,
 * so a route whose two sides disagree is a compile error.
 */
import { ApiValidationError } from './meetings';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * What a request carries. JSON bodies are validated by `parse` (it throws ApiValidationError):
 * the server gets T, the client sends S (the same unless the server fills defaults).
 */
export type BodySpec<T, S = T> =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'json';
      readonly parse: (value: unknown) => T;
      readonly limit: number;
      /** Types what the client sends; never called. */
      readonly sent: ((request: S) => void) | null;
    }
  /** Raw bytes (blobs); the server applies its own size limit and content checks. */
  | { readonly kind: 'binary' };

/** What a success answers: JSON of type T (optionally checked by the client), bytes, or text. */
export type AnswerSpec<T> =
  | {
      readonly kind: 'json';
      /** Where the client must not trust the answer's shape (e.g. a session it keeps). */
      readonly check: ((value: unknown) => T | null) | null;
    }
  | { readonly kind: 'binary' }
  | { readonly kind: 'text' };

/** Validates one decoded path segment; throws ApiValidationError (a 400 with its code). */
export type ParamCheck = (value: string) => void;

export interface RouteSpec<
  Path extends string = string,
  Body = unknown,
  Answer = unknown,
  Sent = Body,
> {
  readonly method: HttpMethod;
  /** With `:name` segments, e.g. `/api/meetings/:id/members/:memberId`. */
  readonly path: Path;
  /** 'session': needs `Authorization: Bearer <token>` (checked before the body is read). */
  readonly auth: 'session' | 'public';
  /** The status of a success. */
  readonly status: number;
  readonly params: Partial<Record<PathParamNames<Path>, ParamCheck>>;
  readonly body: BodySpec<Body, Sent>;
  readonly answer: AnswerSpec<Answer>;
  /** Stable codes of the refusals this route can answer with (ApiErrorBody.error.code). */
  readonly errors: readonly string[];
}

/** `'/a/:id/b/:x'` → `'id' | 'x'`. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The answer types of a JSON route; a phantom for routes whose answer is not checked. */
export const json = <T>(check: ((value: unknown) => T | null) | null = null): AnswerSpec<T> => ({
  kind: 'json',
  check,
});
export const binaryAnswer: AnswerSpec<Uint8Array> = { kind: 'binary' };
export const textAnswer: AnswerSpec<string> = { kind: 'text' };

export const noBody: BodySpec<undefined> = { kind: 'none' };
export const binaryBody: BodySpec<Uint8Array> = { kind: 'binary' };
/** A JSON body of at most `limit` bytes (1 MiB unless said), validated by `parse`. */
export const jsonBody = <T, S = T>(
  parse: (value: unknown) => T,
  limit = 1024 * 1024,
): BodySpec<T, S> => ({ kind: 'json', parse, limit, sent: null });

/** One route of the map; `const` keeps the path literal so its params are typed. */
export function defineRoute<const Path extends string, Body, Answer, Sent = Body>(
  spec: RouteSpec<Path, Body, Answer, Sent>,
): RouteSpec<Path, Body, Answer, Sent> {
  return spec;
}

// ---------------------------------------------------------------- derived types

export type RouteParamsOf<R> = R extends { readonly path: infer P extends string }
  ? { [N in PathParamNames<P>]: string }
  : never;
/** What the server's handler gets: the validator's result (or bytes, or undefined). */
export type RouteInputOf<R> = R extends { readonly body: BodySpec<infer B, infer _S> } ? B : never;
/** What the client sends. */
export type RouteBodyOf<R> = R extends { readonly body: BodySpec<infer _B, infer S> } ? S : never;
export type RouteAnswerOf<R> = R extends { readonly answer: AnswerSpec<infer A> } ? A : never;

/** Fills `:name` segments, each percent-encoded. */
export function routePath(path: string, params: Readonly<Record<string, string>>): string {
  return path
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part;
      const value = params[part.slice(1)];
      if (value === undefined) throw new Error(`route ${path}: missing param ${part}`);
      return encodeURIComponent(value);
    })
    .join('/');
}

// ---------------------------------------------------------------- shared param checks

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A blob is named by its lower-case hex SHA-256. */
export const sha256Param: ParamCheck = (value) => {
  if (!SHA256_HEX.test(value))
    throw new ApiValidationError(
      'blob-bad-hash',
      'sha256',
      'A file is named by its lower-case SHA-256.',
    );
};
