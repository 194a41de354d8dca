/** Minutes routes (one part of the route map, routes.ts). */
import { binaryAnswer, defineRoute, json, jsonBody, noBody } from './http';
import { parseMinutesSignatureRequest, type MinutesState } from './minutes';
import { JSON_BODY, MEETING, SIGNATURE_REFUSALS } from './route-errors';

export const minutesRoutes = {
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
  /** The PDF the current draft would finalize to, for the preview (nothing is stored). */
  previewMinutes: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id/minutes/preview',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: binaryAnswer,
    errors: [
      ...MEETING,
      'minutes-draft-invalid',
      'minutes-draft-too-large',
      'worker-crashed',
      'worker-out-of-memory',
      'worker-timeout',
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
