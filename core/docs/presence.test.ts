import { describe, expect, it } from 'vitest';
import { PresenceError, readPresenceUser, stampPresence } from './presence';

const who = { memberId: 'dung', name: 'Lê Văn Dũng' };

describe('presence stamps', () => {
  it.each([
    ['{}', { user: who }],
    ['{"user":{"memberId":"nhung","name":"Chủ tọa"}}', { user: who }],
    [
      '{"user":{"name":"x","color":"#1f6f8b"},"follow":{"following":true}}',
      {
        user: { ...who, color: '#1f6f8b' },
        follow: { following: true },
      },
    ],
    ['{"user":{"color":"red; background:url(x)"}}', { user: who }],
    ['{"user":"chair"}', { user: who }],
  ])('stamps %s with the session’s member', (state, expected) => {
    expect(JSON.parse(stampPresence(state, who, 1024))).toEqual(expected);
  });

  it('passes a leaving client (null) unchanged', () => {
    expect(stampPresence('null', who, 1024)).toBe('null');
  });

  it.each(['[]', '"chair"', '42', 'true', '{', ''])('refuses %j as malformed', (state) => {
    expect(() => stampPresence(state, who, 1024)).toThrow(
      expect.objectContaining({ code: 'presence-malformed' }),
    );
  });

  it('refuses a state over the size limit before parsing it', () => {
    const error = (() => {
      try {
        stampPresence(`{"x":"${'a'.repeat(2000)}"}`, who, 1024);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(PresenceError);
    expect((error as PresenceError).code).toBe('presence-too-large');
  });

  it('reads only a well-formed stamp', () => {
    expect(readPresenceUser({ user: { memberId: 'a', name: 'B', color: '#000000' } })).toEqual({
      memberId: 'a',
      name: 'B',
      color: '#000000',
    });
    expect(readPresenceUser({ user: { name: 'B' } })).toBeNull();
    expect(readPresenceUser({ follow: { memberId: 'a', name: 'B' } })).toBeNull();
    expect(readPresenceUser(null)).toBeNull();
    expect(readPresenceUser({ user: { memberId: 'a', name: 'B', color: 'red' } })).toEqual({
      memberId: 'a',
      name: 'B',
    });
  });
});
