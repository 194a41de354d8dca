/**
 * Signature images and the seal through the real server and the admin CLI: PNG only, size
 * limits, who may upload and fetch, refusals keeping nothing, and the PNG fetched back is the
 * one uploaded (what a signer draws in its appearance).
 */
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignatureImageView } from '../../core/api/routes-seals';
import { decodePngImage } from '../../node-shared/images/png-image';
import { runAdmin } from '../../sync-server/admin/cli';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
const tokens: Record<string, string> = {};

function png(width: number, height: number, rgba: [number, number, number, number]): Uint8Array {
  const image = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) image.data.set(rgba, i * 4);
  return new Uint8Array(PNG.sync.write(image));
}

beforeAll(async () => {
  app = await startTestApp([
    { id: 'admin', name: 'Quản Trị Viên', isAdmin: true },
    { id: 'sy', name: 'Nguyễn Tiến Sỹ', role: 'secretary' },
    { id: 'an', name: 'Vũ Văn An', role: 'delegate' },
  ]);
  for (const id of ['admin', 'sy', 'an']) tokens[id] = await app.login(id);
});
afterAll(() => app.close());

const put = (path: string, who: string, body: Uint8Array, type = 'image/png') =>
  app.api(path, {
    method: 'PUT',
    token: tokens[who] ?? '',
    body: new Uint8Array(body),
    headers: { 'Content-Type': type },
  });
const codeOf = async (res: Response) =>
  [res.status, ((await res.json()) as { error: { code: string } }).error.code] as const;

describe('signature images over HTTP', () => {
  const path = '/api/members/sy/signature-image';
  const blue = png(200, 60, [20, 40, 180, 128]);

  it('refuse what is not a usable PNG, or not theirs, keeping nothing', async () => {
    expect(await codeOf(await put(path, 'sy', blue, 'image/jpeg'))).toEqual([
      415,
      'unsupported-type',
    ]);
    expect(await codeOf(await put(path, 'sy', new TextEncoder().encode('GIF89a…')))).toEqual([
      400,
      'image-not-png',
    ]);
    expect(await codeOf(await put(path, 'sy', blue.subarray(0, 50)))).toEqual([
      400,
      'image-invalid',
    ]);
    expect(await codeOf(await put(path, 'sy', png(4001, 1, [0, 0, 0, 255])))).toEqual([
      413,
      'image-too-large',
    ]);
    expect(await codeOf(await put(path, 'sy', new Uint8Array(2 * 1024 * 1024 + 1)))).toEqual([
      413,
      'body-too-large',
    ]);
    expect(await codeOf(await put(path, 'an', blue))).toEqual([403, 'forbidden']);
    expect(await codeOf(await put('/api/members/ghost/signature-image', 'admin', blue))).toEqual([
      404,
      'member-not-found',
    ]);
    expect(await codeOf(await app.api(path, { token: tokens.sy ?? '' }))).toEqual([
      404,
      'image-not-found',
    ]);
  });

  it('keep a member’s PNG, given back to the member and administrators only', async () => {
    const res = await put(path, 'sy', blue);
    expect(res.status).toBe(200);
    expect((await res.json()) as SignatureImageView).toEqual({
      width: 200,
      height: 60,
      bytes: blue.length,
    });
    for (const who of ['sy', 'admin']) {
      const got = await app.api(path, { token: tokens[who] ?? '' });
      expect(got.headers.get('content-type')).toBe('image/png');
      const bytes = new Uint8Array(await got.arrayBuffer());
      expect(bytes).toEqual(blue);
      expect(decodePngImage(bytes).alpha?.[0]).toBe(128);
    }
    expect(await codeOf(await app.api(path, { token: tokens.an ?? '' }))).toEqual([
      403,
      'forbidden',
    ]);
  });
});

describe('the seal', () => {
  const red = png(120, 120, [200, 20, 30, 255]);

  it('is set by administrators only and fetched by any member', async () => {
    expect(await codeOf(await put('/api/seal', 'sy', red))).toEqual([403, 'forbidden']);
    expect(await codeOf(await app.api('/api/seal', { token: tokens.an ?? '' }))).toEqual([
      404,
      'image-not-found',
    ]);
    expect((await put('/api/seal', 'admin', red)).status).toBe(200);
    const got = await app.api('/api/seal', { token: tokens.an ?? '' });
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(red);
  });
});

describe('the admin CLI', () => {
  it('sets a member’s signature image and the seal, and refuses a file that is not PNG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'images-cli-'));
    const file = join(dir, 'seal.png');
    const seal = png(90, 90, [190, 10, 20, 255]);
    writeFileSync(file, seal);
    writeFileSync(join(dir, 'not.png'), 'plain text');
    const run = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runAdmin(
        [...argv, '--data', app.dataDir],
        (l) => out.push(l),
        (l) => err.push(l),
      );
      return { code, out, err };
    };
    await app.restart({}, async () => {
      const set = await run('seal', 'set', '--png', file);
      expect(set.code).toBe(0);
      expect(JSON.parse(set.out[0] ?? '{}')).toEqual({
        seal: true,
        width: 90,
        height: 90,
        bytes: seal.length,
      });
      const mine = await run('member', 'signature-image', '--member', 'an', '--png', file);
      expect(mine.code).toBe(0);
      const bad = await run('seal', 'set', '--png', join(dir, 'not.png'));
      expect(bad.code).toBe(2);
      expect(bad.err.join('\n')).toContain('image-not-png');
      const ghost = await run('member', 'signature-image', '--member', 'ghost', '--png', file);
      expect(ghost.code).toBe(2);
    });
    const got = await app.api('/api/seal', { token: await app.login('an') });
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(seal);
  });
});
