/** The meeting lifecycle and the chair's attendance controls (one part of the route map, routes.ts). */
import type { MeetingLifecycleState } from '../meeting/lifecycle';
import { parseAdmit, parseAttendanceMark, parseCurrentItem, parseLifecycleStep } from './lifecycle';
import { defineRoute, json, jsonBody } from './http';
import { JSON_BODY, MEETING, MEETING_STATE, POLL, VALIDATION } from './route-errors';
import type { AttendanceView, PollView } from './votes';

export const lifecycleRoutes = {
  stepMeeting: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/lifecycle',
    auth: 'session',
    status: 200,
    params: {},
    body: jsonBody(parseLifecycleStep, 1024),
    answer: json<MeetingLifecycleState>(),
    errors: [
      ...MEETING,
      ...JSON_BODY,
      ...VALIDATION,
      'meeting-transition-refused',
      'meeting-poll-open',
    ],
  }),
  setCurrentItem: defineRoute({
    method: 'PUT',
    path: '/api/meetings/:id/current-item',
    auth: 'session',
    status: 200,
    params: {},
    body: jsonBody(parseCurrentItem, 1024),
    answer: json<MeetingLifecycleState>(),
    errors: [...MEETING, ...JSON_BODY, ...VALIDATION, ...MEETING_STATE, 'agenda-item-not-found'],
  }),
  markAttendance: defineRoute({
    method: 'PUT',
    path: '/api/meetings/:id/attendance/:memberId',
    auth: 'session',
    status: 200,
    params: {},
    body: jsonBody(parseAttendanceMark, 4096),
    answer: json<AttendanceView>(),
    errors: [
      ...MEETING,
      ...JSON_BODY,
      ...VALIDATION,
      ...MEETING_STATE,
      'member-not-found',
      'attendance-reason-required',
      'attendance-reason-too-long',
    ],
  }),
  admitToPoll: defineRoute({
    method: 'POST',
    path: '/api/meetings/:id/polls/:pollId/admit',
    auth: 'session',
    status: 200,
    params: {},
    body: jsonBody(parseAdmit, 1024),
    answer: json<PollView>(),
    errors: [
      ...POLL,
      ...JSON_BODY,
      ...VALIDATION,
      ...MEETING_STATE,
      'member-not-found',
      'poll-not-open',
      'already-eligible',
      'not-present',
      'not-a-voter',
    ],
  }),
} as const;
