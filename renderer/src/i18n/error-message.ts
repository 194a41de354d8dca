import type { TFunction } from 'i18next';
import { vi, type MessageKey } from './catalog';

/**
 * The features whose failures have their own messages, `<area>.error.<code>` in the
 * catalogues (`annot` for annotations, `docs` for agenda documents).
 */
export type ErrorArea =
  | 'annot'
  | 'attendance'
  | 'docs'
  | 'follow'
  | 'login'
  | 'meeting'
  | 'meetings'
  | 'minutes'
  | 'results'
  | 'speakers'
  | 'votes';

/** What each area says for a failure it has no message for. */
const FALLBACK: Record<ErrorArea, MessageKey> = {
  annot: 'error.unexpected',
  attendance: 'attendance.error.unexpected',
  docs: 'docs.error.other',
  follow: 'follow.error.generic',
  login: 'login.error.unexpected',
  meeting: 'meeting.error.unexpected',
  meetings: 'meetings.error.unexpected',
  minutes: 'minutes.error.generic',
  results: 'results.error.unexpected',
  speakers: 'speakers.error.unexpected',
  votes: 'votes.error.unexpected',
};

/**
 * The stable code of a failure: a CodedError's, an ApiError's (the server's), or a bridge
 * failure's `{ code, message }`. Anything else (a bug, a TypeError) has none.
 */
export function errorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, status } = error as { code?: unknown; status?: unknown };
  // A body past the server's limit reads the same whichever route refused it.
  if (status === 413) return 'too-large';
  return typeof code === 'string' && code !== '' ? code : null;
}

/** The catalogue key for a failure: the area's message for its code, else the area's generic one. */
export function errorMessageKey(error: unknown, area?: ErrorArea): MessageKey {
  const code = errorCode(error);
  if (area === undefined) return 'error.unexpected';
  const key = `${area}.error.${code ?? ''}`;
  return code !== null && Object.hasOwn(vi, key) ? (key as MessageKey) : FALLBACK[area];
}

/**
 * The text a person sees for a failure, in their language. Never the code, the server's
 * English message or a stack: those are for logs.
 */
export function errorMessage(t: TFunction, error: unknown, area?: ErrorArea): string {
  return t(errorMessageKey(error, area) as 'error.unexpected');
}
