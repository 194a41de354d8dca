/**
 * Results that add up, over HTTP (issue 12 §3): the not-voted and absent rows, the named list
 * with its absentees (never for secret polls), cancelling after close only with a reason, and
 * the CSV / PDF exports read back by independent tools (Python's csv module, pdftotext).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollView } from '../../core/api/votes';
import { readPoll } from '../../core/docs/control/polls';
import { resultTable } from '../../core/votes/result-rows';
import { LevelStore } from '../../sync-server/store/level';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { meetingHttp, ok, refused } from '../helpers/meeting-http';
import { pdftotext } from '../helpers/pdf-judges';
import { connectClient, waitFor, type TestClient } from '../helpers/server';

const base = `/api/meetings/${MEETING_ID}`;
const PEOPLE = [
  { id: 'chu-toa', name: 'Trần Thị Hồng Nhung', role: 'chair' },
  { id: 'thu-ky', name: 'Vũ Ngọc Ánh', role: 'secretary' },
  { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' },
  { id: 'hang', name: 'Phạm Thị Thu Hằng', role: 'delegate' },
  { id: 'vang', name: 'Nguyễn Tiến Sỹ', role: 'delegate' },
  { id: 'quan-sat', name: 'Đỗ Minh Quân', role: 'observer' },
] as const;
const REASON = 'Phát hiện sai sót về danh sách đại biểu, biểu quyết lại';
const TRICKY_TITLE = '=HYPERLINK("http://x","bấm"), "trích dẫn"';

let app: TestApp;
let control: TestClient;
let agendaItemId = '';
const tokens: Record<string, string> = {};
const dir = mkdtempSync(path.join(tmpdir(), 'dh-results-'));
const polls: Record<'named' | 'secret' | 'cancelled' | 'draft', PollView | null> = {
  named: null,
  secret: null,
  cancelled: null,
  draft: null,
};

const call = meetingHttp(() => app, tokens);
const step = (pollId: string, action: string, body: unknown = {}) =>
  ok<PollView>(call('chu-toa', `/polls/${pollId}/${action}`, body));
const vote = (who: string, pollId: string, optionId: string) =>
  ok(call(who, `/polls/${pollId}/ballots`, { optionId }));

async function runPoll(
  draft: Record<string, unknown>,
  ballots: [string, string][],
  publish = true,
): Promise<PollView> {
  const poll = await ok<PollView>(
    call('chu-toa', '/polls', { agendaItemId, title: 'Thông qua nghị quyết', ...draft }),
    201,
  );
  await step(poll.id, 'open');
  for (const [who, option] of ballots) await vote(who, poll.id, option);
  const closed = await step(poll.id, 'close');
  return publish ? step(poll.id, 'publish') : closed;
}

/** Python's csv module, an independent RFC 4180 reader; utf-8-sig requires and strips the BOM. */
function parseCsv(file: string): string[][] {
  const script =
    'import csv,json,sys\n' +
    "with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n" +
    '  print(json.dumps(list(csv.reader(f, strict=True))))';
  return JSON.parse(
    execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }),
  ) as string[][];
}

async function download(who: string, p: string, name: string): Promise<[Response, string]> {
  const res = await app.api(`${base}${p}`, { token: tokens[who] ?? '' });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return [res, file];
}

beforeAll(async () => {
  app = await startTestApp(PEOPLE.map((p) => ({ ...p })));
  for (const p of PEOPLE) tokens[p.id] = await app.login(p.id);
  const meeting = await ok<{ agenda: { id: string }[] }>(call('chu-toa', ''));
  agendaItemId = meeting.agenda[1]?.id ?? '';
  control = connectClient(app.syncUrl, `meeting/${MEETING_ID}/control`, tokens.dung ?? '');
  await control.synced;
  // Check-in and polls need an open meeting (khai mạc).
  await ok(call('chu-toa', '/lifecycle', { step: 'open' }));
  // 'vang' never comes: four voting members present of five.
  for (const id of ['chu-toa', 'thu-ky', 'dung', 'hang', 'quan-sat'])
    await ok(call(id, '/attendance', { present: true }));

  polls.named = await runPoll({ kind: 'named', base: 'members', rule: 'absolute' }, [
    ['chu-toa', 'for'],
    ['thu-ky', 'for'],
    ['dung', 'against'],
  ]);
  polls.secret = await runPoll({ kind: 'secret', base: 'present', title: 'Bầu ban kiểm phiếu' }, [
    ['chu-toa', 'for'],
    ['hang', 'abstain'],
  ]);
  polls.cancelled = await runPoll({ title: TRICKY_TITLE, base: 'cast' }, [['hang', 'for']], false);
  polls.draft = await ok<PollView>(
    call('chu-toa', '/polls', { agendaItemId, title: 'Chưa mở' }),
    201,
  );
}, 90_000);
afterAll(async () => {
  control.destroy();
  await app.close();
});

