/**
 * The chair edits the agenda from the room's overview (issue #14 §5): adds an item, renames it,
 * moves it up, and removes it again; a delegate's agenda follows live. The demo agenda is left
 * as it was found (later specs use its items).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO, seat } from './login-helper';

/** The agenda's items in the sidebar (not the room-wide links under it). */
const sidebar = (page: Page) =>
  page.getByRole('navigation', { name: 'Chương trình họp' }).locator('.agenda__items button');

test('the chair adds, renames, moves and removes an agenda item; a delegate sees it live', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const chair = await seat(browser, DEMO.chair);
  const dung = await seat(browser, DEMO.delegate1);
  const before = await sidebar(dung).allTextContents();
  const editor = chair.getByRole('region', { name: 'Sửa chương trình họp' });
  await expect(editor).toBeVisible();
  await expect(dung.getByRole('region', { name: 'Sửa chương trình họp' })).toHaveCount(0);

  await editor.getByLabel('Nội dung mới').fill('Các vấn đề khác');
  await editor.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(sidebar(dung).last()).toContainText('Các vấn đề khác');

  const row = editor.getByRole('listitem').filter({ hasText: 'Các vấn đề khác' });
  await row.getByRole('button', { name: 'Đổi tên' }).click();
  const input = editor.getByRole('textbox', { name: /^Tên nội dung/ });
  await input.fill('Các vấn đề phát sinh');
  await editor.getByRole('button', { name: 'Lưu' }).click();
  await expect(sidebar(dung).last()).toContainText('Các vấn đề phát sinh');

  await editor.getByRole('button', { name: 'Đưa “Các vấn đề phát sinh” lên' }).click();
  await expect(sidebar(dung).nth(before.length - 1)).toContainText('Các vấn đề phát sinh');
  await expect(sidebar(dung).last()).toContainText('Bế mạc kỳ họp');
  await chair.screenshot({ path: 'test/output/screens/agenda-editor.png' });

  chair.once('dialog', (dialog) => void dialog.accept());
  await editor.getByRole('button', { name: 'Xóa “Các vấn đề phát sinh”' }).click();
  await expect(sidebar(dung)).toHaveCount(before.length);
  expect(await sidebar(dung).allTextContents()).toEqual(before);
});
