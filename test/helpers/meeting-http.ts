import { expect } from 'vitest';
import { MEETING_ID, type TestApp } from './app';

/**
 * JSON calls on one meeting's routes as a named member (`tokens` holds their sessions): GET
 * without a body, POST with one unless `method` says otherwise. `app` is read at call time, so
 * a test may create it in beforeAll.
 */
export function meetingHttp(
  app: () => TestApp,
  tokens: Readonly<Record<string, string>>,
  meetingId = MEETING_ID,
) {
  const base = `/api/meetings/${meetingId}`;
  return (
    who: string,
    path: string,
    body?: unknown,
    method = body === undefined ? 'GET' : 'POST',
  ) =>
    app().api(`${base}${path}`, {
      method,
      token: tokens[who] ?? '',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

/** The answer's body, after checking its status (the body is the failure message). */
export async function ok<T>(res: Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const body = (await r.json()) as T;
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body;
}

/** A refusal's status and stable code. */
export async function refused(res: Promise<Response>): Promise<[number, string]> {
  const r = await res;
  return [r.status, ((await r.json()) as { error: { code: string } }).error.code];
}
