/** The speakers list of each agenda item (one part of the route map, routes.ts). */
import type { FloorState } from '../speakers/floor';
import { defineRoute, json, jsonBody, noBody } from './http';
import { JSON_BODY, MEETING, MEETING_STATE, VALIDATION } from './route-errors';
import { parseFloorAsk, parseFloorManage } from './speakers';

const FLOOR_STATE = [
  'agenda-item-not-found',
  'floor-already-requested',
  'floor-already-speaking',
  'floor-request-not-found',
  'floor-queue-full',
  'floor-nobody-speaking',
  'floor-not-point-of-order',
  'floor-bad-limit',
] as const;

export const speakersRoutes = {
  askFloor: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/agenda/:itemId/floor/request',
    auth: 'session',
    status: 200,
    params: {},
    body: jsonBody(parseFloorAsk, 1024),
    answer: json<FloorState>(),
    errors: [...MEETING, ...JSON_BODY, ...VALIDATION, ...MEETING_STATE, ...FLOOR_STATE],
  }),
  withdrawFloor: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/agenda/:itemId/floor/withdraw',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<FloorState>(),
    errors: [...MEETING, ...FLOOR_STATE],
  }),
  manageFloor: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/agenda/:itemId/floor',
    auth: 'session',
    status: 200,
    params: {},
    body: jsonBody(parseFloorManage, 1024),
    answer: json<FloorState>(),
    errors: [...MEETING, ...JSON_BODY, ...VALIDATION, ...MEETING_STATE, ...FLOOR_STATE],
  }),
} as const;
