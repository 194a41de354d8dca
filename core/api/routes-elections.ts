/** Election routes (one part of the route map, routes.ts; contract in elections.ts). */
import type { PublishedBallot } from '../elections/receipt';
import {
  parseCastElectionBallotRequest,
  parseConfirmRoundRequest,
  parseCreateElectionRequest,
  type CastElectionBallotResponse,
  type ElectionView,
} from './elections';
import { defineRoute, json, jsonBody, noBody, type ParamCheck } from './http';
import { ApiValidationError } from './meetings';
import { JSON_BODY, MEETING, MEETING_STATE, SECRET_BALLOTS, VALIDATION } from './route-errors';

const ELECTION = [...MEETING, 'election-not-found'] as const;
/** core/elections parseElection's refusals. */
const ELECTION_DEFINITION = [
  'bad-election',
  'bad-seats',
  'bad-candidates',
  'bad-candidate',
  'duplicate-candidate',
  'too-few-candidates',
  'bad-threshold',
  'unknown-tie-rule',
  'unknown-further-round-rule',
  'bad-round-limit',
  'bad-committee',
  'unknown-agenda-item',
] as const;
const ROUND_STATE = ['wrong-round', 'round-in-progress', 'election-published'] as const;

const roundParam: ParamCheck = (value) => {
  if (!/^[1-9][0-9]?$/.test(value))
    throw new ApiValidationError('bad-round', 'round', 'A round is a number from 1.');
};

export const electionsRoutes = {
  elections: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id/elections',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<ElectionView[]>(),
    errors: MEETING,
  }),
  createElection: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/elections',
    auth: 'session',
    status: 201,
    params: {},
    body: jsonBody(parseCreateElectionRequest, 256 * 1024),
    answer: json<ElectionView>(),
    errors: [...MEETING, ...JSON_BODY, ...VALIDATION, ...ELECTION_DEFINITION],
  }),
  election: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id/elections/:electionId',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<ElectionView>(),
    errors: ELECTION,
  }),
  openElectionRound: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/elections/:electionId/rounds',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<ElectionView>(),
    errors: [
      ...ELECTION,
      ...ROUND_STATE,
      ...MEETING_STATE,
      ...SECRET_BALLOTS,
      'election-complete',
      'no-voters',
    ],
  }),
  closeElectionRound: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/elections/:electionId/rounds/:round/close',
    auth: 'session',
    status: 200,
    params: { round: roundParam },
    body: noBody,
    answer: json<ElectionView>(),
    errors: [...ELECTION, ...ROUND_STATE, ...SECRET_BALLOTS, 'bad-round', 'round-not-open'],
  }),
  confirmElectionRound: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/elections/:electionId/rounds/:round/confirm',
    auth: 'session',
    status: 200,
    params: { round: roundParam },
    body: jsonBody(parseConfirmRoundRequest, 64 * 1024),
    answer: json<ElectionView>(),
    errors: [
      ...ELECTION,
      ...ROUND_STATE,
      ...JSON_BODY,
      ...VALIDATION,
      'bad-round',
      'round-not-counted',
      'tie-order-required',
      'bad-tie-order',
    ],
  }),
  publishElection: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/elections/:electionId/publish',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<ElectionView>(),
    errors: [...ELECTION, ...ROUND_STATE],
  }),
  castElectionBallot: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/elections/:electionId/rounds/:round/ballots',
    auth: 'session',
    status: 200,
    params: { round: roundParam },
    body: jsonBody(parseCastElectionBallotRequest, 16 * 1024),
    answer: json<CastElectionBallotResponse>(),
    errors: [
      ...ELECTION,
      ...JSON_BODY,
      ...VALIDATION,
      ...MEETING_STATE,
      ...SECRET_BALLOTS,
      'bad-round',
      'wrong-round',
      'round-not-open',
      'not-eligible',
      'already-voted',
      'bad-ballot',
      'unknown-candidate',
      'duplicate-choice',
      'bad-commitment',
      'duplicate-commitment',
    ],
  }),
  electionRoundBallots: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id/elections/:electionId/rounds/:round/ballots',
    auth: 'session',
    status: 200,
    params: { round: roundParam },
    body: noBody,
    answer: json<PublishedBallot[]>(),
    errors: [...ELECTION, 'bad-round', 'round-not-found', 'ballots-not-visible'],
  }),
} as const;
