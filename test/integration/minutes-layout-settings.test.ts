/**
 * The minutes' "Nơi nhận" list and signers' authority, set through the real server and the admin
 * CLI, and printed in the finalized minutes: refusals change nothing, clearing leaves no block.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MinutesLayoutSettings } from '../../core/api/minutes-layout';
import { runAdmin } from '../../sync-server/admin/cli';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { pdftotext } from '../helpers/pdf-judges';

let app: TestApp;
const tokens: Record<string, string> = {};
const path = `/api/meetings/${MEETING_ID}/minutes-layout`;

beforeAll(async () => {
  app = await startTestApp([
    { id: 'admin', name: 'Quản Trị Viên', isAdmin: true },
    { id: 'sy', name: 'Nguyễn Tiến Sỹ', role: 'secretary' },
    { id: 'nhung', name: 'Trần Thị Hồng Nhung', role: 'chair' },
    { id: 'an', name: 'Vũ Văn An', role: 'delegate' },
  ]);
  for (const id of ['admin', 'sy', 'an']) tokens[id] = await app.login(id);
});
afterAll(() => app.close());

const put = (who: string, json: unknown) =>
  app.api(path, { method: 'PUT', token: tokens[who] ?? '', body: JSON.stringify(json) });
const get = async (who: string) =>
  (await (await app.api(path, { token: tokens[who] ?? '' })).json()) as MinutesLayoutSettings;
const codeOf = async (res: Response) =>
  [res.status, ((await res.json()) as { error: { code: string } }).error.code] as const;

const NONE: MinutesLayoutSettings = {
  recipients: null,
  authority: { secretary: null, chair: null },
};

async function finalizedText(): Promise<string> {
  const res = await app.api(`/api/meetings/${MEETING_ID}/minutes/preview`, {
    token: tokens.sy ?? '',
  });
  expect(res.status).toBe(200);
  const file = join(mkdtempSync(join(tmpdir(), 'minutes-layout-settings-')), 'preview.pdf');
  writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
  return pdftotext(file).replace(/\s+/g, ' ');
}

describe('the minutes layout settings over HTTP', () => {
  it('start empty: plain signature blocks and no "Nơi nhận"', async () => {
    expect(await get('an')).toEqual(NONE);
    const text = await finalizedText();
    expect(text).toContain('THƯ KÝ');
    expect(text).toContain('CHỦ TỌA');
    expect(text).not.toContain('Nơi nhận');
    expect(text).not.toContain('TM.');
  });

  it('refuse a non-administrator and bad input, changing nothing', async () => {
    const good = { recipients: { to: ['Ban Thường vụ'] } };
    expect(await codeOf(await put('an', good))).toEqual([403, 'forbidden']);
    expect(await codeOf(await put('sy', good))).toEqual([403, 'forbidden']);
    for (const [body, code] of [
      [{ seal: 'x' }, 'unknown-field'],
      [{ recipients: { to: ['a\nb'] } }, 'invalid-field'],
      [{ recipients: { to: Array.from({ length: 31 }, (_, i) => `Nơi ${i}`) } }, 'invalid-field'],
      [{ recipients: { to: ['x'.repeat(301)] } }, 'invalid-field'],
      [{ authority: { chair: { kind: 'Q', onBehalfOf: 'Chủ tịch' } } }, 'invalid-field'],
      [{ authority: { chair: { kind: 'TM' } } }, 'invalid-field'],
      [{ authority: { deputy: null } }, 'unknown-field'],
      [[], 'invalid-body'],
    ] as const)
      expect(await codeOf(await put('admin', body)), JSON.stringify(body)).toEqual([400, code]);
    expect(await get('an')).toEqual(NONE);
  });

  it('set by an administrator, print in the minutes', async () => {
    const res = await put('admin', {
      recipients: { to: ['Ban Thường vụ Công đoàn ngành', 'Các ủy viên'], archive: 'VT, CĐ' },
      authority: { chair: { kind: 'TM', onBehalfOf: 'Ban Chấp hành' } },
    });
    expect(res.status).toBe(200);
    const expected: MinutesLayoutSettings = {
      recipients: { to: ['Ban Thường vụ Công đoàn ngành', 'Các ủy viên'], archive: 'VT, CĐ' },
      authority: { secretary: null, chair: { kind: 'TM', onBehalfOf: 'Ban Chấp hành' } },
    };
    expect(await res.json()).toEqual(expected);
    expect(await get('an')).toEqual(expected);
    const text = await finalizedText();
    expect(text).toContain('TM. BAN CHẤP HÀNH');
    expect(text).toContain(
      'Nơi nhận: - Ban Thường vụ Công đoàn ngành; - Các ủy viên; - Lưu: VT, CĐ.',
    );
    // A change names only what changes: the recipients stay when the authority is cleared.
    await put('admin', { authority: { chair: null } });
    expect(await get('an')).toEqual({ ...expected, authority: NONE.authority });
  });
});

describe('the admin CLI', () => {
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

  it('sets and clears them, and refuses bad input changing nothing', async () => {
    await app.restart({}, async () => {
      const set = await run(
        'meeting',
        'minutes-layout',
        '--meeting',
        MEETING_ID,
        '--recipient',
        'Như trên',
        '--archive',
        'VT',
        '--secretary-authority',
        'TL:Chủ tịch',
      );
      expect(set.err).toEqual([]);
      expect(set.code).toBe(0);
      expect(JSON.parse(set.out[0] ?? '{}')).toEqual({
        id: MEETING_ID,
        recipients: { to: ['Như trên'], archive: 'VT' },
        authority: { secretary: { kind: 'TL', onBehalfOf: 'Chủ tịch' }, chair: null },
      });
      const bad = await run(
        'meeting',
        'minutes-layout',
        '--meeting',
        MEETING_ID,
        '--chair-authority',
        'XX:Chủ tịch',
      );
      expect(bad.code).toBe(2);
      expect(bad.err.join('\n')).toContain('invalid-field');
      const cleared = await run(
        'meeting',
        'minutes-layout',
        '--meeting',
        MEETING_ID,
        '--recipient',
        '',
        '--secretary-authority',
        '',
      );
      expect(cleared.code).toBe(0);
    });
    expect(await get('an')).toEqual(NONE);
    expect(await finalizedText()).not.toContain('Nơi nhận');
  });
});