describe('results that add up', () => {
  it('the named poll: rows for not voting and absent fill the members base to 100 %', () => {
    const result = polls.named?.result;
    expect(result).toBeTruthy();
    if (!result) return;
    const rows = resultTable(result.tally).rows;
    expect(rows.map((r) => [r.kind, r.optionId, r.count, r.percent])).toEqual([
      ['option', 'for', 2, 40],
      ['option', 'against', 1, 20],
      ['option', 'abstain', 0, 0],
      ['not-voted', null, 1, 20],
      ['absent', null, 1, 20],
    ]);
    expect(result.tally.options.map((o) => o.percent)).toEqual([40, 20, 0]);
    // The named list: who chose what, and the eligible member who cast nothing.
    expect(result.ballots?.map((b) => b.memberId)).toEqual(['chu-toa', 'dung', 'thu-ky']);
    expect(result.notVoted).toEqual(['hang']);
  });

  it('the secret poll has counts only: no name list, not even of who did not vote', async () => {
    const view = await ok<PollView>(call('dung', `/polls/${polls.secret?.id}`));
    expect(view.result?.ballots).toBeNull();
    expect(view.result?.notVoted).toBeNull();
    const rows = resultTable(view.result?.tally ?? fail()).rows;
    expect(rows.map((r) => [r.kind, r.count, r.percent])).toEqual([
      ['option', 1, 25],
      ['option', 0, 0],
      ['option', 1, 25],
      ['not-voted', 2, 50],
    ]);
  });
});

function fail(): never {
  throw new Error('missing result');
}

describe('cancelling after close', () => {
  it('refuses without a reason or with a bad one, and changes nothing', async () => {
    const id = polls.cancelled?.id ?? '';
    expect(await refused(call('chu-toa', `/polls/${id}/cancel`, {}))).toEqual([
      409,
      'cancel-reason-required',
    ]);
    expect(await refused(call('chu-toa', `/polls/${id}/cancel`, { reason: '  ' }))).toEqual([
      400,
      'bad-cancel-reason',
    ]);
    expect(
      await refused(call('chu-toa', `/polls/${id}/cancel`, { reason: 'x'.repeat(501) })),
    ).toEqual([400, 'bad-cancel-reason']);
    expect(await refused(call('chu-toa', `/polls/${id}/cancel`, { reason: 7 }))).toEqual([
      400,
      'invalid-field',
    ]);
    expect(await refused(call('dung', `/polls/${id}/cancel`, { reason: REASON }))).toEqual([
      403,
      'forbidden',
    ]);
    expect((await ok<PollView>(call('dung', `/polls/${id}`))).state).toBe('closed');
  });

  it('with a reason: recorded on the poll and in the control document', async () => {
    const id = polls.cancelled?.id ?? '';
    const view = await step(id, 'cancel', { reason: ` ${REASON}\n` });
    expect(view).toMatchObject({ state: 'cancelled', cancelledReason: REASON });
    await waitFor(
      () => readPoll(control.doc, id)?.cancelledReason === REASON,
      'the reason in the control document',
    );
    expect(await refused(call('chu-toa', `/polls/${id}/cancel`, { reason: REASON }))).toEqual([
      409,
      'poll-not-cancellable',
    ]);
    polls.cancelled = view;
  });
});

