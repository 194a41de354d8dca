import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect } from './fixtures';

/** Demo members' .p12 files (sync-server/admin/demo.ts). */
export const DEMO = {
  chair: { file: '1-chu-toa-tran-thi-hong-nhung.p12', name: 'Trần Thị Hồng Nhung' },
  secretary: { file: '2-thu-ky-nguyen-tien-sy.p12', name: 'Nguyễn Tiến Sỹ' },
  delegate1: { file: '3-dai-bieu-le-van-dung.p12', name: 'Lê Văn Dũng' },
  delegate2: { file: '4-dai-bieu-pham-thi-thu-hang.p12', name: 'Phạm Thị Thu Hằng' },
  delegate3: { file: '5-dai-bieu-dang-quoc-viet.p12', name: 'Đặng Quốc Việt' },
  display: { file: '7-man-hinh-phong-hop.p12', name: 'Màn hình phòng họp' },
} as const;

export const DEMO_MEETING_ID = 'demo-ky-hop';

function demoDir(): string {
  const dir = process.env.DIENHONG_E2E_DEMO_DIR;
  if (!dir) throw new Error('DIENHONG_E2E_DEMO_DIR is not set: global-setup seeds the demo data');
  return dir;
}

/**
 * Imports the member's .p12 through the file chooser and logs in with its password, typed once,
 * as a person would.
 * `fromDir` is the demo folder of the server the page talks to (global-setup's by default).
 */
export async function loginAs(
  page: Page,
  member: { file: string; name: string },
  fromDir: string = demoDir(),
): Promise<void> {
  const password = (await readFile(path.join(fromDir, 'PASSWORD.txt'), 'utf8')).trim();
  await page.goto('/');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Nhập tệp .p12' }).click();
  await (await chooser).setFiles(path.join(fromDir, member.file));
  await page.getByLabel('Mật khẩu của tệp').fill(password);
  await page.getByRole('button', { name: 'Nhập và đăng nhập', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Tài khoản' })).toContainText(member.name);
}

/** Opens the demo meeting's room from the meeting list. */
export async function enterDemoRoom(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Vào phòng họp' }).first().click();
  await expect(page.getByRole('navigation', { name: 'Chương trình họp' })).toBeVisible();
}

/**
 * The chair opens the meeting (khai mạc) if it is not open yet: check-in and ballots need it.
 * The shared server's meeting may already have been opened by an earlier spec.
 */
export async function openMeeting(chair: Page): Promise<void> {
  const bar = chair.getByRole('region', { name: 'Tiến trình cuộc họp' });
  const open = bar.getByRole('button', { name: 'Khai mạc', exact: true });
  await expect(bar.getByText(/^(Chưa khai mạc|Đang họp)$/)).toBeVisible();
  if ((await bar.getByText('Chưa khai mạc', { exact: true }).count()) > 0) await open.click();
  await expect(bar.getByText('Đang họp', { exact: true })).toBeVisible();
}

/**
 * A member at their own laptop: a fresh browser context (1366×768 unless said), logged in, in
 * the demo meeting's room.
 */
export async function seat(
  browser: Browser,
  member: { file: string; name: string },
  viewport = { width: 1366, height: 768 },
): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await loginAs(page, member);
  await enterDemoRoom(page);
  return page;
}
