import { describe, expect, it } from 'vitest';
import { CloseCode, closeMeaning, retryDelayMs, type CloseReason } from './close-codes';

describe('close codes', () => {
  const table: [number, CloseReason, 'never' | 'soon' | 'after', boolean][] = [
    [4401, 'session-ended', 'never', false],
    [4403, 'access-changed', 'never', true],
    [4413, 'quota-exceeded', 'after', true],
    [4429, 'slow-consumer', 'soon', false],
    [4409, 'too-many-connections', 'after', false],
    [4507, 'storage-full', 'after', true],
    [1008, 'too-many-messages', 'soon', false],
    [1009, 'too-big', 'after', true],
    [1011, 'server-error', 'soon', false],
    [1001, 'server-restarting', 'soon', false],
    [1002, 'refused-data', 'after', true],
    [1003, 'refused-data', 'after', true],
  ];
  it.each(table)('%i means %s, retry %s, writes refused %s', (code, reason, retry, refused) => {
    const m = closeMeaning(code);
    expect(m?.reason).toBe(reason);
    expect(m?.retry.kind).toBe(retry);
    expect(m?.final).toBe(retry === 'never');
    expect(m?.writesRefused).toBe(refused);
  });

  it('explains every code the server closes with', () => {
    for (const code of Object.values(CloseCode)) expect(closeMeaning(code)).not.toBeNull();
  });

  it('leaves closes the server did not decide to the usual reconnect', () => {
    for (const code of [1000, 1005, 1006, 4000, 4999, -1, Number.NaN])
      expect(closeMeaning(code)).toBeNull();
  });

  it('storage-full waits at least 30 s, quota longer; both double and stop at their cap', () => {
    const full = closeMeaning(4507)!.retry;
    const quota = closeMeaning(4413)!.retry;
    expect([1, 2, 3].map((n) => retryDelayMs(full, n))).toEqual([30_000, 60_000, 120_000]);
    expect(retryDelayMs(full, 50)).toBe(300_000);
    expect(retryDelayMs(quota, 1)).toBe(60_000);
    expect(retryDelayMs(quota, 1000)).toBe(600_000);
    expect(retryDelayMs(closeMeaning(4429)!.retry, 1)).toBeNull();
    expect(retryDelayMs(closeMeaning(4401)!.retry, 1)).toBeNull();
  });
});
