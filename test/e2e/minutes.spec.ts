/**
 * Minutes end to end, as people click: the secretary drafts with a delegate watching live,
 * inserts the attendance, finalizes, signs in the browser (a wrong password first), the chair
 * co-signs, and a delegate sees two valid signatures and downloads a PDF the judges accept.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { createJudges } from '../helpers/pdf-judges';
import { expect, test } from './fixtures';
import { DEMO, enterDemoRoom, loginAs } from './login-helper';

type Member = { file: string; name: string };

const cspViolations: string[] = [];

function demoPassword(): string {
  const dir = process.env.DIENHONG_E2E_DEMO_DIR ?? '';
  return readFileSync(path.join(dir, 'PASSWORD.txt'), 'utf8').trim();
}

/** One person at their own laptop, on the minutes page of the demo meeting. */
async function seat(browser: Browser, member: Member): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  // Tiptap's carets and the PDF viewer must live within the strict CSP (style-src 'self').
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text()))
      cspViolations.push(`${member.name}: ${m.text()}`);
  });
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

/** Whatever earlier runs on the shared server left, the chair brings the minutes back to draft. */
async function ensureDraft(chair: Page): Promise<void> {
  await expect(status(chair)).toHaveText(/./);
  if ((await status(chair).textContent())?.startsWith('Bản nháp')) return;
  await chair.getByRole('button', { name: 'Mở lại để sửa (xóa các chữ ký)' }).click();
  await chair.getByRole('dialog').getByRole('button', { name: 'Mở lại' }).click();
  await expect(status(chair)).toHaveText('Bản nháp — đang soạn chung');
}

