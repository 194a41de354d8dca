/**
 * What the minutes print from the records, set through the real server and the admin CLI:
 * Số/ký hiệu and place from the meeting settings, positions from the member records, the
 * attendance by given name, and no end time while the lifecycle has recorded no close.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MeetingView, MemberPositionView } from '../../core/api/meetings';
import type { MinutesState } from '../../core/api/minutes';
import { sharedDocName } from '../../core/docs/names';
import { sharedMinutesDraft } from '../../core/docs/shared';
import { runAdmin } from '../../sync-server/admin/cli';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { pdftotext } from '../helpers/pdf-judges';
import { connectClient, waitFor } from '../helpers/server';

let app: TestApp;
const tokens: Record<string, string> = {};
const base = `/api/meetings/${MEETING_ID}`;

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

const put = (path: string, who: string, json: unknown) =>
  app.api(path, { method: 'PUT', token: tokens[who] ?? '', body: JSON.stringify(json) });
const codeOf = async (res: Response) =>
  [res.status, ((await res.json()) as { error: { code: string } }).error.code] as const;

describe('meeting settings and member positions over HTTP', () => {
  it('lets an administrator set Số/ký hiệu and place, and refuses others and bad input', async () => {
    expect(await codeOf(await put(`${base}/settings`, 'an', { place: 'Hà Nội' }))).toEqual([
      403,
      'forbidden',
    ]);
    expect(await codeOf(await put(`${base}/settings`, 'admin', { seal: 'x' }))).toEqual([
      400,
      'unknown-field',
    ]);
    expect(await codeOf(await put(`${base}/settings`, 'admin', { place: 'a\nb' }))).toEqual([
      400,
      'invalid-field',
    ]);
    const before = (await (await app.api(base, { token: tokens.an ?? '' })).json()) as MeetingView;
    expect([before.documentNumber, before.place]).toEqual([null, null]);
    const res = await put(`${base}/settings`, 'admin', {
      documentNumber: '12/BB-UBND',
      place: 'Hà Nội',
    });
    expect(res.status).toBe(200);
    const after = (await (await app.api(base, { token: tokens.an ?? '' })).json()) as MeetingView;
    expect([after.documentNumber, after.place]).toEqual(['12/BB-UBND', 'Hà Nội']);
  });

  it('lets an administrator record positions, shown in the member list', async () => {
    expect(
      await codeOf(await put('/api/members/nhung/position', 'sy', { position: 'Chủ tịch' })),
    ).toEqual([403, 'forbidden']);
    expect(
      await codeOf(await put('/api/members/nobody/position', 'admin', { position: 'x' })),
    ).toEqual([404, 'member-not-found']);
    const res = await put('/api/members/nhung/position', 'admin', {
      position: 'Chủ tịch UBND phường',
    });
    expect(res.status).toBe(200);
    expect((await res.json()) as MemberPositionView).toEqual({
      id: 'nhung',
      name: 'Trần Thị Hồng Nhung',
      position: 'Chủ tịch UBND phường',
    });
    const list = (await (await app.api(`${base}/members`, { token: tokens.an ?? '' })).json()) as {
      id: string;
      position: string | null;
    }[];
    expect(list.find((m) => m.id === 'nhung')?.position).toBe('Chủ tịch UBND phường');
    expect(list.find((m) => m.id === 'an')?.position).toBeNull();
  });

  it('prints them in the finalized minutes, with no end time while no close is recorded', async () => {
    const client = connectClient(app.syncUrl, sharedDocName(MEETING_ID), tokens.sy ?? '');
    await client.synced;
    const para = new Y.XmlElement('paragraph');
    sharedMinutesDraft(client.doc).insert(0, [para]);
    para.insert(0, [new Y.XmlText('Hôm nay Ủy ban họp phiên thường kỳ.')]);
    await waitFor(() => sharedMinutesDraft(client.doc).length === 1, 'the draft');
    // Give the server the update before finalizing (the same document, read back).
    const reader = connectClient(app.syncUrl, sharedDocName(MEETING_ID), tokens.an ?? '');
    await reader.synced;
    await waitFor(() => sharedMinutesDraft(reader.doc).length === 1, 'the draft on the server');
    client.destroy();
    reader.destroy();

    // The preview is the PDF the draft would finalize to; it stores nothing and changes no state.
    const preview = await app.api(`${base}/minutes/preview`, { token: tokens.an ?? '' });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('application/pdf');
    const previewFile = join(mkdtempSync(join(tmpdir(), 'minutes-preview-')), 'preview.pdf');
    writeFileSync(previewFile, new Uint8Array(await preview.arrayBuffer()));
    expect(pdftotext(previewFile)).toContain('Hôm nay Ủy ban họp phiên thường kỳ.');
    const still = (await (
      await app.api(`${base}/minutes`, { token: tokens.an ?? '' })
    ).json()) as MinutesState;
    expect(still.status).toBe('draft');
    expect(still.pdfSha256).toBeNull();

    const res = await app.api(`${base}/minutes/finalize`, {
      method: 'POST',
      token: tokens.sy ?? '',
    });
    expect(res.status).toBe(201);
    const state = (await res.json()) as MinutesState;
    const blob = await app.api(`${base}/blobs/${state.pdfSha256 ?? ''}`, {
      token: tokens.sy ?? '',
    });
    const file = join(mkdtempSync(join(tmpdir(), 'minutes-settings-')), 'final.pdf');
    writeFileSync(file, new Uint8Array(await blob.arrayBuffer()));
    const text = pdftotext(file).replace(/\s+/g, ' ');
    expect(text).toContain('Số: 12/BB-UBND');
    expect(text).toMatch(/Hà Nội, ngày \d{2} tháng \d{2} năm \d{4}/);
    expect(text).toContain('Chủ trì: Trần Thị Hồng Nhung, Chủ tịch UBND phường');
    // No position recorded for the secretary: the line names the person only.
    expect(text).toContain('Thư ký: Nguyễn Tiến Sỹ -');
    expect(text).not.toContain('Nguyễn Tiến Sỹ, Thư ký');
    // By given name: An, Nhung, Sỹ.
    const order = ['Vũ Văn An', 'Trần Thị Hồng Nhung –', 'Nguyễn Tiến Sỹ –'].map((n) =>
      text.indexOf(n, text.indexOf('Thành viên')),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text.indexOf('Hôm nay Ủy ban họp phiên thường kỳ.')).toBeLessThan(
      text.indexOf('I. THỜI GIAN'),
    );
    expect(text).not.toContain('kết thúc');
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

  it('sets meeting settings and positions, and refuses bad input changing nothing', async () => {
    await app.restart({}, async () => {
      const set = await run(
        'meeting',
        'settings',
        '--meeting',
        MEETING_ID,
        '--number',
        '13/BB-UBND',
      );
      expect(set.code).toBe(0);
      expect(JSON.parse(set.out[0] ?? '{}')).toEqual({
        id: MEETING_ID,
        documentNumber: '13/BB-UBND',
        place: 'Hà Nội',
      });
      const cleared = await run('meeting', 'settings', '--meeting', MEETING_ID, '--place', '');
      expect(JSON.parse(cleared.out[0] ?? '{}').place).toBeNull();
      const pos = await run(
        'member',
        'position',
        '--member',
        'sy',
        '--position',
        'Chánh Văn phòng',
      );
      expect(pos.code).toBe(0);
      expect(JSON.parse(pos.out[0] ?? '{}').position).toBe('Chánh Văn phòng');
      const bad = await run('member', 'position', '--member', 'ghost', '--position', 'x');
      expect(bad.code).toBe(2);
      const long = await run(
        'meeting',
        'settings',
        '--meeting',
        MEETING_ID,
        '--number',
        'x'.repeat(61),
      );
      expect(long.code).toBe(2);
      expect(long.err.join('\n')).toContain('invalid-field');
    });
    const after = (await (
      await app.api(base, { token: await app.login('an') })
    ).json()) as MeetingView;
    expect([after.documentNumber, after.place]).toEqual(['13/BB-UBND', null]);
  });
});
