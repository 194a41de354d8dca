/**
 * Every HTTP route of the sync server, once: method, path, who may call, body (with its
 * validator), answer and the error codes it can give. The server registers its handlers by key
 * (sync-server/http/route.ts) and the renderer calls by key (renderer/src/api/client.ts), so
 * both sides are typed from this one table. Websockets (`/sync/…`) and the web client's static
 * files are not routes of this API.
 */
import type { LoginChallenge, LoginRequest } from '../identity/login';
import { parseLoginRequest } from '../identity/login';
import { parsePollDraft, type PollDraft, type PollOption } from '../votes/poll';
import type { AgendaDocument } from '../docs/control';
import { parseSession, type MeAnswer, type Session, type SyncTicket } from './auth';
import { parseAttachDocument, type BlobRecord } from './blobs';
import {
  binaryAnswer,
  binaryBody,
  defineRoute,
  json,
  jsonBody,
  noBody,
  sha256Param,
  textAnswer,
  type AnswerSpec,
  type RouteAnswerOf,
  type RouteBodyOf,
  type RouteInputOf,
  type RouteParamsOf,
} from './http';
import {
  parseAgendaItemDraft,
  parseMeetingDraft,
  parseMemberRoleRequest,
  type MeetingMemberView,
  type MeetingView,
  type MemberRemoved,
} from './meetings';
import { parseMinutesSignatureRequest, type MinutesState, type TrustResponse } from './minutes';
import { parseAssignPresenter, parsePresenterPosition, type PresenterView } from './presenter';
import {
  parseCastBallotRequest,
  parseCheckInRequest,
  type AttendanceView,
  type CastBallotResponse,
  type MyBallot,
  type PollResult,
  type PollView,
} from './votes';

/** `GET /healthz`: 200 while every check is ok or degraded, 503 (same shape) when one is down. */
export interface HealthAnswer {
  status: 'ok' | 'degraded' | 'down';
  version: string;
  uptimeSeconds: number;
  checks?: Record<string, { status: 'ok' | 'degraded' | 'down'; detail?: string }>;
}

/** A poll draft as a client sends it: options may be left out. */
export type PollDraftRequest = Omit<PollDraft, 'options'> & { options?: PollOption[] };

// Refusals every route of a kind can give, before its own.
const EDGE = ['bad-path', 'method-not-allowed', 'storage-full', 'storage-unavailable'] as const;
const JSON_BODY = ['expected-json', 'malformed-json', 'body-too-large'] as const;
const SESSION = [...EDGE, 'session-missing', 'session-invalid', 'session-expired'] as const;
const MEETING = [...SESSION, 'meeting-not-found', 'forbidden'] as const;
const VALIDATION = ['invalid-body', 'invalid-field', 'unknown-field'] as const;
const POLL = [...MEETING, 'poll-not-found'] as const;
/** core/votes/poll.ts parsePollDraft's refusals. */
const POLL_DRAFT = [
  'bad-draft',
  'unknown-field',
  'bad-title',
  'bad-agenda-item',
  'unknown-kind',
  'bad-options',
  'too-few-options',
  'too-many-options',
  'bad-option-id',
  'bad-option-label',
  'duplicate-option',
  'unknown-rule',
  'unknown-base',
  'bad-quorum',
  'bad-allow-change',
  'secret-change-not-allowed',
] as const;
const POLL_STATE = ['poll-not-draft', 'poll-not-open', 'poll-not-closed', 'poll-not-cancellable'];
const SECRET_BALLOTS = [
  'ballot-key-unavailable',
  'ballot-key-invalid',
  'poll-key-missing',
  'urn-corrupt',
  'ballot-key-mismatch',
] as const;
const PDF_REFUSALS = [
  'not-a-pdf',
  'pdf-truncated',
  'pdf-encrypted',
  'pdf-broken',
  'pdf-too-many-pages',
  'pdf-too-complex',
  'worker-crashed',
  'worker-out-of-memory',
  'worker-timeout',
] as const;
const SIGNATURE_REFUSALS = [
  'minutes-earlier-bytes-changed',
  'minutes-revision-changes-content',
  'minutes-signature-invalid',
  'minutes-signature-unsupported-algorithm',
  'minutes-certificate-refused',
] as const;

const pollLifecycle = <const P extends string>(path: P) =>
  defineRoute({
    method: 'POST',
    path,
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<PollView>(),
    errors: [...POLL, ...POLL_STATE, 'no-eligible-members', ...SECRET_BALLOTS],
  });

