/** Editing an existing agenda (one part of the route map, routes.ts). */
import { parseAgendaMove, parseAgendaRename } from './agenda';
import { defineRoute, json, jsonBody, noBody } from './http';
import type { MeetingView } from './meetings';
import { JSON_BODY, MEETING, VALIDATION } from './route-errors';

const AGENDA_EDIT = ['agenda-item-not-found', 'agenda-item-in-use'] as const;

export const agendaRoutes = {
  renameAgendaItem: defineRoute({
    method: 'PUT',
    path: '/api/meetings/:id/agenda/:itemId',
    auth: 'session',
    status: 200,
    params: {},
    body: jsonBody(parseAgendaRename, 4096),
    answer: json<MeetingView>(),
    errors: [...MEETING, ...JSON_BODY, ...VALIDATION, ...AGENDA_EDIT],
  }),
  moveAgendaItem: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/agenda/:itemId/move',
    auth: 'session',
    status: 200,
    params: {},
    body: jsonBody(parseAgendaMove, 1024),
    answer: json<MeetingView>(),
    errors: [...MEETING, ...JSON_BODY, ...VALIDATION, ...AGENDA_EDIT],
  }),
  removeAgendaItem: defineRoute({
    method: 'DELETE',
    path: '/api/meetings/:id/agenda/:itemId',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<MeetingView>(),
    errors: [...MEETING, ...AGENDA_EDIT],
  }),
} as const;
