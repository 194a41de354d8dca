/**
 * Đăng ký phát biểu as people click it (issue #14 §1–2): three delegates and the chair ask for
 * the floor, one with a point of order that the chair accepts (it jumps the queue); the chair
 * gives the floor in turn and ends each speech; the room's screen shows the speaker, the timer
 * and who is next. Screenshots: the delegate's request at 1366×768, the projector at 1920×1080.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO, loginAs, openMeeting, seat } from './login-helper';

const ITEM = 'Báo cáo tình hình kinh tế – xã hội năm 2026';

const panel = (page: Page) => page.getByRole('region', { name: 'Đăng ký phát biểu' });

async function showItem(page: Page) {
  await page
    .getByRole('navigation', { name: 'Chương trình họp' })
    .getByRole('button', { name: new RegExp(ITEM) })
    .click();
  await expect(panel(page)).toBeVisible();
}

async function ask(page: Page, kind: string) {
  await showItem(page);
  await panel(page).getByLabel('Hình thức phát biểu').selectOption({ label: kind });
  await panel(page).getByRole('button', { name: 'Đăng ký phát biểu' }).click();
  await expect(panel(page)).toContainText('Bạn đứng thứ');
}

test('four members ask to speak; a point of order jumps the queue once the chair accepts it; the screen follows', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const screen = await (
    await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  ).newPage();
  await loginAs(screen, DEMO.display);
  await screen.getByRole('button', { name: 'Vào phòng họp' }).first().click();
  const projector = screen.getByTestId('projector');

  const chair = await seat(browser, DEMO.chair);
  await openMeeting(chair);
  await showItem(chair);
  await chair
    .getByRole('region', { name: 'Tiến trình cuộc họp' })
    .getByRole('button', { name: 'Đặt làm mục hiện tại' })
    .click();
  await expect(projector.getByRole('heading', { level: 2 })).toHaveText(ITEM);

  const dung = await seat(browser, DEMO.delegate1);
  await ask(dung, 'Phát biểu');
  await dung.screenshot({ path: 'test/output/screens/speakers-delegate-asked.png' });
  const hang = await seat(browser, DEMO.delegate2);
  await ask(hang, 'Tranh luận, chất vấn');
  const viet = await seat(browser, DEMO.delegate3);
  await ask(viet, 'Kiến nghị về thủ tục');
  await ask(chair, 'Phát biểu');

  const queue = (page: Page) =>
    panel(page).getByRole('list', { name: 'Danh sách đăng ký phát biểu' }).getByRole('listitem');
  await expect(queue(chair)).toHaveCount(4);
  await expect(queue(chair).first()).toContainText(DEMO.delegate1.name);
  // Only the chair manages the list.
  await expect(panel(dung).getByRole('button', { name: 'Mời phát biểu' })).toHaveCount(0);

  // The point of order waits last until the chair accepts it; then it is first.
  await expect(queue(chair).nth(2)).toContainText(DEMO.delegate3.name);
  await queue(chair).nth(2).getByRole('button', { name: 'Chấp nhận kiến nghị' }).click();
  await expect(queue(chair).first()).toContainText(DEMO.delegate3.name);
  await expect(queue(dung).first()).toContainText(DEMO.delegate3.name);

  // The chair calls each in turn; everyone sees who speaks.
  const order = [DEMO.delegate3.name, DEMO.delegate1.name, DEMO.delegate2.name, DEMO.chair.name];
  for (const [i, name] of order.entries()) {
    await panel(chair).getByRole('button', { name: 'Mời người tiếp theo' }).click();
    await expect(panel(hang).getByTestId('speaker-now')).toContainText(name);
    await expect(projector.getByTestId('speaker-now')).toContainText(name);
    if (i === 1) {
      await expect(projector).toContainText(`Tiếp theo: ${DEMO.delegate2.name}`);
      await screen.screenshot({ path: 'test/output/screens/speakers-projector.png' });
    }
    await panel(chair).getByRole('button', { name: 'Kết thúc phát biểu' }).click();
    await expect(panel(chair).getByTestId('speaker-now')).toHaveCount(0);
  }
  await expect(panel(chair).getByText('Đã phát biểu (4)')).toBeVisible();
  await expect(queue(chair)).toHaveCount(0);
});