async function sign(page: Page, password: string): Promise<void> {
  await page.getByRole('button', { name: 'Ký số biên bản' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ký số biên bản' });
  await dialog.getByLabel('Mật khẩu tệp .p12').fill(password);
  await dialog.getByRole('button', { name: 'Ký', exact: true }).click();
}

test('secretary drafts, finalizes and signs; chair co-signs; a delegate verifies and downloads', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const password = demoPassword();
  const chair = await seat(browser, DEMO.chair);
  await ensureDraft(chair);
  const secretary = await seat(browser, DEMO.secretary);
  const delegate = await seat(browser, DEMO.delegate1);

  // Live drafting: the delegate sees the secretary's words and named caret as they type.
  const line = `Phiên họp khai mạc lúc 8 giờ 30 (${Date.now() % 100000}).`;
  const editor = secretary.getByRole('textbox', { name: 'Nội dung biên bản' });
  await editor.click();
  await secretary.keyboard.press('Control+End');
  // Earlier runs on the shared server may have left text: start a new paragraph after it.
  if (((await editor.textContent()) ?? '').trim() !== '') await secretary.keyboard.press('Enter');
  await secretary.keyboard.type(line);
  const delegateEditor = delegate.getByRole('textbox', { name: 'Nội dung biên bản' });
  await expect(delegateEditor).toContainText(line);
  await chair.getByRole('textbox', { name: 'Nội dung biên bản' }).click();
  await chair.keyboard.press('Control+Home');
  await expect(delegate.locator('.collaboration-carets__label')).toContainText([
    DEMO.secretary.name,
  ]);
  await expect(
    delegate.locator('.collaboration-carets__label', { hasText: DEMO.chair.name }),
  ).toBeVisible();
  await delegate.screenshot({ path: 'test/output/minutes-editor.png' });

  // The generated attendance section: read-only, shown from the records on every laptop.
  await secretary.getByRole('button', { name: 'Chèn thành phần tham dự' }).click();
  const section = delegateEditor.locator('section[data-generated-section="attendance"]').last();
  await expect(section).toBeVisible();
  await expect(section).toHaveAttribute('contenteditable', 'false');
  await expect(section).toContainText('Thành viên có mặt:');
  await expect(section).toContainText(DEMO.secretary.name);
  // Nobody can type into it: a delegate's keystrokes there change nothing it shows.
  const shown = await section.textContent();
  await section.click();
  await delegate.keyboard.type('5');
  await expect(section).toHaveText(shown ?? '');
  await secretary.screenshot({ path: 'test/output/minutes-generated-readonly.png' });

  // The preview is the server's PDF of the current draft, with the typed line in it.
  await secretary.getByRole('button', { name: 'Xem trước bản PDF' }).click();
  const draftPreview = secretary.locator('.minutes-preview .textLayer').first();
  await expect(draftPreview).toContainText('BIÊN BẢN', { timeout: 20_000 });
  await expect(draftPreview).toContainText(line);
  await secretary.screenshot({ path: 'test/output/minutes-draft-preview.png' });
  await secretary.getByRole('button', { name: 'Đóng bản xem trước' }).click();

  // Finalize, after a confirmation; everyone sees the frozen PDF.
  await secretary.getByRole('button', { name: 'Chốt biên bản' }).click();
  await expect(secretary.getByRole('dialog', { name: 'Chốt biên bản?' })).toBeVisible();
  await secretary.screenshot({ path: 'test/output/minutes-finalize-confirm.png' });
  await secretary.getByRole('dialog').getByRole('button', { name: 'Chốt biên bản' }).click();
  await expect(status(secretary)).toHaveText('Đã chốt — chờ Thư ký ký');
  await expect(status(delegate)).toHaveText('Đã chốt — chờ Thư ký ký');
  await expect(secretary.locator('.minutes-preview canvas').first()).toBeVisible();
  await expect(secretary.locator('.minutes-preview .textLayer').first()).toContainText('BIÊN BẢN');
  await secretary.screenshot({ path: 'test/output/minutes-preview.png' });

  // A wrong password signs nothing and says so.
  await sign(secretary, `${password}-sai`);
  await expect(secretary.getByRole('alert')).toContainText(
    'Sai mật khẩu tệp .p12. Không có gì được ký.',
  );
  await expect(status(secretary)).toHaveText('Đã chốt — chờ Thư ký ký');
  await secretary.screenshot({ path: 'test/output/minutes-sign-error.png' });
  await secretary
    .getByRole('dialog', { name: 'Ký số biên bản' })
    .getByLabel('Mật khẩu tệp .p12')
    .fill(password);
  await secretary
    .getByRole('dialog', { name: 'Ký số biên bản' })
    .getByRole('button', { name: 'Ký', exact: true })
    .click();
  await expect(status(secretary)).toHaveText('Thư ký đã ký — chờ Chủ tọa ký', { timeout: 20_000 });

  // The chair co-signs.
  await expect(status(chair)).toHaveText('Thư ký đã ký — chờ Chủ tọa ký');
  await sign(chair, password);
  await expect(status(chair)).toHaveText('Đã ký đủ (Thư ký và Chủ tọa)', { timeout: 20_000 });

  // The delegate sees two valid signatures by name, and downloads the PDF.
  await expect(status(delegate)).toHaveText('Đã ký đủ (Thư ký và Chủ tọa)');
  const panel = delegate.getByRole('list', { name: 'Kiểm tra chữ ký' });
  await expect(panel.getByText('Chữ ký hợp lệ')).toHaveCount(2, { timeout: 20_000 });
  await expect(panel).toContainText(DEMO.secretary.name);
  await expect(panel).toContainText(DEMO.chair.name);
  await expect(delegate.locator('.minutes-preview .textLayer').first()).toContainText('BIÊN BẢN');
  await delegate.screenshot({ path: 'test/output/minutes-verified.png' });
  const download = delegate.waitForEvent('download');
  await delegate.getByRole('button', { name: 'Tải biên bản (PDF)' }).click();
  const dir = test.info().outputPath('minutes');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'bien-ban.pdf');
  await (await download).saveAs(file);

  // The independent judges: both signatures valid and trusted by poppler with the demo CA.
  const caPem = readFileSync(
    path.join(process.env.DIENHONG_E2E_DEMO_DIR ?? '', '..', 'ca', 'ca.pem'),
    'utf8',
  );
  const judges = createJudges(dir, caPem);
  const found = judges.pdfsig(file);
  expect(found.map((s) => s.commonName)).toEqual([DEMO.secretary.name, DEMO.chair.name]);
  for (const s of found) {
    expect(s.validation).toBe('Signature is Valid.');
    expect(s.certificate).toBe('Certificate is Trusted.');
  }
  expect(judges.qpdfCheck(file)).toBe(0);
  // Every sentence once: the typed line is printed, the draft's attendance copy is not (section
  // II prints attendance from the server's records).
  const printed = execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );
  expect(printed.split(line).length - 1).toBe(1);
  expect(printed).not.toMatch(/Có mặt \(\d+\/\d+\)/);
  expect(printed).toContain('II. THÀNH PHẦN THAM DỰ');
  // The last page carries both signature blocks; rendered for a person to look at.
  const pages = Number(
    /Pages:\s+(\d+)/.exec(execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' }))?.[1],
  );
  execFileSync('/usr/bin/pdftoppm', [
    '-r',
    '60',
    '-png',
    '-singlefile',
    '-f',
    String(pages),
    '-l',
    String(pages),
    file,
    'test/output/minutes-signed-page',
  ]);

  // The same file checked in the app, then a copy with one byte changed inside the signed range
  // (the header's binary comment): the app names each broken signature.
  const tampered = readFileSync(file);
  tampered[11] = 0x82;
  const tamperedPath = path.join(dir, 'bien-ban-sua.pdf');
  writeFileSync(tamperedPath, tampered);
  const chooser = delegate.waitForEvent('filechooser');
  await delegate.getByRole('button', { name: 'Mở tệp PDF đã ký để kiểm tra' }).click();
  await (await chooser).setFiles(tamperedPath);
  const checked = delegate.locator('.minutes-checked');
  await expect(checked.getByRole('heading', { name: 'Tệp: bien-ban-sua.pdf' })).toBeVisible();
  await expect(checked.getByText('Chữ ký KHÔNG hợp lệ')).toHaveCount(2);
  await expect(checked.getByRole('alert')).toHaveText([
    'Chữ ký "Thư ký" đã bị phá vỡ: tệp bị sửa sau khi ký hoặc chữ ký không đúng.',
    'Chữ ký "Chủ tọa" đã bị phá vỡ: tệp bị sửa sau khi ký hoặc chữ ký không đúng.',
  ]);
  await delegate.screenshot({ path: 'test/output/minutes-tampered.png' });
  expect(cspViolations).toEqual([]);
});
