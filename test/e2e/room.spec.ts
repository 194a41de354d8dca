import { expect, test } from './fixtures';
import { DEMO, enterDemoRoom, loginAs } from './login-helper';

test('a delegate enters the room and sees the live agenda from the control document', async ({
  page,
}) => {
  await loginAs(page, DEMO.delegate1);
  await enterDemoRoom(page);
  const agenda = page.getByRole('navigation', { name: 'Chương trình họp' });
  await expect(
    agenda.getByRole('button', { name: /Tờ trình về dự toán ngân sách năm 2027/ }),
  ).toBeVisible();
  await expect(page.getByRole('status', { name: 'Kết nối' })).toHaveText('Đã kết nối');
  await agenda.getByRole('button', { name: /Báo cáo tình hình kinh tế/ }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Báo cáo tình hình kinh tế – xã hội năm 2026' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/#\/meetings\/demo-ky-hop\/items\//);
  await page.screenshot({ path: 'test/output/room-delegate.png' });
});
