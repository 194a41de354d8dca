/**
 * The room at 1366×768 as a real meeting found it: the reader comes into view when it has
 * rendered, a focus mode and a foldable agenda give it the screen, and when the chair presents
 * the secretary's minutes stay put with a small "đang trình bày" bar (one click to follow).
 * Screenshots of the delegate's and the presenting chair's room go to test/output/screens/.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { buildVietnamesePack } from '../../tools/harness/pdf-fixtures';
import { expect, test } from './fixtures';
import { DEMO, enterDemoRoom, loginAs } from './login-helper';

const ITEM = /Tờ trình về dự toán ngân sách năm 2027/;
const TITLE = 'Phụ lục chuyển đổi số – bản trình chiếu';
let dir: string;
let file: string;

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dienhong-e2e-layout-'));
  file = path.join(dir, `${TITLE}.pdf`);
  await writeFile(file, await buildVietnamesePack(4));
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function person(browser: Browser, member: { file: string; name: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await loginAs(page, member);
  await enterDemoRoom(page);
  return page;
}

async function showItem(page: Page) {
  await page
    .getByRole('navigation', { name: 'Chương trình họp' })
    .getByRole('button', { name: ITEM })
    .click();
  await expect(page.getByRole('heading', { level: 3, name: 'Tài liệu' })).toBeVisible();
}

const painted = (page: Page) => page.locator('.pdf-page[data-page-index="0"] canvas[data-painted]');

/** Top of the reader and of its first page, in window pixels. */
async function readerTop(page: Page): Promise<{ reader: number; firstPage: number }> {
  const reader = await page.getByTestId('document-reader').boundingBox();
  const first = await page.locator('.pdf-page[data-page-index="0"]').boundingBox();
  if (!reader || !first) throw new Error('reader not laid out');
  return { reader: reader.y, firstPage: first.y };
}

test('the reader gets the screen at 1366×768; presenting leaves the secretary on the minutes', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const chair = await person(browser, DEMO.chair);
  await showItem(chair);
  const chooser = chair.waitForEvent('filechooser');
  await chair.getByRole('button', { name: 'Đính kèm PDF…' }).click();
  await (await chooser).setFiles(file);
  const row = (page: Page) => page.getByRole('listitem').filter({ hasText: TITLE });
  await expect(row(chair)).toContainText('4 trang', { timeout: 20_000 });

  // The secretary is writing the minutes.
  const secretary = await person(browser, DEMO.secretary);
  await secretary.getByRole('button', { name: /Biên bản/ }).click();
  await expect(secretary.getByRole('heading', { name: 'Biên bản cuộc họp' })).toBeVisible();

  // A delegate opens the document: once rendered, the reader is at the top of the main area.
  const delegate = await person(browser, DEMO.delegate1);
  await showItem(delegate);
  await row(delegate).getByRole('button', { name: 'Mở' }).click();
  await expect(painted(delegate)).toBeVisible({ timeout: 20_000 });
  await expect.poll(async () => (await readerTop(delegate)).reader).toBeLessThan(140);
  await delegate.screenshot({ path: 'test/output/screens/room-delegate.png' });

  // Focus mode: the reader alone over the window; Escape leaves it.
  await delegate.getByRole('button', { name: 'Chế độ đọc' }).click();
  await expect.poll(async () => (await readerTop(delegate)).reader).toBeLessThan(5);
  const covers = await delegate.getByTestId('document-reader').boundingBox();
  expect([covers?.width, covers?.height]).toEqual([1366, 768]);
  await delegate.screenshot({ path: 'test/output/screens/room-delegate-focus.png' });
  expect((await readerTop(delegate)).firstPage).toBeLessThan(200);
  await delegate.keyboard.press('Escape');
  await expect(delegate.getByRole('button', { name: 'Chế độ đọc' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );

  // Folding the agenda gives the main area the width; unfolding brings it back.
  const widthBefore = (await delegate.locator('#main').boundingBox())?.width ?? 0;
  await delegate.getByRole('button', { name: 'Thu gọn chương trình họp' }).click();
  await expect(delegate.getByRole('navigation', { name: 'Chương trình họp' })).toBeHidden();
  expect((await delegate.locator('#main').boundingBox())?.width ?? 0).toBeGreaterThan(
    widthBefore + 250,
  );
  await delegate.getByRole('button', { name: 'Hiện chương trình họp' }).click();
  await expect(delegate.getByRole('navigation', { name: 'Chương trình họp' })).toBeVisible();

  // The chair presents: followers are taken to it, the secretary is not.
  await row(chair).getByRole('button', { name: 'Mở' }).click();
  await expect(painted(chair)).toBeVisible({ timeout: 20_000 });
  await chair.getByRole('button', { name: 'Trình bày tài liệu này' }).click();
  await expect(chair.getByTestId('follow-bar')).toContainText('Bạn đang trình bày');
  await expect.poll(async () => (await readerTop(chair)).reader).toBeLessThan(200);
  await chair.screenshot({ path: 'test/output/screens/room-chair-presenting.png' });
  await expect(delegate.getByTestId('follow-state')).toContainText('Đang theo Trần Thị Hồng Nhung');

  const bar = secretary.getByTestId('presenting-bar');
  await expect(bar).toContainText('Trần Thị Hồng Nhung đang trình bày');
  await expect(bar).toContainText('Tờ trình về dự toán ngân sách năm 2027');
  await expect(secretary.getByRole('heading', { name: 'Biên bản cuộc họp' })).toBeVisible();
  await expect(secretary).toHaveURL(/minutes/);
  await secretary.screenshot({ path: 'test/output/screens/room-secretary-minutes.png' });
  // One click to follow.
  await bar.getByRole('button', { name: 'Theo người trình bày' }).click();
  await expect(secretary.getByTestId('follow-state')).toContainText(
    'Đang theo Trần Thị Hồng Nhung',
  );
  await expect(painted(secretary)).toBeVisible({ timeout: 20_000 });

  await chair.getByRole('button', { name: 'Dừng trình bày' }).click();
  await expect(chair.getByTestId('follow-bar')).not.toContainText('Bạn đang trình bày');
});
