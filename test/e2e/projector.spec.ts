/**
 * The room's big screen at 1920×1080: the display member logs in and gets the projector view
 * only; it follows the control document — the current item, an open poll's count (never a
 * choice), the published result — and holds no ballot and no place in the attendance.
 * Screenshots go to test/output/screens/projector-*.png.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO, loginAs, openMeeting, seat } from './login-helper';

const ITEM = 'Thảo luận và biểu quyết thông qua Nghị quyết';
const POLL = 'Thông qua chương trình giám sát năm 2027';

async function checkIn(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: /^(Điểm danh|Rời phòng họp)$/ });
  await expect(toggle).toBeVisible();
  if ((await toggle.textContent()) === 'Điểm danh') await toggle.click();
  await expect(page.getByText('Bạn đã điểm danh có mặt.')).toBeVisible();
}

test("the room's screen shows the current item, a poll's count and the published result", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const screen = await (
    await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  ).newPage();
  await loginAs(screen, DEMO.display);
  await screen.getByRole('button', { name: 'Vào phòng họp' }).first().click();
  const projector = screen.getByTestId('projector');
  await expect(projector).toBeVisible();
  // Only the projector: no agenda column, no check-in, no ballot dock.
  await expect(screen.getByRole('navigation', { name: 'Chương trình họp' })).toHaveCount(0);
  await expect(screen.getByRole('button', { name: 'Điểm danh' })).toHaveCount(0);

  const chair = await seat(browser, DEMO.chair);
  await openMeeting(chair);
  await chair
    .getByRole('navigation', { name: 'Chương trình họp' })
    .getByRole('button', { name: new RegExp(ITEM) })
    .click();
  await chair
    .getByRole('region', { name: 'Tiến trình cuộc họp' })
    .getByRole('button', { name: 'Đặt làm mục hiện tại' })
    .click();
  await expect(projector.getByRole('heading', { level: 2 })).toHaveText(ITEM);
  await expect(projector).toContainText('Đang họp');
  await screen.screenshot({ path: 'test/output/screens/projector-item.png' });

  const dung = await seat(browser, DEMO.delegate1);
  for (const page of [chair, dung]) await checkIn(page);
  // The screen is not a member of the meeting's attendance.
  await expect(chair.getByText(DEMO.display.name)).toHaveCount(0);

  const panel = chair.getByRole('region', { name: 'Điều hành biểu quyết' });
  await panel.getByRole('button', { name: 'Tạo biểu quyết' }).click();
  await panel.getByLabel('Nội dung biểu quyết').fill(POLL);
  await panel.getByLabel('Tính trên').selectOption('present');
  await panel.getByRole('button', { name: 'Tạo biểu quyết' }).click();
  const card = panel.getByRole('article', { name: POLL });
  await card.getByRole('button', { name: 'Mở biểu quyết' }).click();

  const progress = screen.getByTestId('projector-poll');
  await expect(progress).toContainText(POLL);
  const counted = /^(\d+)\/(\d+) đã biểu quyết$/u;
  const count = progress.getByText(counted);
  await expect(count).toHaveText(/^0\//u);
  const ballot = dung.getByRole('alertdialog', { name: POLL });
  await ballot.getByRole('button', { name: 'Tán thành', exact: true }).click();
  await ballot.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(count).toHaveText(/^1\//u);
  // A count only: never who chose what while the poll is open.
  await expect(progress).not.toContainText('Tán thành');
  await expect(progress).not.toContainText(DEMO.delegate1.name);
  await screen.screenshot({ path: 'test/output/screens/projector-poll.png' });

  await card.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
  await card.getByRole('button', { name: 'Đồng ý' }).click();
  await card.getByRole('button', { name: 'Công bố kết quả' }).click();
  await expect(projector.getByTestId('verdict')).toBeVisible();
  await expect(projector).toContainText(POLL);
  await screen.screenshot({ path: 'test/output/screens/projector-result.png' });
});
