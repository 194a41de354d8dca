/**
 * The chair runs the meeting as people would click it (issue #12 §1–2): the room opens on an
 * overview; check-in is refused before khai mạc; the chair opens the meeting, moves the current
 * item (a delegate's screen follows, may browse and come back), pauses and resumes, marks a late
 * arrival and an excused absence with a reason, and closes (asking first); after bế mạc check-in
 * is refused again. Own server: closing the meeting must not touch the shared one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startApp, type RunningApp } from '../../sync-server/app';
import { identityPaths } from '../../sync-server/identity/data-dir';
import { expect, test } from './fixtures';
import { DEMO, enterDemoRoom, loginAs } from './login-helper';

const LATE = 'Đặng Quốc Việt';
const EXCUSED = 'Vũ Thị Ngọc Ánh';
const ITEM_1 = 'Khai mạc, thông qua chương trình kỳ họp';
const ITEM_2 = 'Báo cáo tình hình kinh tế – xã hội năm 2026';
const ITEM_3 = 'Tờ trình về dự toán ngân sách năm 2027';

let dataDir: string;
let server: RunningApp;

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dienhong-e2e-lifecycle-'));
  server = await startApp({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webRoot: path.resolve('dist/renderer'),
    demo: true,
  });
});
test.afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function seat(browser: Browser, member: { file: string; name: string }): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1366, height: 768 },
  });
  const page = await context.newPage();
  await loginAs(page, member, identityPaths(dataDir).demoDir);
  await enterDemoRoom(page);
  return page;
}

const bar = (page: Page) => page.getByRole('region', { name: 'Tiến trình cuộc họp' });
const agenda = (page: Page) => page.getByRole('navigation', { name: 'Chương trình họp' });
const heading = (page: Page, title: string) => page.getByRole('heading', { level: 2, name: title });
const rosterRow = (page: Page, name: string) =>
  page
    .getByRole('region', { name: 'Điểm danh của chủ tọa' })
    .getByRole('row')
    .filter({ hasText: name });

test('the chair opens, leads, pauses, resumes and closes the meeting; attendance by the rules', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const chair = await seat(browser, DEMO.chair);
  const dung = await seat(browser, DEMO.delegate1);

  // The room opens on an overview, not an empty page; before khai mạc nobody can check in.
  await expect(dung.getByRole('heading', { level: 2, name: 'Tổng quan cuộc họp' })).toBeVisible();
  await expect(bar(dung).getByText('Chưa khai mạc')).toBeVisible();
  await expect(dung.getByRole('button', { name: 'Điểm danh', exact: true })).toBeDisabled();
  await expect(
    dung.getByText('Cuộc họp chưa khai mạc: chưa thể điểm danh hay biểu quyết.').first(),
  ).toBeVisible();
  await expect(bar(dung).getByRole('button', { name: 'Khai mạc', exact: true })).toHaveCount(0);

  // Khai mạc: everyone is put on the first item.
  await bar(chair).getByRole('button', { name: 'Khai mạc', exact: true }).click();
  await expect(bar(dung).getByText('Đang họp')).toBeVisible();
  await expect(heading(dung, ITEM_1)).toBeVisible();
  await dung.getByRole('button', { name: 'Điểm danh', exact: true }).click();
  await expect(dung.getByText('Bạn đã điểm danh có mặt.')).toBeVisible();

  // The chair moves the current item; the delegate's screen follows.
  await agenda(chair)
    .getByRole('button', { name: new RegExp(ITEM_3) })
    .click();
  await bar(chair).getByRole('button', { name: 'Đặt làm mục hiện tại' }).click();
  await expect(bar(dung).getByText(`3. ${ITEM_3}`)).toBeVisible();
  await expect(heading(dung, ITEM_3)).toBeVisible();
  // The delegate may browse, and one click brings them back.
  await agenda(dung)
    .getByRole('button', { name: new RegExp(ITEM_2) })
    .click();
  await expect(heading(dung, ITEM_2)).toBeVisible();
  await bar(dung).getByRole('button', { name: 'Về mục hiện tại' }).click();
  await expect(heading(dung, ITEM_3)).toBeVisible();

  // Tạm dừng / tiếp tục: while paused, check-in and voting are closed, and the UI says why.
  await bar(chair).getByRole('button', { name: 'Tạm dừng', exact: true }).click();
  await expect(bar(dung).getByText('Tạm dừng', { exact: true })).toBeVisible();
  await expect(dung.getByRole('button', { name: 'Rời phòng họp' })).toBeDisabled();
  await expect(dung.getByText(/Cuộc họp đang tạm dừng/).first()).toBeVisible();
  await bar(chair).getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(bar(dung).getByText('Đang họp')).toBeVisible();

  // "Rời phòng họp" asks first; cancelling changes nothing.
  await dung.getByRole('button', { name: 'Rời phòng họp' }).click();
  await expect(
    dung.getByText('Rời phòng họp? Bạn sẽ được ghi nhận là vắng từ bây giờ.'),
  ).toBeVisible();
  await dung.getByRole('button', { name: 'Thôi' }).click();
  await expect(dung.getByText('Bạn đã điểm danh có mặt.')).toBeVisible();

  // The chair's attendance controls on the overview: connected or not, late, excused.
  await bar(chair).getByRole('button', { name: 'Tổng quan cuộc họp' }).click();
  await expect(rosterRow(chair, DEMO.delegate1.name)).toContainText('Có mặt');
  await expect(
    rosterRow(chair, DEMO.delegate1.name).getByRole('img', { name: 'Đang kết nối' }),
  ).toBeVisible();
  await expect(rosterRow(chair, LATE).getByRole('img', { name: 'Không kết nối' })).toBeVisible();
  // Checked in right after khai mạc: not late. Walked in late without a laptop: the chair says so.
  await expect(rosterRow(chair, DEMO.delegate1.name)).not.toContainText('Đến muộn');
  await rosterRow(chair, LATE).getByRole('button', { name: 'Đến muộn', exact: true }).click();
  await expect(rosterRow(chair, LATE)).toContainText(/Đến muộn \d{2}:\d{2}/);
  await rosterRow(chair, EXCUSED).getByRole('button', { name: 'Có lý do…' }).click();
  // Without a reason the server refuses, and the chair is told why.
  await rosterRow(chair, EXCUSED).getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(chair.getByText('Vắng có lý do cần ghi lý do.')).toBeVisible();
  await rosterRow(chair, EXCUSED)
    .getByLabel(`Lý do vắng của ${EXCUSED}`)
    .fill('Ốm, có đơn xin phép');
  await rosterRow(chair, EXCUSED).getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(rosterRow(chair, EXCUSED)).toContainText('Vắng có lý do');
  await expect(rosterRow(chair, EXCUSED)).toContainText('Ốm, có đơn xin phép');
  await expect(chair.getByText('Có mặt: 2/6 thành viên có quyền biểu quyết')).toBeVisible();
  await bar(chair).scrollIntoViewIfNeeded();
  await chair.screenshot({ path: 'test/output/screens/overview-chair.png' });
  await chair
    .getByRole('region', { name: 'Điểm danh của chủ tọa' })
    .screenshot({ path: 'test/output/screens/chair-attendance.png' });
  await dung.getByRole('button', { name: 'Tổng quan cuộc họp' }).click();
  await expect(dung.getByRole('region', { name: 'Điểm danh của chủ tọa' })).toHaveCount(0);
  await dung.screenshot({ path: 'test/output/screens/overview-delegate.png' });

  // Bế mạc asks first, then closes for everyone; check-in is refused from then on.
  await bar(chair).getByRole('button', { name: 'Bế mạc', exact: true }).click();
  await expect(chair.getByText(/Bế mạc cuộc họp\?/)).toBeVisible();
  await bar(chair).getByRole('button', { name: 'Xác nhận' }).click();
  await expect(bar(dung).getByText('Đã bế mạc')).toBeVisible();
  await expect(bar(chair).getByRole('button', { name: 'Khai mạc', exact: true })).toHaveCount(0);
  const hang = await seat(browser, DEMO.delegate2);
  await expect(hang.getByRole('button', { name: 'Điểm danh', exact: true })).toBeDisabled();
  await expect(hang.getByText('Cuộc họp đã bế mạc.').first()).toBeVisible();
  // The server refuses too, whatever the page shows.
  const token = await hang.evaluate(() => {
    const saved = JSON.parse(sessionStorage.getItem('dienhong.session') ?? 'null') as {
      token?: string;
    } | null;
    return saved?.token ?? '';
  });
  expect(token).not.toBe('');
  const res = await hang.request.post(`${server.url}/api/meetings/demo-ky-hop/attendance`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { present: true },
  });
  expect(res.status()).toBe(409);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('meeting-closed');
});