describe('export', () => {
  it('CSV of the whole meeting: BOM, RFC 4180, formula-safe, the same figures', async () => {
    const [res, file] = await download('quan-sat', '/results/export/csv', 'all.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('.csv');
    const rows = parseCsv(file);
    const [header, ...body] = rows;
    expect(header?.[0]).toBe('STT');
    expect(header).toContain('Tỷ lệ (%)');
    for (const row of body) expect(row.length).toBe(header?.length);
    const col = (name: string) => header?.indexOf(name) ?? -1;
    const of = (n: number) => body.filter((r) => r[col('STT')] === String(n));

    // Poll 1, named: table rows sum to 100 and to the base; the named list has the absentee.
    const named = of(1);
    const table = named.filter((r) => r[col('Dòng')] === 'Kết quả');
    expect(
      table.map((r) => [r[col('Phương án')], r[col('Số lượng')], r[col('Tỷ lệ (%)')]]),
    ).toEqual([
      ['Tán thành', '2', '40'],
      ['Không tán thành', '1', '20'],
      ['Không biểu quyết', '0', '0'],
      ['Không tham gia biểu quyết', '1', '20'],
      ['Vắng mặt', '1', '20'],
    ]);
    const list = named.filter((r) => r[col('Dòng')] === 'Danh sách');
    expect(list.map((r) => [r[col('Thành viên')], r[col('Phương án')]])).toEqual([
      ['Vũ Ngọc Ánh', 'Tán thành'],
      ['Lê Văn Dũng', 'Không tán thành'],
      ['Phạm Thị Thu Hằng', 'Không tham gia biểu quyết'],
      ['Trần Thị Hồng Nhung', 'Tán thành'],
    ]);
    // Poll 2, secret: counts only.
    const secret = of(2);
    expect(secret.some((r) => r[col('Dòng')] === 'Danh sách')).toBe(false);
    expect(secret.every((r) => r[col('Thành viên')] === '')).toBe(true);
    const shares = secret.map((r) => Number(r[col('Tỷ lệ (%)')]));
    expect(shares.reduce((s, x) => s + x, 0)).toBe(100);
    // Poll 3, cancelled before publishing: its state and reason; the title cannot run.
    const [cancelled] = of(3);
    expect(cancelled?.[col('Biểu quyết')]).toBe(`'${TRICKY_TITLE}`);
    expect(cancelled?.[col('Trạng thái')]).toBe('Đã hủy');
    expect(cancelled?.[col('Lý do hủy')]).toBe(REASON);
    // Poll 4, a draft: listed with its state only.
    expect(of(4).map((r) => r[col('Trạng thái')])).toEqual(['Chưa mở']);
    // Nothing anywhere starts like a formula.
    for (const row of body) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/u);
  });

  it('PDF of the whole meeting: every figure once, 100 % per poll, the cancellation printed', async () => {
    const [res, file] = await download('dung', '/results/export/pdf', 'all.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = pdftotext(file).normalize('NFC');
    expect(text).toContain('KẾT QUẢ BIỂU QUYẾT');
    expect(text.split('Không tham gia biểu quyết').length - 1).toBe(3); // 2 rows + 1 named
    expect(text).toContain(`Đã hủy: ${REASON}`);
    expect(text).toContain('Phạm Thị Thu Hằng');
    expect(text).not.toContain('Nguyễn Tiến Sỹ: '); // absent member is not on a named list
    expect(text.match(/Bầu ban kiểm phiếu/gu)?.length).toBe(1);
    // Percentages in Vietnamese style: poll 1 (40+20+0+20+20) and poll 2 (25+0+25+50).
    const percents = [...text.matchAll(/(\d+(?:,\d+)?)%/gu)].map((m) =>
      Number((m[1] ?? '0').replace(',', '.')),
    );
    expect(percents).toEqual([40, 20, 0, 20, 20, 25, 0, 25, 50]);
    execFileSync('qpdf', ['--check', file]);
  });

  it('one poll, and who may ask', async () => {
    const [res, file] = await download('thu-ky', `/polls/${polls.named?.id}/export/csv`, 'one.csv');
    expect(res.status).toBe(200);
    const rows = parseCsv(file);
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(['1']));
    expect(await refused(call('dung', '/results/export/xlsx'))).toEqual([400, 'bad-export-format']);
    expect(await refused(call('dung', '/polls/p-khong-co/export/pdf'))).toEqual([
      404,
      'poll-not-found',
    ]);
    const outsider = await app.api(`${base}/results/export/csv`, {});
    expect(outsider.status).toBe(401);
  });

  it('the audit log records the cancellation with its reason', async () => {
    await app.server.close();
    const store = await LevelStore.open(app.dataDir);
    const entries: Record<string, unknown>[] = [];
    for await (const { value } of store.readAudit()) entries.push(value as Record<string, unknown>);
    await store.close();
    expect(entries.find((e) => e.action === 'poll.cancel')).toMatchObject({
      memberId: 'chu-toa',
      pollId: polls.cancelled?.id,
      from: 'closed',
      reason: REASON,
    });
  });
});
