/**
 * Signature images as people use them: the secretary uploads her signature image from her own
 * session, the chair may not set the organisation's seal (administrators only; the demo has no
 * administrator, so the seal's drawing is judged in test/integration instead), the minutes are
 * finalized and signed in the browser, the app draws the secretary's image in her field, and
 * both signatures stay valid for poppler. The image stays on the demo server for later runs
 * (the upload replaces it); the signed page is rendered for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { createJudges } from '../helpers/pdf-judges';
import { expect, test } from './fixtures';
import { DEMO, enterDemoRoom, loginAs } from './login-helper';

type Member = { file: string; name: string };

const password = () =>
  readFileSync(path.join(process.env.DIENHONG_E2E_DEMO_DIR ?? '', 'PASSWORD.txt'), 'utf8').trim();

async function seat(browser: Browser, member: Member): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await loginAs(page, member);
  await enterDemoRoom(page);
  await page
    .getByRole('navigation', { name: 'Chương trình họp' })
    .getByRole('button', { name: /Biên bản/ })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'Biên bản cuộc họp' })).toBeVisible();
  return page;
}

const status = (page: Page) => page.locator('.minutes-status');

function png(size: [number, number], paint: (x: number, y: number) => number[]): number[] {
  const image = new PNG({ width: size[0], height: size[1] });
  for (let y = 0; y < size[1]; y++)
    for (let x = 0; x < size[0]; x++) image.data.set(paint(x, y), (y * size[0] + x) * 4);
  return [...PNG.sync.write(image)];
}

/** PUTs a PNG with the page's own session (the member's token in this tab). */
async function upload(page: Page, route: (memberId: string) => string, bytes: number[]) {
  return page.evaluate(
    async ({ bytes, paths }) => {
      const session = JSON.parse(sessionStorage.getItem('dienhong.session') ?? 'null') as {
        token: string;
        member: { id: string };
      };
      const url = paths.replace(':me', session.member.id);
      const res = await fetch(url, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'image/png' },
        body: new Uint8Array(bytes),
      });
      return res.status;
    },
    { bytes, paths: route(':me') },
  );
}

async function sign(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Ký số biên bản' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ký số biên bản' });
  await dialog.getByLabel('Mật khẩu tệp .p12').fill(password());
  await dialog.getByRole('button', { name: 'Ký', exact: true }).click();
}

test('signed minutes show the secretary’s uploaded signature image, and stay valid', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const chair = await seat(browser, DEMO.chair);
  await expect(status(chair)).toHaveText(/./);
  if (!(await status(chair).textContent())?.startsWith('Bản nháp')) {
    await chair.getByRole('button', { name: 'Mở lại để sửa (xóa các chữ ký)' }).click();
    await chair.getByRole('dialog').getByRole('button', { name: 'Mở lại' }).click();
    await expect(status(chair)).toHaveText('Bản nháp — đang soạn chung');
  }
  const secretary = await seat(browser, DEMO.secretary);

  const stroke = png([240, 80], (x, y) => [
    20,
    50,
    180,
    Math.abs(y - 40 - Math.sin(x / 12) * 22) < 3 ? 255 : 0,
  ]);
  expect(await upload(secretary, (me) => `/api/members/${me}/signature-image`, stroke)).toBe(200);
  // The seal is the administrators'; the chair is not one: refused, then set by the demo admin.
  const seal = png([150, 150], (x, y) => {
    const d = Math.hypot(x - 75, y - 75);
    return [200, 16, 24, (d < 73 && d > 60) || d < 22 ? 255 : 0];
  });
  expect(await upload(chair, () => '/api/seal', seal)).toBe(403);

  await secretary.getByRole('button', { name: 'Chốt biên bản' }).click();
  await secretary.getByRole('dialog').getByRole('button', { name: 'Chốt biên bản' }).click();
  await expect(status(secretary)).toHaveText('Đã chốt — chờ Thư ký ký');
  await sign(secretary);
  await expect(status(secretary)).toHaveText('Thư ký đã ký — chờ Chủ tọa ký', { timeout: 20_000 });
  await expect(status(chair)).toHaveText('Thư ký đã ký — chờ Chủ tọa ký');
  await sign(chair);
  await expect(status(chair)).toHaveText('Đã ký đủ (Thư ký và Chủ tọa)', { timeout: 20_000 });

  const download = chair.waitForEvent('download');
  await chair.getByRole('button', { name: 'Tải biên bản (PDF)' }).click();
  const dir = test.info().outputPath('minutes-images');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'bien-ban.pdf');
  await (await download).saveAs(file);
  const caPem = readFileSync(
    path.join(process.env.DIENHONG_E2E_DEMO_DIR ?? '', '..', 'ca', 'ca.pem'),
    'utf8',
  );
  const judges = createJudges(dir, caPem);
  expect(judges.pdfsig(file).map((s) => s.validation)).toEqual([
    'Signature is Valid.',
    'Signature is Valid.',
  ]);
  expect(judges.qpdfCheck(file)).toBe(0);
  // The secretary's image is in the file (image + soft mask); the chair has none uploaded.
  expect(
    readFileSync(file)
      .toString('latin1')
      .match(/\/Subtype \/Image/g)?.length,
  ).toBe(2);
  const pages = Number(
    /Pages:\s+(\d+)/.exec(execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' }))?.[1],
  );
  execFileSync('/usr/bin/pdftoppm', [
    '-r',
    '80',
    '-png',
    '-singlefile',
    '-f',
    String(pages),
    '-l',
    String(pages),
    file,
    'test/output/minutes-images-signed-page',
  ]);
});
