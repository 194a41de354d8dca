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

  // The room keeps offline copies of the shared and private documents for this member…
  const localCopies = () =>
    page.evaluate(async () =>
      (await indexedDB.databases())
        .map((d) => d.name ?? '')
        .filter((n) => n.includes('#demo-delegate-1')),
    );
  await expect.poll(localCopies).toHaveLength(2);
  // …and logging out of a shared meeting laptop deletes them.
  await page
    .getByRole('group', { name: 'Tài khoản' })
    .getByRole('button', { name: 'Đăng xuất' })
    .click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập', level: 2 })).toBeVisible();
  await expect.poll(localCopies).toEqual([]);
});
