/**
 * The RFC 3161 client (core checks + the Node HTTP client) against a real OpenSSL responder:
 * a granted token checks out, and each way a TSA can fail gives its own code.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTimestampToken } from '../../core/signing/timestamp';
import { type HttpTsaOptions, createHttpTsa } from '../../node-shared/tsa/http-tsa';
import { nodeCryptoServices } from '../../sync-server/crypto/node-crypto';
import { type TestTsaServer, type TsaMode, startTsaServer } from '../../tools/harness/tsa-server';

let dir: string;
let tsa: TestTsaServer;
const imprint = new Uint8Array(createHash('sha256').update('biên bản họp').digest());

const client = (over: Partial<HttpTsaOptions> = {}) =>
  createHttpTsa({
    url: tsa.url,
    crypto: nodeCryptoServices,
    trustedCaPem: () => [tsa.caPem],
    timeoutMs: 2_000,
    ...over,
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dienhong-tsa-'));
  tsa = await startTsaServer({ dir });
});
afterAll(async () => {
  await tsa.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('RFC 3161 client against openssl ts -reply', () => {
  it('gets a token that checks out, and checks again from the data alone', async () => {
    tsa.mode = 'ok';
    const before = Date.now();
    const { token, checked } = await client().timestampChecked(imprint);
    expect(checked.tsaSubject).toMatch(/Diên Hồng test TSA/);
    expect(checked.policy).toBe('1.3.6.1.4.1.99999.1.1');
    expect(Math.abs(checked.genTime.getTime() - before)).toBeLessThan(60_000 * 5);
    const again = await checkTimestampToken(token, {
      crypto: nodeCryptoServices,
      trustedCaPem: [tsa.caPem],
      expected: { data: new TextEncoder().encode('biên bản họp') },
    });
    expect(again.serial).toBe(checked.serial);
  });

  it.each<[TsaMode, string]>([
    ['refuse', 'tsa-refused'],
    ['wrong-nonce', 'tsa-wrong-nonce'],
    ['wrong-imprint', 'tsa-wrong-imprint'],
    ['untrusted', 'tsa-untrusted'],
    ['close', 'tsa-unreachable'],
    ['hang', 'tsa-unreachable'],
  ])('mode %s gives %s', async (mode, code) => {
    tsa.mode = mode;
    await expect(client({ timeoutMs: 500 }).timestamp(imprint)).rejects.toMatchObject({ code });
    tsa.mode = 'ok';
  });

  it('a closed port is unreachable', async () => {
    await expect(
      client({ url: 'http://127.0.0.1:1/tsa' }).timestamp(imprint),
    ).rejects.toMatchObject({
      code: 'tsa-unreachable',
    });
  });

  it('a token whose stored data changed is the wrong imprint', async () => {
    tsa.mode = 'ok';
    const token = await client().timestamp(imprint);
    await expect(
      checkTimestampToken(token, {
        crypto: nodeCryptoServices,
        trustedCaPem: [tsa.caPem],
        expected: { data: new TextEncoder().encode('something else') },
      }),
    ).rejects.toMatchObject({ code: 'tsa-wrong-imprint' });
  });

  it('sends basic and bearer credentials', async () => {
    tsa.mode = 'ok';
    await client({ username: 'thu-ky', password: 'mật khẩu' }).timestamp(imprint);
    await client({ bearerToken: 'tok-123' }).timestamp(imprint);
    const seen = tsa.authorizations.slice(-2);
    expect(seen[0]).toBe(`Basic ${Buffer.from('thu-ky:mật khẩu').toString('base64')}`);
    expect(seen[1]).toBe('Bearer tok-123');
  });

  it('refuses an answer past the size limit', async () => {
    tsa.mode = 'ok';
    await expect(client({ maxResponseBytes: 100 }).timestamp(imprint)).rejects.toMatchObject({
      code: 'tsa-unreachable',
    });
  });
});
