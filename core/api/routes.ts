/**
 * Every HTTP route of the sync server, once: method, path, who may call, body (with its
 * validator), answer and the error codes it can give. The server registers its handlers by key
 * (sync-server/http/route.ts) and the renderer calls by key (renderer/src/api/client.ts), so
 * both sides are typed from this one table. Websockets (`/sync/…`) and the web client's static
 * files are not routes of this API.
 */
import type { AnswerSpec, RouteAnswerOf, RouteBodyOf, RouteInputOf, RouteParamsOf } from './http';
import { adminRoutes } from './routes-admin';
import { agendaRoutes } from './routes-agenda';
import { documentsRoutes } from './routes-documents';
import { electionsRoutes } from './routes-elections';
import { identityRoutes } from './routes-identity';
import { lifecycleRoutes } from './routes-lifecycle';
import { meetingsRoutes } from './routes-meetings';
import { minutesRoutes } from './routes-minutes';
import { resultsRoutes } from './routes-results';
import { sealsRoutes } from './routes-seals';
import { speakersRoutes } from './routes-speakers';
import { votesRoutes } from './routes-votes';

export type { HealthAnswer } from './routes-identity';
export type { PollDraftRequest } from './routes-votes';

/** Each area's part of the map; add a new area here and in `routes` below. */
type Areas = [
  typeof identityRoutes,
  typeof meetingsRoutes,
  typeof votesRoutes,
  typeof minutesRoutes,
  typeof resultsRoutes,
  typeof lifecycleRoutes,
  typeof speakersRoutes,
  typeof agendaRoutes,
  typeof documentsRoutes,
  typeof sealsRoutes,
  typeof adminRoutes,
  typeof electionsRoutes,
];

export const routes = {
  ...identityRoutes,
  ...meetingsRoutes,
  ...votesRoutes,
  ...minutesRoutes,
  ...resultsRoutes,
  ...lifecycleRoutes,
  ...speakersRoutes,
  ...agendaRoutes,
  ...documentsRoutes,
  ...sealsRoutes,
  ...adminRoutes,
  ...electionsRoutes,
} as const;

/** Fails to compile if two areas name the same route (a spread would silently keep one). */
type KeysOf<T extends readonly object[]> = T extends readonly [
  infer Head,
  ...infer Rest extends readonly object[],
]
  ? keyof Head | KeysOf<Rest>
  : never;
type Overlap<T extends readonly object[]> = T extends readonly [
  infer Head,
  ...infer Rest extends readonly object[],
]
  ? (keyof Head & KeysOf<Rest>) | Overlap<Rest>
  : never;
/** And if an area is missing from `routes`. */
type Missing = Exclude<KeysOf<Areas>, keyof typeof routes>;
const _disjoint: [Overlap<Areas> | Missing] extends [never] ? true : never = true;
void _disjoint;

export type Routes = typeof routes;
export type RouteKey = keyof Routes;
/** The `:params` of a route's path, by name. */
export type RouteParams<K extends RouteKey> = RouteParamsOf<Routes[K]>;
/** The body a client sends: JSON, bytes (blobs) or undefined. */
export type RouteBody<K extends RouteKey> = RouteBodyOf<Routes[K]>;
/** The body a server handler gets: what the route's validator returned. */
export type RouteInput<K extends RouteKey> = RouteInputOf<Routes[K]>;
/** What a route answers on success: JSON of this type, bytes (blobs) or text (metrics). */
export type RouteAnswer<K extends RouteKey> = RouteAnswerOf<Routes[K]>;

/**
 * The map again, typed per key: generic code (the renderer's client) indexing it by a type
 * parameter K keeps `AnswerSpec<RouteAnswer<K>>` instead of the union of every route's.
 */
export const routeAnswers: {
  readonly [K in RouteKey]: { readonly answer: AnswerSpec<RouteAnswer<K>> };
} = routes;
