import { mkdtemp, rm, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { buildVietnamesePack, SEARCH_WORD, writeFixtures } from '../../tools/harness/pdf-fixtures';
import { expect, test } from './fixtures';
import { DEMO, enterDemoRoom, loginAs } from './login-helper';

const ITEM = /Báo cáo tình hình kinh tế/;
const TITLE = 'Báo cáo kinh tế – xã hội 2026 (300 trang)';
let dir: string;
let files: { pack: string; rotated: string; broken: string; nonPdf: string };

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dienhong-e2e-pdf-'));
  const built = await writeFixtures(dir);
  // The file name becomes the document's title, as when a secretary picks a file.
  const pack = path.join(dir, `${TITLE}.pdf`);
  await copyFile(built.pack, pack);
  files = { pack, rotated: built.rotated, broken: built.broken, nonPdf: built.nonPdf };
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function openItem(page: Page) {
  await enterDemoRoom(page);
  await page
    .getByRole('navigation', { name: 'Chương trình họp' })
    .getByRole('button', { name: ITEM })
    .click();
  await expect(page.getByRole('heading', { level: 3, name: 'Tài liệu' })).toBeVisible();
}

async function attach(page: Page, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Đính kèm PDF…' }).click();
  await (await chooser).setFiles(file);
}

test('the chair attaches a PDF; a broken one and a non-PDF are refused with clear messages', async ({
  page,
}) => {
  await loginAs(page, DEMO.chair);
  await openItem(page);
  await attach(page, files.pack);
  await expect(page.getByRole('status').filter({ hasText: 'Đã đính kèm' })).toBeVisible({
    timeout: 20_000,
  });
  const row = page.getByRole('listitem').filter({ hasText: TITLE });
  await expect(row).toContainText('300 trang');

  await attach(page, files.broken);
  await expect(page.getByRole('alert')).toContainText('Tệp PDF này bị hỏng, không mở được.');
  await attach(page, files.nonPdf);
  await expect(page.getByRole('alert')).toContainText('Tệp này không phải là PDF.');
  await page.screenshot({ path: 'test/output/documents-refused.png' });
  // The server kept running and the list still holds only the good document.
  await expect(page.locator('.docs__title', { hasText: /^(hong|khong-phai-pdf)$/ })).toHaveCount(0);

  // Drag and drop onto the item: the same upload and attach as the button.
  const dropped = await buildVietnamesePack(2);
  const transfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    const file = new File([new Uint8Array(data)], 'Phụ lục kéo thả.pdf', {
      type: 'application/pdf',
    });
    dt.items.add(file);
    return dt;
  }, Array.from(dropped));
  await page.locator('.docs__drop').dispatchEvent('dragover', { dataTransfer: transfer });
  await expect(page.locator('.docs__drop')).toContainText('Thả tệp PDF để đính kèm');
  await page.locator('.docs__drop').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByRole('listitem').filter({ hasText: 'Phụ lục kéo thả' })).toContainText(
    '2 trang',
  );

  // A page with /Rotate 90 is shown landscape; the rotate button turns every page a quarter.
  await attach(page, files.rotated);
  const rotatedRow = page.getByRole('listitem').filter({ hasText: 'trang-xoay' });
  await expect(rotatedRow).toContainText('3 trang');
  await rotatedRow.getByRole('button', { name: 'Mở' }).click();
  const box = (i: number) => page.locator(`.pdf-page[data-page-index="${i}"]`).boundingBox();
  await page.getByLabel('Số trang').fill('2');
  await page.getByLabel('Số trang').press('Enter');
  await expect(page.locator('.pdf-page[data-page-index="1"] canvas[data-painted]')).toBeVisible();
  const p1 = await box(0);
  expect(p1 && p1.height > p1.width).toBe(true);
  await expect
    .poll(async () => {
      const b = await box(1);
      return b ? b.width > b.height : false;
    })
    .toBe(true);
  // The text layer turns with the canvas: on the landscape page a line of text runs down the
  // page, and every word stays inside the page box.
  const rotatedPage = page.locator('.pdf-page[data-page-index="1"]');
  await expect(rotatedPage.locator('.textLayer span').first()).toBeAttached();
  const pageBox = await rotatedPage.boundingBox();
  const spanBox = await rotatedPage.locator('.textLayer span').first().boundingBox();
  expect(spanBox && spanBox.height > spanBox.width).toBe(true);
  expect(
    pageBox &&
      spanBox &&
      spanBox.x >= pageBox.x - 1 &&
      spanBox.y >= pageBox.y - 1 &&
      spanBox.x + spanBox.width <= pageBox.x + pageBox.width + 1 &&
      spanBox.y + spanBox.height <= pageBox.y + pageBox.height + 1,
  ).toBe(true);
  await page
    .locator('.pdf-viewer')
    .screenshot({ path: 'test/output/documents-viewer-rotated.png' });
  await page.getByRole('button', { name: 'Xoay trang' }).click();
  await expect
    .poll(async () => {
      const b = await box(0);
      return b ? b.width > b.height : false;
    })
    .toBe(true);
  await page.getByRole('button', { name: 'Đóng tài liệu' }).click();
});

