import { expect, test } from './fixtures';

test('the app frame speaks Vietnamese first, switches to English and back, and remembers', async ({
  page,
}) => {
  await page.goto('/');
  const header = page.getByRole('banner');
  await expect(header.getByText('Phòng họp không giấy')).toBeVisible();
  await expect(page.getByRole('status', { name: 'Kết nối' })).toHaveText('Đã kết nối');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(header.getByText('Paperless meeting room')).toBeVisible();
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.screenshot({ path: 'test/output/shell-en.png' });

  await page.reload();
  await expect(header.getByText('Paperless meeting room')).toBeVisible();

  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(header.getByText('Phòng họp không giấy')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await page.screenshot({ path: 'test/output/shell-vi.png' });
});

test('the frame is usable from the keyboard alone', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Chuyển đến nội dung chính' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'English' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('banner').getByText('Paperless meeting room')).toBeVisible();
});

test('the server answers health as JSON and sends the web client with a strict CSP', async ({
  request,
}) => {
  const health = await request.get('/healthz');
  expect(health.ok()).toBe(true);
  expect(await health.json()).toMatchObject({ status: 'ok', version: expect.any(String) });
  const page = await request.get('/');
  const csp = page.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(page.headers()['x-content-type-options']).toBe('nosniff');
});
