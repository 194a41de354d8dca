/**
 * HTTP requests of the speakers list (routes in routes-speakers.ts; rules in core/speakers).
 * The member asking or withdrawing always comes from the session; only the chair manages.
 *
 * | route | who | body → answer |
 * |---|---|---|
 * | `POST /api/meetings/:id/agenda/:itemId/floor/request` | a member who may speak (floor.request) | FloorAskRequest → FloorState |
 * | `POST /api/meetings/:id/agenda/:itemId/floor/withdraw` | that member | (no body) → FloorState |
 * | `POST /api/meetings/:id/agenda/:itemId/floor` | chair (floor.manage) | FloorManageRequest → FloorState |
 *
 * Refusals: the core's `floor-*` codes (409 for the state, 400 for a bad limit), 404
 * `agenda-item-not-found`, and the meeting state's (`meeting-not-opened`, `meeting-paused`,
 * `meeting-closed`).
 */
import { SPEECH_KINDS, type SpeechKind } from '../speakers/floor';
import { ApiValidationError } from './meetings';

export type { FloorState, FloorRequest, FloorTurn, SpeechKind } from '../speakers/floor';
export { SPEECH_KINDS } from '../speakers/floor';

export interface FloorAskRequest {
  kind: SpeechKind;
}

export type FloorManageRequest =
  | { action: 'give'; requestId: string | null }
  | { action: 'stop' }
  | { action: 'accept'; requestId: string }
  | { action: 'move'; requestId: string; index: number }
  | { action: 'remove'; requestId: string }
  | { action: 'limit'; limitSeconds: number; warnSeconds: number };

export const FLOOR_ACTIONS = ['give', 'stop', 'accept', 'move', 'remove', 'limit'] as const;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

const record = (body: unknown): Record<string, unknown> => {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiValidationError('invalid-field', 'body', 'The body must be a JSON object.');
  return body as Record<string, unknown>;
};

const only = (b: Record<string, unknown>, allowed: readonly string[]) => {
  for (const key of Object.keys(b))
    if (!allowed.includes(key))
      throw new ApiValidationError('unknown-field', key, `Unknown field "${key}".`);
};

const requestIdOf = (b: Record<string, unknown>): string => {
  if (typeof b.requestId !== 'string' || !ID.test(b.requestId))
    throw new ApiValidationError('invalid-field', 'requestId', 'requestId must be a request id.');
  return b.requestId;
};

const wholeSeconds = (b: Record<string, unknown>, field: string): number => {
  const v = b[field];
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw new ApiValidationError('invalid-field', field, `${field} must be whole seconds.`);
  return v;
};

export function parseFloorAsk(body: unknown): FloorAskRequest {
  const b = record(body);
  only(b, ['kind']);
  if (typeof b.kind !== 'string' || !(SPEECH_KINDS as readonly string[]).includes(b.kind))
    throw new ApiValidationError(
      'invalid-field',
      'kind',
      'kind must be speech, reply or point-of-order.',
    );
  return { kind: b.kind as SpeechKind };
}

export function parseFloorManage(body: unknown): FloorManageRequest {
  const b = record(body);
  switch (b.action) {
    case 'give':
      only(b, ['action', 'requestId']);
      return { action: 'give', requestId: b.requestId == null ? null : requestIdOf(b) };
    case 'stop':
      only(b, ['action']);
      return { action: 'stop' };
    case 'accept':
    case 'remove':
      only(b, ['action', 'requestId']);
      return { action: b.action, requestId: requestIdOf(b) };
    case 'move':
      only(b, ['action', 'requestId', 'index']);
      return { action: 'move', requestId: requestIdOf(b), index: wholeSeconds(b, 'index') };
    case 'limit':
      only(b, ['action', 'limitSeconds', 'warnSeconds']);
      return {
        action: 'limit',
        limitSeconds: wholeSeconds(b, 'limitSeconds'),
        warnSeconds: wholeSeconds(b, 'warnSeconds'),
      };
    default:
      throw new ApiValidationError(
        'invalid-field',
        'action',
        `action must be one of ${FLOOR_ACTIONS.join(', ')}.`,
      );
  }
}
