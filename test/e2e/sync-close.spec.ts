/**
 * The member is told why the server closed their connection (core/docs/close-codes): a server
 * with a small shared-document quota closes the secretary's connection with 4413 when the
 * minutes draft outgrows it, and the room shows a persistent banner in Vietnamese (and English
 * after switching) saying the changes are kept on this computer but not sent. Own server, as
 * the global one has the default quota.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startApp, type RunningApp } from '../../sync-server/app';
import { identityPaths } from '../../sync-server/identity/data-dir';
import { expect, test } from './fixtures';
import { DEMO, enterDemoRoom, loginAs } from './login-helper';

let dataDir: string;
let server: RunningApp;

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dienhong-e2e-quota-'));
  server = await startApp({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webRoot: path.resolve('dist/renderer'),
    demo: true,
    quota: { maxSharedDocumentBytes: 12 * 1024 },
  });
});
test.afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function seat(browser: Browser, member: { file: string; name: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await loginAs(page, member, identityPaths(dataDir).demoDir);
  await enterDemoRoom(page);
  await page
    .getByRole('navigation', { name: 'Chương trình họp' })
    .getByRole('button', { name: /Biên bản/ })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'Biên bản cuộc họp' })).toBeVisible();
  return page;
}

test('a minutes draft past the shared-document quota: 4413 is explained in a persistent banner', async ({
  browser,
}) => {
  const secretary = await seat(browser, DEMO.secretary);
  const delegate = await seat(browser, DEMO.delegate1);
  const banner = secretary.getByRole('alert', { name: 'Sự cố đồng bộ' });
  await expect(banner).toHaveCount(0);

  const editor = secretary.getByRole('textbox', { name: 'Nội dung biên bản' });
  await editor.click();
  await secretary.keyboard.type('Phiên họp khai mạc lúc 8 giờ 30.');
  const delegateEditor = delegate.getByRole('textbox', { name: 'Nội dung biên bản' });
  await expect(delegateEditor).toContainText('Phiên họp khai mạc lúc 8 giờ 30.');

  // One paste of about 20 KB: more than the document may hold.
  await secretary.keyboard.press('Enter');
  const pasted = 'Ý kiến thảo luận của đại biểu về dự toán ngân sách. '.repeat(400);
  await secretary.keyboard.insertText(pasted);

  await expect(banner).toBeVisible();
  await expect(banner.locator('p[data-close-code="4413"]')).toHaveText(
    'Tài liệu chung đã đạt giới hạn dung lượng; thay đổi mới không được lưu trên máy chủ. ' +
      'Thay đổi của bạn vẫn được giữ trên máy này nhưng chưa được gửi đi. Hãy báo quản trị viên. ' +
      'Ứng dụng sẽ tự thử kết nối lại sau 60 giây.',
  );
  await expect(secretary.getByRole('status', { name: 'Kết nối' })).toHaveText('Mất kết nối');
  // Kept here, not sent: the secretary still has the text, the delegate never receives it.
  await expect(editor).toContainText('Ý kiến thảo luận của đại biểu');
  await expect(delegateEditor).toContainText('Phiên họp khai mạc lúc 8 giờ 30.');
  await expect(delegateEditor).not.toContainText('Ý kiến thảo luận của đại biểu');
  await expect(delegate.getByRole('alert', { name: 'Sự cố đồng bộ' })).toHaveCount(0);

  // Sticky: still in view while the editor is scrolled to the end of the long paste.
  await expect(banner).toBeInViewport();
  await secretary.screenshot({ path: 'test/output/sync-close-4413.png' });

  // Persistent and translated: switching the language keeps it, in English.
  await secretary.getByRole('button', { name: 'English' }).click();
  await expect(secretary.getByRole('alert', { name: 'Sync problem' })).toContainText(
    'The size limit of the shared document has been reached; new changes are not saved on the server. ' +
      'Your changes are kept on this computer but have not been sent.',
  );
  await secretary.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(banner).toBeVisible();
});
