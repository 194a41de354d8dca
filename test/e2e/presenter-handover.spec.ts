/**
 * Presenter controls: the chair hands presenting to a delegate (a rapporteur presents their own
 * report) and takes it back; the presenter's zoom — a factor or a fit — is shared with
 * followers, and a follower may zoom on their own without leaving the presenter's page.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { buildVietnamesePack } from '../../tools/harness/pdf-fixtures';
import { expect, test } from './fixtures';
import { DEMO, seat } from './login-helper';

const ITEM = /Tờ trình về dự toán ngân sách năm 2027/;
const TITLE = 'Báo cáo thẩm tra – người trình bày được giao';
let dir: string;
let file: string;

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dienhong-e2e-handover-'));
  file = path.join(dir, `${TITLE}.pdf`);
  await writeFile(file, await buildVietnamesePack(5));
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const row = (page: Page) => page.getByRole('listitem').filter({ hasText: TITLE });

async function openDocument(page: Page) {
  await page
    .getByRole('navigation', { name: 'Chương trình họp' })
    .getByRole('button', { name: ITEM })
    .click();
  await expect(row(page)).toContainText('5 trang', { timeout: 20_000 });
  await row(page).getByRole('button', { name: 'Mở' }).click();
  await expect(page.locator('.pdf-page[data-page-index="0"] canvas[data-painted]')).toBeVisible({
    timeout: 20_000,
  });
}

test('the chair hands presenting to a delegate and takes it back; zoom is shared, and a follower may zoom alone', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const chair = await seat(browser, DEMO.chair);
  await chair
    .getByRole('navigation', { name: 'Chương trình họp' })
    .getByRole('button', { name: ITEM })
    .click();
  const chooser = chair.waitForEvent('filechooser');
  await chair.getByRole('button', { name: 'Đính kèm PDF…' }).click();
  await (await chooser).setFiles(file);
  await openDocument(chair);

  const delegate = await seat(browser, DEMO.delegate1);
  await openDocument(delegate);
  // A delegate has no handover control: presenter.set is the chair's.
  await expect(delegate.getByLabel('Chọn người trình bày')).toHaveCount(0);

  // The chair hands over.
  await chair.getByLabel('Chọn người trình bày').selectOption({ label: DEMO.delegate1.name });
  await chair.getByRole('button', { name: 'Giao trình bày', exact: true }).click();
  await expect(delegate.getByTestId('follow-bar')).toContainText('Bạn đang trình bày');
  await expect(chair.getByTestId('follow-state')).toContainText(`Đang theo ${DEMO.delegate1.name}`);

  // The presenter goes to page 3 and fits the whole page: the chair's screen follows both.
  const pageInput = (page: Page) => page.getByLabel('Số trang');
  await pageInput(delegate).fill('3');
  await pageInput(delegate).press('Enter');
  await delegate.getByLabel('Mức thu phóng').selectOption('page-fit');
  await expect(pageInput(chair)).toHaveValue('3', { timeout: 15_000 });
  await expect(chair.getByLabel('Mức thu phóng')).toHaveValue('page-fit');
  await chair.screenshot({ path: 'test/output/screens/presenter-handover-chair-following.png' });

  // The chair zooms on their own: still following, with a way back to the presenter's zoom.
  await chair.getByLabel('Mức thu phóng').selectOption('1.5');
  await expect(chair.getByTestId('follow-state')).toContainText(`Đang theo ${DEMO.delegate1.name}`);
  const back = chair.getByRole('button', { name: 'Theo cỡ trang của người trình bày' });
  await expect(back).toBeVisible();
  await pageInput(delegate).fill('4');
  await pageInput(delegate).press('Enter');
  await expect(pageInput(chair)).toHaveValue('4', { timeout: 15_000 });
  await expect(chair.getByLabel('Mức thu phóng')).toHaveValue('1.5');
  await back.click();
  await expect(chair.getByLabel('Mức thu phóng')).toHaveValue('page-fit');
  await expect(back).toHaveCount(0);

  // The chair takes presenting back.
  await chair.getByRole('button', { name: 'Lấy lại quyền trình bày' }).click();
  await expect(chair.getByTestId('follow-bar')).toContainText('Bạn đang trình bày');
  await expect(delegate.getByTestId('follow-state')).toContainText(`Đang theo ${DEMO.chair.name}`);
  await delegate.screenshot({ path: 'test/output/screens/presenter-handover-delegate-back.png' });
  await chair.getByRole('button', { name: 'Dừng trình bày' }).click();
  await expect(chair.getByTestId('follow-bar')).not.toContainText('Bạn đang trình bày');
});
