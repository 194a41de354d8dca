/**
 * The renderer's side of the route map at compile time: `tsc` checks this file, and each
 * `@ts-expect-error` fails the type check if the call it marks ever compiles.
 */
import { describe, expect, it } from 'vitest';
import type { RouteAnswer } from '../../../core/api/routes';
import { SessionStore } from '../session/session';
import { createApiClient } from './client';

const client = createApiClient({
  fetch: async () => new Response('{}', { status: 200 }),
  sessions: new SessionStore(undefined),
});

describe('call(key, …) at compile time', () => {
  it('refuses a wrong body, missing params and routes that do not answer JSON', () => {
    const typed = async () => {
      // @ts-expect-error — a ballot names `optionId`
      await client.call('castBallot', { params: { id: 'h', pollId: 'p' }, body: { option: 'x' } });
      // @ts-expect-error — the ballot body is required
      await client.call('castBallot', { params: { id: 'h', pollId: 'p' } });
      // @ts-expect-error — the meeting id is required
      await client.call('members');
      // @ts-expect-error — `/api/meetings/:id/members` has no :pollId
      await client.call('members', { params: { id: 'h', pollId: 'p' } });
      // @ts-expect-error — a poll action takes no body
      await client.call('openPoll', { params: { id: 'h', pollId: 'p' }, body: { now: true } });
      // @ts-expect-error — blob bytes go through api/blobs.ts, not call()
      await client.call('getBlob', { params: { id: 'h', sha256: 'a' } });
      // The answer is the map's type: reading a field it lacks does not compile.
      const state: RouteAnswer<'minutes'> = await client.call('minutes', { params: { id: 'h' } });
      // @ts-expect-error — MinutesState has no `signed` field
      void state.signed;
    };
    expect(typeof typed).toBe('function');
  });
});
