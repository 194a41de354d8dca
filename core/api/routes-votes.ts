/** Attendance and poll routes (one part of the route map, routes.ts). */
import { parsePollDraft, type PollDraft, type PollOption } from '../votes/poll';
import { defineRoute, json, jsonBody, noBody } from './http';
import {
  parseCastBallotRequest,
  parseCheckInRequest,
  type AttendanceView,
  type CastBallotResponse,
  type MyBallot,
  type PollResult,
  type PollView,
} from './votes';
import {
  JSON_BODY,
  MEETING,
  MEETING_STATE,
  VALIDATION,
  POLL,
  POLL_DRAFT,
  POLL_STATE,
  SECRET_BALLOTS,
} from './route-errors';

/** A poll draft as a client sends it: options may be left out. */
export type PollDraftRequest = Omit<PollDraft, 'options'> & { options?: PollOption[] };

const pollLifecycle = <const P extends string>(path: P) =>
  defineRoute({
    method: 'POST',
    path,
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<PollView>(),
    errors: [...POLL, ...POLL_STATE, ...MEETING_STATE, 'no-eligible-members', ...SECRET_BALLOTS],
  });

export const votesRoutes = {
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
    errors: [...MEETING, ...JSON_BODY, ...VALIDATION, ...MEETING_STATE],
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
      ...MEETING_STATE,
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
} as const;
