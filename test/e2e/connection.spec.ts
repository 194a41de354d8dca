/**
 * Losing the connection is said in a banner, not only by the header's dot, and the banner goes
 * away by itself once the room is connected again.
 */
import { expect, test } from './fixtures';
import { DEMO, enterDemoRoom, loginAs } from './login-helper';

test('a lost connection shows a banner while it lasts and none after reconnecting', async ({
  page,
  context,
}) => {
  await loginAs(page, DEMO.delegate2);
  await enterDemoRoom(page);
  const status = page.getByRole('status', { name: 'Kết nối' });
  await expect(status).toHaveText('Đã kết nối');
  const banner = page.getByTestId('sync-banner');
  await expect(banner).toHaveCount(0);

  await context.setOffline(true);
  await expect(banner).toContainText('Mất kết nối tới máy chủ.', { timeout: 15_000 });
  await expect(status).toHaveText('Mất kết nối');
  await page.screenshot({ path: 'test/output/screens/room-offline.png' });

  await context.setOffline(false);
  await expect(status).toHaveText('Đã kết nối', { timeout: 20_000 });
  await expect(banner).toHaveCount(0);
});
