/**
 * Annotations and follow mode, as delegates and the chair use them: marks made by one delegate,
 * one shared; another delegate sees only the shared one; the chair presents and followers' pages
 * follow; detach and snap back. Screenshots at two zoom levels are for looking at alignment.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from '@playwright/test';
import { buildVietnamesePack } from '../../tools/harness/pdf-fixtures';
import { expect, test } from './fixtures';
import { DEMO, enterDemoRoom, loginAs } from './login-helper';

const ITEM = /Tờ trình về dự toán ngân sách năm 2027/;
const TITLE = 'Tờ trình dự toán 2027 – bản ghi chú';
const LINE = 'Hội đồng xem xét, thảo luận';
let dir: string;
let file: string;

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dienhong-e2e-annot-'));
  file = path.join(dir, `${TITLE}.pdf`);
  await writeFile(file, await buildVietnamesePack(8));
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function person(browser: Browser, member: { file: string; name: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await loginAs(page, member);
  await enterDemoRoom(page);
  await page
    .getByRole('navigation', { name: 'Chương trình họp' })
    .getByRole('button', { name: ITEM })
    .click();
  await expect(page.getByRole('heading', { level: 3, name: 'Tài liệu' })).toBeVisible();
  return page;
}

async function openDocument(page: Page) {
  const row = page.getByRole('listitem').filter({ hasText: TITLE });
  await row.getByRole('button', { name: 'Mở' }).click();
  await expect(page.getByTestId('document-verified')).toBeVisible({ timeout: 20_000 });
  await expect(painted(page, 0)).toBeVisible({ timeout: 15_000 });
  // Bring the reader to the top of the window, as a delegate scrolls to read it.
  await page.locator('.docs__reader').evaluate((e) => e.scrollIntoView({ block: 'start' }));
}

const painted = (page: Page, index: number) =>
  page.locator(`.pdf-page[data-page-index="${index}"] canvas[data-painted]`);
const marks = (page: Page, index: number, kind: string) =>
  page.locator(`.annot-page[data-page-index="${index}"] [data-kind="${kind}"]`);
const currentPage = (page: Page) =>
  page.locator('.pdf-viewer__scroll').getAttribute('data-current-page');

/** Drags the mouse across a text-layer span, selecting its text. */
async function selectText(page: Page, span: Locator) {
  const box = await span.boundingBox();
  if (!box) throw new Error('span not visible');
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** How far the highlight's box is from the text it marks (px), whatever the zoom. */
async function misalignment(page: Page, span: Locator): Promise<number> {
  const text = await span.boundingBox();
  const mark = await marks(page, 0, 'highlight').first().boundingBox();
  if (!text || !mark) throw new Error('missing box');
  return Math.max(
    Math.abs(text.x - mark.x),
    Math.abs(text.y + text.height / 2 - (mark.y + mark.height / 2)),
    Math.abs(text.x + text.width - (mark.x + mark.width)),
  );
}

/** The highlight's box relative to page 1's box. */
async function markInPage(page: Page) {
  const box = await page.locator('.pdf-page[data-page-index="0"]').boundingBox();
  const mark = await marks(page, 0, 'highlight').first().boundingBox();
  if (!box || !mark) throw new Error('missing box');
  return {
    W: box.width,
    H: box.height,
    x: mark.x - box.x,
    y: mark.y - box.y,
    w: mark.width,
    h: mark.height,
  };
}

test('delegates annotate privately and together; the chair presents and followers follow', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const chair = await person(browser, DEMO.chair);
  const chooser = chair.waitForEvent('filechooser');
  await chair.getByRole('button', { name: 'Đính kèm PDF…' }).click();
  await (await chooser).setFiles(file);
  await expect(chair.getByRole('listitem').filter({ hasText: TITLE })).toContainText('8 trang', {
    timeout: 20_000,
  });

  try {
    // Delegate 1: a private highlight from a text selection, and an ink stroke made shared.
    const dung = await person(browser, DEMO.delegate1);
    await openDocument(dung);
    const span = dung
      .locator('.pdf-page[data-page-index="0"] .textLayer span')
      .filter({ hasText: LINE });
    await selectText(dung, span);
    await dung.getByRole('button', { name: 'Tô sáng đoạn đã chọn' }).click();
    await expect(marks(dung, 0, 'highlight')).toHaveCount(1);
    await expect(marks(dung, 0, 'highlight')).toHaveAttribute('data-visibility', 'private');

    await dung.getByRole('radio', { name: 'Vẽ tay' }).click();
    const pageBox = await dung.locator('.pdf-page[data-page-index="0"]').boundingBox();
    if (!pageBox) throw new Error('no page box');
    const x0 = pageBox.x + pageBox.width * 0.2;
    const y0 = pageBox.y + 330;
    await dung.mouse.move(x0, y0);
    await dung.mouse.down();
    for (let i = 1; i <= 10; i++) await dung.mouse.move(x0 + i * 25, y0 + (i % 2 ? 18 : -18));
    await dung.mouse.up();
    await expect(marks(dung, 0, 'ink')).toHaveCount(1);

    // Share the stroke from its actions: select it, then "Chia sẻ". At 1366 px the side list
    // starts closed (the page gets the width); open it from the toolbar.
    await dung.getByRole('radio', { name: 'Chọn', exact: true }).click();
    const listToggle = dung.getByRole('button', { name: 'Danh sách ghi chú' });
    await expect(listToggle).toHaveAttribute('aria-expanded', 'false');
    await listToggle.click();
    await dung.getByRole('button', { name: 'Đến ghi chú trên trang 1' }).nth(1).click();
    await dung.locator('.annot-actions').getByRole('button', { name: 'Chia sẻ' }).click();
    await expect(marks(dung, 0, 'ink')).toHaveAttribute('data-visibility', 'shared');
    await expect(dung.locator('.annot-list')).toContainText('Lê Văn Dũng');
    await listToggle.click();
    await expect(dung.locator('.annot-list')).toBeHidden();

    // The highlight sits on its words at 100% and at 150%.
    const zoom = dung.getByLabel('Mức thu phóng');
    await zoom.selectOption('1');
    await expect(painted(dung, 0)).toBeVisible();
    await expect.poll(() => misalignment(dung, span)).toBeLessThan(4);
    // An A4 page at 100% fits the reader's width: no sideways scrolling.
    const scroller = dung.locator('.pdf-viewer__scroll');
    expect(await scroller.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
    await dung.screenshot({ path: 'test/output/annotations-100.png' });
    await zoom.selectOption('1.5');
    await expect(painted(dung, 0)).toBeVisible();
    await expect.poll(() => misalignment(dung, span)).toBeLessThan(5);
    await dung.screenshot({ path: 'test/output/annotations-150.png' });
    // Turned a quarter clockwise: the mark lands where the page's own geometry puts its text —
    // (x, y, w, h) on the upright page becomes (H − y − h, x, h, w) — checked against the page box.
    const upright = await markInPage(dung);
    await dung.getByRole('button', { name: 'Xoay trang' }).click();
    await expect
      .poll(async () => {
        const turned = await markInPage(dung);
        return Math.max(
          Math.abs(turned.W - upright.H),
          Math.abs(turned.x - (upright.H - upright.y - upright.h)),
          Math.abs(turned.y - upright.x),
          Math.abs(turned.w - upright.h),
          Math.abs(turned.h - upright.w),
        );
      })
      .toBeLessThan(3);
    // The marked line now runs down the right-hand side: scroll there to look at it.
    await dung.locator('.pdf-viewer__scroll').evaluate((e) => (e.scrollLeft = e.scrollWidth));
    await dung.waitForTimeout(300);
    await dung.screenshot({ path: 'test/output/annotations-150-rotated.png' });
    for (let i = 0; i < 3; i++) await dung.getByRole('button', { name: 'Xoay trang' }).click();

    // Delegate 2 sees the shared stroke with its author, and not the private highlight.
    const hang = await person(browser, DEMO.delegate2);
    await openDocument(hang);
    await expect(marks(hang, 0, 'ink')).toHaveCount(1);
    await expect(marks(hang, 0, 'ink').locator('title')).toContainText('Lê Văn Dũng');
    await expect(marks(hang, 0, 'highlight')).toHaveCount(0);
    await hang.getByRole('button', { name: 'Danh sách ghi chú' }).click();
    await expect(hang.locator('.annot-list')).toContainText('Nét vẽ');

    // The chair presents; a follower's page follows.
    await openDocument(chair);
    await chair.getByRole('button', { name: 'Trình bày tài liệu này' }).click();
    await expect(chair.getByTestId('follow-bar')).toContainText('Bạn đang trình bày');
    await expect(hang.getByTestId('follow-state')).toContainText('Đang theo Trần Thị Hồng Nhung');
    // Delegate 1 went off on their own from the side list: one click brings them back.
    await expect(dung.getByTestId('follow-state')).toContainText('Bạn đang xem tự do');
    await dung.getByRole('button', { name: 'Theo người trình bày' }).click();
    await expect(dung.getByTestId('follow-state')).toContainText('Đang theo Trần Thị Hồng Nhung');
    const chairPage = chair.getByLabel('Số trang');
    await chairPage.fill('3');
    await chairPage.press('Enter');
    await expect.poll(() => currentPage(hang), { timeout: 10_000 }).toBe('2');

    // Detach: the chair moves on, the detached delegate stays; the chair sees who left.
    await hang.getByRole('button', { name: 'Xem tự do' }).click();
    await expect(chair.getByTestId('follow-detached')).toContainText('Phạm Thị Thu Hằng');
    await chairPage.fill('5');
    await chairPage.press('Enter');
    await expect.poll(() => currentPage(dung), { timeout: 10_000 }).toBe('4');
    expect(await currentPage(hang)).toBe('2');
    // Snap back with one click.
    await hang.getByRole('button', { name: 'Theo người trình bày' }).click();
    await expect.poll(() => currentPage(hang), { timeout: 10_000 }).toBe('4');
    await expect(chair.getByTestId('follow-count')).toContainText('2/2');
    await hang.screenshot({ path: 'test/output/annotations-follower.png' });

    // Choosing another agenda item is browsing on one's own: the follower stays there.
    await hang
      .getByRole('navigation', { name: 'Chương trình họp' })
      .getByRole('button', { name: /Bế mạc kỳ họp/ })
      .click();
    await expect(hang.getByRole('heading', { level: 2, name: 'Bế mạc kỳ họp' })).toBeVisible();
    await expect(chair.getByTestId('follow-detached')).toContainText('Phạm Thị Thu Hằng');
    await hang.waitForTimeout(500);
    await expect(hang.getByRole('heading', { level: 2, name: 'Bế mạc kỳ họp' })).toBeVisible();
  } finally {
    // Leave nobody presenting: later tests enter the same demo meeting.
    const stop = chair.getByRole('button', { name: 'Dừng trình bày' });
    if (await stop.isVisible()) {
      await stop.click();
      await expect(chair.getByTestId('follow-bar')).not.toContainText('Bạn đang trình bày');
    }
  }
});
