/**
 * The chair renames and replaces an agenda document from the overview's agenda editor (issue #14
 * §5); a delegate sees the new name live and the document's versions, and opens the first one
 * read-only. The spec attaches its own document to the first item and removes it at the end, so
 * the demo meeting's documents are left as found (its history lists it as removed).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { buildVietnamesePack } from '../../tools/harness/pdf-fixtures';
import { expect, test } from './fixtures';
import { DEMO, seat } from './login-helper';

const ITEM = /Khai mạc, thông qua chương trình kỳ họp/;
const FIRST = 'Dự thảo chương trình kỳ họp';
const RENAMED = 'Chương trình kỳ họp (dự thảo 2)';
let dir: string;
let files: { first: string; second: string };

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dienhong-e2e-versions-'));
  files = { first: path.join(dir, `${FIRST}.pdf`), second: path.join(dir, 'ban-moi.pdf') };
  await writeFile(files.first, await buildVietnamesePack(2));
  await writeFile(files.second, await buildVietnamesePack(3));
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function openItem(page: Page) {
  await page
    .getByRole('navigation', { name: 'Chương trình họp' })
    .getByRole('button', { name: ITEM })
    .click();
  await expect(page.getByRole('heading', { level: 3, name: 'Tài liệu' })).toBeVisible();
}

async function choose(page: Page, button: ReturnType<Page['getByRole']>, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles(file);
}

test('the chair renames and replaces a document; a delegate sees it live, with its versions', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const chair = await seat(browser, DEMO.chair);
  const dung = await seat(browser, DEMO.delegate1);

  await openItem(chair);
  await choose(chair, chair.getByRole('button', { name: 'Đính kèm PDF…' }), files.first);
  await expect(chair.getByRole('status').filter({ hasText: 'Đã đính kèm' })).toBeVisible({
    timeout: 20_000,
  });
  await openItem(dung);
  const dungList = dung.locator('.docs__list').first();
  await expect(dungList).toContainText(FIRST);

  // The agenda editor, on the overview: rename, then replace the file.
  await chair.getByRole('button', { name: 'Tổng quan cuộc họp' }).click();
  const editor = chair.getByRole('region', { name: 'Sửa chương trình họp' });
  await editor.getByRole('button', { name: `Đổi tên: ${FIRST}` }).click();
  await editor.getByRole('textbox', { name: `Tên mới của tài liệu “${FIRST}”` }).fill(RENAMED);
  await editor.getByRole('button', { name: 'Lưu' }).click();
  await expect(dungList).toContainText(RENAMED);
  // The delegate reads it while the chair replaces the file: the reader follows to the new one.
  await dungList.getByRole('button', { name: `Mở tài liệu ${RENAMED}` }).click();
  const reader = dung.getByTestId('document-reader');
  await expect(reader.locator('.pdf-page')).toHaveCount(2, { timeout: 20_000 });

  await choose(chair, editor.getByRole('button', { name: `Thay tệp: ${RENAMED}` }), files.second);
  await expect(editor.getByRole('status')).toContainText(`Đã thay tệp của “${RENAMED}”`, {
    timeout: 20_000,
  });
  const row = dungList.locator('.docs__item').filter({ hasText: RENAMED });
  await expect(row).toContainText('3 trang');
  await expect(reader.locator('.pdf-page')).toHaveCount(3, { timeout: 20_000 });
  await chair.screenshot({ path: 'test/output/screens/document-edit-chair.png' });

  // Every member reads the versions and opens the first file, read-only.
  await row.getByText('Các phiên bản (3)').click();
  const versions = row.getByRole('list', { name: `Các phiên bản của “${RENAMED}”` });
  await expect(versions.getByRole('listitem')).toHaveText([
    new RegExp(`Đính kèm${FIRST}Trần Thị Hồng Nhung`),
    new RegExp(`Đổi tên${RENAMED.replace(/[()]/g, '\\$&')}Trần Thị Hồng Nhung`),
    /Thay tệp.*Trần Thị Hồng Nhung/,
  ]);
  await row.scrollIntoViewIfNeeded();
  await dung.screenshot({ path: 'test/output/screens/document-versions-list.png' });
  await versions.getByRole('button', { name: `Xem phiên bản 1 của “${FIRST}” (chỉ đọc)` }).click();
  await expect(reader).toContainText('Phiên bản cũ · chỉ đọc');
  await expect(reader.getByTestId('document-verified')).toBeVisible({ timeout: 20_000 });
  // The first file has two pages (the current one three): the old bytes, read-only.
  await expect(reader.locator('.pdf-page[data-page-index="0"] canvas[data-painted]')).toBeVisible();
  await expect(reader.locator('.pdf-page')).toHaveCount(2);
  await dung.screenshot({ path: 'test/output/screens/document-versions.png' });
  await reader.getByRole('button', { name: 'Đóng tài liệu' }).click();

  // Leave the item's documents as found: removed from the agenda, kept in the history.
  chair.once('dialog', (dialog) => void dialog.accept());
  await editor.getByRole('button', { name: `Gỡ tài liệu “${RENAMED}”` }).click();
  await expect(dung.getByText('Mục này chưa có tài liệu.')).toBeVisible();
  await expect(dung.getByText('Tài liệu đã gỡ')).toBeVisible();
});