test('a delegate downloads the document (progress, hash checked) and reads it in the viewer', async ({
  page,
}) => {
  await loginAs(page, DEMO.delegate1);
  await openItem(page);
  await expect(page.getByRole('button', { name: 'Đính kèm PDF…' })).toHaveCount(0);
  const row = page.getByRole('listitem').filter({ hasText: TITLE });
  await expect(row).toContainText('300 trang');

  // Hold the response back a moment so the progress bar is on screen, as on a slow network.
  await page.route('**/api/meetings/*/blobs/*', async (route) => {
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 700));
    await route.fulfill({ response });
  });
  await row.getByRole('button', { name: 'Mở' }).click();
  await expect(page.getByLabel('Tiến độ tải tài liệu')).toBeVisible();
  await expect(page.getByTestId('document-verified')).toContainText('Đã kiểm tra toàn vẹn');

  const scroller = page.locator('.pdf-viewer__scroll');
  const painted = (n: number) =>
    page.locator(`.pdf-page[data-page-index="${n - 1}"] canvas[data-painted]`);
  await expect(painted(1)).toBeVisible({ timeout: 15_000 });
  const pageInput = page.getByLabel('Số trang');
  await expect(pageInput).toHaveValue('1');
  await expect(page.getByRole('toolbar', { name: 'Thanh công cụ tài liệu' })).toContainText(
    '/ 300',
  );

  // Scrolling moves the page number; far pages release their canvases.
  await scroller.hover();
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, 900);
  await expect(pageInput).not.toHaveValue('1');
  await pageInput.fill('120');
  await pageInput.press('Enter');
  await expect(painted(120)).toBeVisible();
  await expect(scroller).toHaveAttribute('data-current-page', '119');
  expect(await page.locator('.pdf-page canvas').count()).toBeLessThan(12);

  // Thumbnails: a click on one goes to its page.
  await page.getByRole('button', { name: 'Trang thu nhỏ' }).click();
  await page.getByRole('button', { name: 'Trang 5', exact: true }).click();
  await expect(pageInput).toHaveValue('5');
  await expect(painted(5)).toBeVisible();
  await page.getByRole('button', { name: 'Trang thu nhỏ' }).click();

  // Keyboard: End goes to the last page, Home back to the first.
  await scroller.focus();
  await page.keyboard.press('End');
  await expect(pageInput).toHaveValue('300');
  await page.keyboard.press('Home');
  await expect(pageInput).toHaveValue('1');

  // Zoom: fit width by default, then 100% and 150%; the page box follows.
  const box = () => page.locator('.pdf-page[data-page-index="0"]').boundingBox();
  const zoom = page.getByLabel('Mức thu phóng');
  await zoom.selectOption('1');
  await expect(painted(1)).toBeVisible();
  const at100 = (await box())?.width ?? 0;
  expect(Math.round(at100)).toBe(794); // A4 at 96 dpi
  await page.screenshot({ path: 'test/output/documents-viewer-100.png' });
  await zoom.selectOption('1.5');
  await expect
    .poll(async () => Math.round((await box())?.width ?? 0))
    .toBe(Math.round(at100 * 1.5));

  // Find a Vietnamese word: every page has it; the current hit is highlighted.
  await page.keyboard.press('Control+f');
  const findInput = page.getByLabel('Tìm trong tài liệu');
  await expect(findInput).toBeFocused();
  await findInput.fill(SEARCH_WORD);
  await expect(page.locator('.pdf-find__count')).toHaveText('1 / 300', { timeout: 20_000 });
  const current = page.locator('mark.find-hit--current');
  await expect(current).toBeVisible();
  await expect(current).toHaveText(SEARCH_WORD);
  await findInput.press('Enter');
  await expect(page.locator('.pdf-find__count')).toHaveText('2 / 300');
  await expect(pageInput).toHaveValue('2');
  await expect(page.locator('.pdf-page[data-page-index="1"] mark.find-hit--current')).toBeVisible();
  await page.screenshot({ path: 'test/output/documents-viewer-150-find.png' });
});
