import { describe, expect, it } from 'vitest';
import { ipv6Groups } from './ip';
import { isLoopbackHost, isWildcardHost } from './loopback';

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.10.3', true],
    ['localhost', true],
    ['LOCALHOST.', true],
    ['::1', true],
    ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true],
    ['0000::0001', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['128.0.0.1', false],
    ['127.0.0.256', false],
    ['127.0.0.1.evil.example', false],
    ['localhost.evil.example', false],
    ['::2', false],
    ['1::1', false],
    ['::ffff:127.0.0.1', false],
    ['phonghop.local', false],
    ['', false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('isWildcardHost', () => {
  it.each([
    ['0.0.0.0', true],
    ['::', true],
    ['[::]', true],
    ['127.0.0.1', false],
    ['10.0.0.5', false],
    ['::1', false],
  ])('%s → %s', (host, wildcard) => {
    expect(isWildcardHost(host)).toBe(wildcard);
  });
});

describe('ipv6Groups', () => {
  it.each([
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['fe80::1:2', [0xfe80, 0, 0, 0, 0, 0, 1, 2]],
    ['1:2:3:4:5:6:7:8', [1, 2, 3, 4, 5, 6, 7, 8]],
    ['::ffff:10.0.0.5', [0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0005]],
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['1:2:3', null],
    ['1::2::3', null],
    ['1:2:3:4:5:6:7:8:9', null],
    ['1:2:3:4::5:6:7:8', null],
    ['12345::', null],
    ['g::1', null],
    ['10.0.0.5', null],
  ])('%s → %j', (text, groups) => {
    expect(ipv6Groups(text)).toEqual(groups);
  });
});