export const routes = {
  // ------------------------------------------------------------ server
  health: defineRoute({
    method: 'GET',
    path: '/healthz',
    auth: 'public',
    status: 200,
    params: {},
    body: noBody,
    answer: json<HealthAnswer>(),
    errors: EDGE,
  }),
  metrics: defineRoute({
    method: 'GET',
    path: '/metrics',
    auth: 'public',
    status: 200,
    params: {},
    body: noBody,
    answer: textAnswer,
    errors: EDGE,
  }),

  // ------------------------------------------------------------ identity
  challenge: defineRoute({
    method: 'GET',
    path: '/api/auth/challenge',
    auth: 'public',
    status: 200,
    params: {},
    body: noBody,
    answer: json<LoginChallenge>(),
    errors: EDGE,
  }),
  login: defineRoute({
    method: 'POST',
    path: '/api/auth/login',
    auth: 'public',
    status: 200,
    params: {},
    body: jsonBody<LoginRequest>(parseLoginRequest, 64 * 1024),
    // The client keeps this answer as its session: checked, not trusted.
    answer: json<Session>(parseSession),
    errors: [
      ...EDGE,
      ...JSON_BODY,
      'login-malformed',
      'rate-limited',
      'nonce-unknown',
      'login-bad-signature',
      'member-unknown',
      'cert-malformed',
      'cert-expired',
      'cert-not-yet-valid',
      'cert-untrusted',
      'cert-unsupported',
    ],
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/api/auth/logout',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<{ loggedOut: true }>(),
    errors: SESSION,
  }),
  me: defineRoute({
    method: 'GET',
    path: '/api/me',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<MeAnswer>(),
    errors: SESSION,
  }),
  syncTicket: defineRoute({
    method: 'POST',
    path: '/api/sync-ticket',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<SyncTicket>(),
    errors: SESSION,
  }),
  trust: defineRoute({
    method: 'GET',
    path: '/api/trust',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<TrustResponse>(),
    errors: SESSION,
  }),

  // ------------------------------------------------------------ meetings
  meetings: defineRoute({
    method: 'GET',
    path: '/api/meetings',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<MeetingView[]>(),
    errors: SESSION,
  }),
  createMeeting: defineRoute({
    method: 'POST',
    path: '/api/meetings',
    auth: 'session',
    status: 201,
    params: {},
    body: jsonBody(parseMeetingDraft),
    answer: json<MeetingView>(),
    errors: [...SESSION, ...JSON_BODY, ...VALIDATION, 'forbidden'],
  }),
  meeting: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<MeetingView>(),
    errors: MEETING,
  }),
  members: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id/members',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<MeetingMemberView[]>(),
    errors: MEETING,
  }),
  setMemberRole: defineRoute({
    method: 'PUT',
    path: '/api/meetings/:id/members/:memberId',
    auth: 'session',
    status: 200,
    params: {},
    body: jsonBody(parseMemberRoleRequest),
    answer: json<MeetingMemberView>(),
    errors: [...MEETING, ...JSON_BODY, 'invalid-field', 'member-not-found'],
  }),
  removeMember: defineRoute({
    method: 'DELETE',
    path: '/api/meetings/:id/members/:memberId',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<MemberRemoved>(),
    errors: [...MEETING, 'member-not-found'],
  }),
  addAgendaItem: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/agenda',
    auth: 'session',
    status: 201,
    params: {},
    body: jsonBody(parseAgendaItemDraft),
    answer: json<MeetingView>(),
    errors: [...MEETING, ...JSON_BODY, ...VALIDATION],
  }),

  // ------------------------------------------------------------ files
  putBlob: defineRoute({
    method: 'PUT',
    path: '/api/meetings/:id/blobs/:sha256',
    auth: 'session',
    status: 201,
    params: { sha256: sha256Param },
    body: binaryBody,
    answer: json<BlobRecord>(),
    errors: [
      ...MEETING,
      'blob-bad-hash',
      'blob-hash-mismatch',
      'blob-empty',
      'body-too-large',
      'unsupported-type',
      ...PDF_REFUSALS,
    ],
  }),
  getBlob: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id/blobs/:sha256',
    auth: 'session',
    status: 200,
    params: { sha256: sha256Param },
    body: noBody,
    answer: binaryAnswer,
    errors: [...MEETING, 'blob-bad-hash', 'blob-not-found'],
  }),
  attachDocument: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/agenda/:itemId/documents',
    auth: 'session',
    status: 201,
    params: {},
    body: jsonBody(parseAttachDocument),
    answer: json<AgendaDocument>(),
    errors: [
      ...MEETING,
      ...JSON_BODY,
      'invalid-field',
      'agenda-item-not-found',
      'blob-not-found',
      'not-a-pdf',
      'document-already-attached',
      ...PDF_REFUSALS,
    ],
  }),

  // ------------------------------------------------------------ attendance and votes
  attendance: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id/attendance',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<AttendanceView>(),
    errors: MEETING,
  }),
  checkIn: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/attendance',
    auth: 'session',
    status: 200,
    params: {},
    body: jsonBody(parseCheckInRequest, 4096),
    answer: json<AttendanceView>(),
    errors: [...MEETING, ...JSON_BODY, ...VALIDATION],
  }),
  polls: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id/polls',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<PollView[]>(),
    errors: MEETING,
  }),
  createPoll: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/polls',
    auth: 'session',
    status: 201,
    params: {},
    // Without options the server fills in the Assembly's defaults.
    body: jsonBody<PollDraft, PollDraftRequest>(parsePollDraft, 64 * 1024),
    answer: json<PollView>(),
    errors: [...MEETING, ...JSON_BODY, ...POLL_DRAFT, 'unknown-agenda-item'],
  }),
  poll: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id/polls/:pollId',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<PollView>(),
    errors: POLL,
  }),
  openPoll: pollLifecycle('/api/meetings/:id/polls/:pollId/open'),
  closePoll: pollLifecycle('/api/meetings/:id/polls/:pollId/close'),
  publishPoll: pollLifecycle('/api/meetings/:id/polls/:pollId/publish'),
  cancelPoll: pollLifecycle('/api/meetings/:id/polls/:pollId/cancel'),
  pollResult: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id/polls/:pollId/result',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<PollResult>(),
    errors: [...POLL, 'result-not-ready'],
  }),
  castBallot: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/polls/:pollId/ballots',
    auth: 'session',
    status: 200,
    params: {},
    body: jsonBody(parseCastBallotRequest, 4096),
    answer: json<CastBallotResponse>(),
    errors: [
      ...POLL,
      ...JSON_BODY,
      ...VALIDATION,
      'poll-not-open',
      'not-eligible',
      'already-voted',
      'unknown-option',
      ...SECRET_BALLOTS,
    ],
  }),
  myBallot: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id/polls/:pollId/my-ballot',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<MyBallot>(),
    errors: POLL,
  }),

  // ------------------------------------------------------------ follow mode
  presenter: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id/presenter',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<PresenterView>(),
    errors: MEETING,
  }),
  setPresenterPosition: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/presenter',
    auth: 'session',
    status: 200,
    params: {},
    body: jsonBody(parsePresenterPosition, 4096),
    answer: json<PresenterView>(),
    errors: [...MEETING, ...JSON_BODY, 'invalid-field', 'not-presenter'],
  }),
  stopPresenting: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/presenter/stop',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<PresenterView>(),
    errors: [...MEETING, 'not-presenter'],
  }),
  assignPresenter: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/presenter/assign',
    auth: 'session',
    status: 200,
    params: {},
    body: jsonBody(parseAssignPresenter, 4096),
    answer: json<PresenterView>(),
    errors: [...MEETING, ...JSON_BODY, 'invalid-field', 'member-not-found'],
  }),

  // ------------------------------------------------------------ minutes
  minutes: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id/minutes',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<MinutesState>(),
    errors: MEETING,
  }),
  finalizeMinutes: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/minutes/finalize',
    auth: 'session',
    status: 201,
    params: {},
    body: noBody,
    answer: json<MinutesState>(),
    errors: [
      ...MEETING,
      'minutes-not-draft',
      'minutes-draft-invalid',
      'minutes-draft-too-large',
      'worker-crashed',
      'worker-out-of-memory',
      'worker-timeout',
    ],
  }),
  signMinutes: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/minutes/signatures',
    auth: 'session',
    status: 200,
    params: {},
    body: jsonBody(parseMinutesSignatureRequest),
    answer: json<MinutesState>(),
    errors: [
      ...MEETING,
      ...JSON_BODY,
      'invalid-body',
      'invalid-field',
      'minutes-not-final',
      'minutes-wrong-order',
      'minutes-wrong-role',
      'minutes-blob-missing',
      'minutes-signer-mismatch',
      ...SIGNATURE_REFUSALS,
    ],
  }),
  reopenMinutes: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/minutes/reopen',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<MinutesState>(),
    errors: [...MEETING, 'minutes-not-final'],
  }),
} as const;

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
