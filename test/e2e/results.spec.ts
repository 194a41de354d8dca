/**
 * Issue 12 §3 as a chair clicks it: close a poll with a member who did not vote, see the
 * "Không tham gia biểu quyết" row, publish, open the meeting-wide results list and download
 * the CSV, then read that file back as a spreadsheet would.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO, enterDemoRoom, loginAs, openMeeting } from './login-helper';

const ITEM = 'Thảo luận và biểu quyết thông qua Nghị quyết';
const POLL = 'Thông qua báo cáo kết quả kiểm phiếu thử';

async function showItem(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Chương trình họp' })
    .getByRole('button', { name: new RegExp(ITEM) })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: ITEM })).toBeVisible();
}

async function seat(browser: Browser, member: { file: string; name: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await loginAs(page, member);
  await enterDemoRoom(page);
  await showItem(page);
  return page;
}

async function setPresence(page: Page, present: boolean): Promise<void> {
  const toggle = page.getByRole('button', { name: /^(Điểm danh|Rời phòng họp)$/ });
  await expect(toggle).toBeVisible();
  if (((await toggle.textContent()) === 'Rời phòng họp') !== present) {
    await toggle.click();
    // Leaving asks first.
    if (!present)
      await page
        .getByRole('alertdialog', { name: 'Rời phòng họp' })
        .getByRole('button', { name: 'Xác nhận' })
        .click();
  }
  await expect(
    page.getByText(present ? 'Bạn đã điểm danh có mặt.' : 'Bạn chưa điểm danh.'),
  ).toBeVisible();
}

test('the chair closes a poll, sees the not-voted row, and downloads the results as CSV', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const chair = await seat(browser, DEMO.chair);
  // Khai mạc before the delegate sits down: opening pushes everyone to the first item.
  await openMeeting(chair);
  await showItem(chair);
  const dung = await seat(browser, DEMO.delegate1);
  for (const page of [chair, dung]) await setPresence(page, true);

  const panel = chair.getByRole('region', { name: 'Điều hành biểu quyết' });
  await panel.getByRole('button', { name: 'Tạo biểu quyết' }).click();
  await panel.getByLabel('Nội dung biểu quyết').fill(POLL);
  await panel.getByLabel('Tính trên').selectOption('present');
  await panel.getByRole('button', { name: 'Tạo biểu quyết' }).click();
  const card = panel.getByRole('article', { name: POLL });
  await card.getByRole('button', { name: 'Mở biểu quyết' }).click();

  const ballot = dung.getByRole('alertdialog', { name: POLL });
  await ballot.getByRole('button', { name: 'Tán thành', exact: true }).click();
  await ballot.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(ballot.getByRole('status')).toContainText('Đã ghi nhận lựa chọn của bạn:');

  // The chair did not vote: closing asks first, then the count shows the row that adds up.
  await card.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
  await card.getByRole('button', { name: 'Đồng ý' }).click();
  const bars = card.getByRole('table', { name: 'Số phiếu theo phương án' });
  const notVoted = bars.getByRole('row', { name: /^Không tham gia biểu quyết/ });
  await expect(notVoted).toBeVisible();
  const turnout = await card.getByText(/^\d+\/\d+ thành viên có quyền biểu quyết$/u).textContent();
  const [cast, eligible] = (turnout?.match(/\d+/gu) ?? []).map(Number);
  expect(cast).toBe(1);
  await expect(notVoted.locator('.bar__count')).toHaveText(String((eligible ?? 0) - 1));
  const shares = await bars.locator('.bar__percent').allTextContents();
  const sum = shares.reduce((s, p) => s + Number(p.replace(/[^\d,]/gu, '').replace(',', '.')), 0);
  expect(Math.round(sum * 100) / 100).toBe(100);
  await card.scrollIntoViewIfNeeded();
  await chair.screenshot({ path: 'test/output/results-closed.png' });
  await card.getByRole('button', { name: 'Công bố kết quả' }).click();

  // The meeting-wide list: every poll, its state and outcome, and the exports.
  await chair.getByRole('button', { name: 'Kết quả biểu quyết', exact: true }).click();
  const list = chair.getByRole('region', { name: 'Kết quả biểu quyết của cuộc họp' });
  const row = list.getByRole('row', { name: new RegExp(POLL) });
  await expect(row).toContainText('Đã công bố');
  await chair.screenshot({ path: 'test/output/results-list.png' });
  const download = chair.waitForEvent('download');
  await list
    .getByRole('group', { name: 'Xuất toàn bộ kết quả' })
    .getByRole('button', { name: 'Tải CSV' })
    .click();
  const dir = test.info().outputPath('results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'ket-qua.csv');
  await (await download).saveAs(file);

  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  const mine = text.split('\r\n').filter((line) => line.includes(POLL));
  expect(mine.some((line) => line.includes(',Kết quả,,Không tham gia biểu quyết,'))).toBe(true);
  expect(mine.some((line) => line.includes(`,Danh sách,${DEMO.delegate1.name},Tán thành,`))).toBe(
    true,
  );

  // Leave the shared demo room as found: votes.spec.ts checks in from absent.
  await chair
    .getByRole('button', { name: new RegExp(ITEM) })
    .first()
    .click();

  // A published result is taken back only with a reason (printed in the minutes).
  const itemResults = chair.getByRole('region', { name: 'Kết quả biểu quyết của nội dung này' });
  await itemResults.getByRole('button', { name: 'Hủy biểu quyết' }).first().click();
  const ask = itemResults.getByRole('group', { name: 'Hủy biểu quyết' });
  await expect(ask.getByRole('button', { name: 'Đồng ý' })).toBeDisabled();
  await ask
    .getByLabel('Lý do hủy (bắt buộc, sẽ ghi vào biên bản)')
    .fill('Kiểm phiếu thử, không phải biểu quyết thật');
  await ask.getByRole('button', { name: 'Đồng ý' }).click();
  await chair.getByRole('button', { name: 'Kết quả biểu quyết', exact: true }).click();
  await expect(list.getByRole('row', { name: new RegExp(POLL) }).first()).toContainText('Đã hủy');
  await chair
    .getByRole('button', { name: new RegExp(ITEM) })
    .first()
    .click();
  for (const page of [chair, dung]) await setPresence(page, false);
  for (const page of [chair, dung]) await page.context().close();
});
