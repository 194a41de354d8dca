import { describe, expect, it } from 'vitest';
import { formatDocName, parseDocName, privateDocName } from './names';

describe('document names', () => {
  it.each([
    ['meeting/m1/control', { kind: 'control', meetingId: 'm1' }],
    ['meeting/A_b-9/shared', { kind: 'shared', meetingId: 'A_b-9' }],
    ['meeting/m1/private/u-7', { kind: 'private', meetingId: 'm1', memberId: 'u-7' }],
  ])('parses %s and formats it back', (name, parsed) => {
    expect(parseDocName(name)).toEqual(parsed);
    expect(formatDocName(parseDocName(name)!)).toBe(name);
  });

  it.each([
    '',
    'meeting/m1',
    'meeting//control',
    'meeting/m1/control/',
    '/meeting/m1/control',
    'meeting/m1/private',
    'meeting/m1/private/',
    'meeting/m1/private/a/b',
    'meeting/m 1/shared',
    'meeting/m1/other',
    'meeting/Nguyễn/shared',
    'meeting/m1/shared?x=1',
    `meeting/${'a'.repeat(65)}/control`,
    'meeting/../control',
  ])('refuses %j', (name) => {
    expect(parseDocName(name)).toBeNull();
  });

  it('accepts 64-character ids and refuses to format bad ones', () => {
    expect(parseDocName(`meeting/${'a'.repeat(64)}/control`)).not.toBeNull();
    expect(() => privateDocName('m1', 'a/b')).toThrow(RangeError);
  });
});
