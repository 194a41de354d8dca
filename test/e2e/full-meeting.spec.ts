/**
 * One whole meeting as people click it (issue #12, the bar): the chair opens it and moves
 * through the items, marks an excused absence with its reason, records a latecomer and admits
 * him to the open vote; two polls (one secret, one named) run and are published; the secretary
 * writes an opening, notes under items and a conclusion and inserts the generated blocks; the
 * chair closes the meeting; the secretary finalizes and signs, the chair co-signs. Then the
 * signed PDF itself is read (pdftotext, pdfsig): every sentence typed once and in its place,
 * nothing nobody wrote, the closing time of the close event, Số and place, percentages that
 * sum to 100. Own server, with Số and place set by the admin CLI before it starts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from '@playwright/test';
import { runAdmin } from '../../sync-server/admin/cli';
import { startApp, type RunningApp } from '../../sync-server/app';
import { identityPaths } from '../../sync-server/identity/data-dir';
import { createJudges } from '../helpers/pdf-judges';
import { expect as baseExpect, test } from './fixtures';
import { DEMO, DEMO_MEETING_ID, enterDemoRoom, loginAs } from './login-helper';

/** A loaded two-core machine runs four browsers and the server: generous waits, never sleeps. */
const expect = baseExpect.configure({ timeout: 30_000 });

const SHOTS = 'test/output/screens/full-meeting';
const NUMBER = '07/BB-HĐND';
const PLACE = 'Phường Diên Hồng';
const LATE = { file: '5-dai-bieu-dang-quoc-viet.p12', name: 'Đặng Quốc Việt' };
const EXCUSED = 'Vũ Thị Ngọc Ánh';
const EXCUSE = 'Đi công tác theo quyết định của Ủy ban';
const ITEMS = [
  'Khai mạc, thông qua chương trình kỳ họp',
  'Báo cáo tình hình kinh tế – xã hội năm 2026',
  'Tờ trình về dự toán ngân sách năm 2027',
  'Thảo luận và biểu quyết thông qua Nghị quyết',
  'Bế mạc kỳ họp',
] as const;
const SECRET_POLL = 'Thông qua Tờ trình dự toán ngân sách năm 2027';
const NAMED_POLL = 'Thông qua Nghị quyết về dự toán ngân sách năm 2027';

/** What the secretary types, in the order the PDF must print it. */
const OPENING = 'Chủ tọa tuyên bố lý do và giới thiệu thành phần tham dự kỳ họp.';
const NOTE_2 = 'Đại biểu Lê Văn Dũng đề nghị bổ sung số liệu về thu ngân sách quý IV.';
const NOTE_3 = 'Các đại biểu thống nhất với Tờ trình sau khi nghe giải trình.';
const NOTE_4 = 'Đại biểu Đặng Quốc Việt đề nghị làm rõ nguồn vốn đầu tư công.';
const CONCLUSION_4 = 'Hội đồng thông qua Nghị quyết về dự toán ngân sách năm 2027.';

let dataDir: string;
let server: RunningApp;

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dienhong-e2e-full-'));
  // Số and place are meeting settings an operator sets with the server stopped.
  const quiet = () => undefined;
  const admin = (...argv: string[]) => runAdmin([...argv, '--data', dataDir], quiet, quiet);
  expect(await admin('demo')).toBe(0);
  expect(await admin('meeting', 'settings', '--meeting', DEMO_MEETING_ID, '--number', NUMBER)).toBe(
    0,
  );
  expect(await admin('meeting', 'settings', '--meeting', DEMO_MEETING_ID, '--place', PLACE)).toBe(
    0,
  );
  server = await startApp({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webRoot: path.resolve('dist/renderer'),
    demo: true,
  });
  mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const demoDir = () => identityPaths(dataDir).demoDir;
const password = () => readFileSync(path.join(demoDir(), 'PASSWORD.txt'), 'utf8').trim();

/** One person at their own 1366×768 laptop, logged in, in the room. */
async function seat(browser: Browser, member: { file: string; name: string }): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  await loginAs(page, member, demoDir());
  await enterDemoRoom(page);
  return page;
}

const bar = (page: Page) => page.getByRole('region', { name: 'Tiến trình cuộc họp' });
const agenda = (page: Page) => page.getByRole('navigation', { name: 'Chương trình họp' });
const roster = (page: Page) => page.getByRole('region', { name: 'Điểm danh của chủ tọa' });
const rosterRow = (page: Page, name: string) =>
  roster(page).getByRole('row').filter({ hasText: name });
const status = (page: Page) => page.locator('.minutes-status');

async function showItem(page: Page, n: number): Promise<void> {
  const title = ITEMS[n - 1] ?? '';
  await agenda(page)
    .getByRole('button', { name: new RegExp(title) })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
}

/** The chair makes item n the current one; every screen follows. */
async function makeCurrent(chair: Page, n: number, others: readonly Page[]): Promise<void> {
  await showItem(chair, n);
  await bar(chair).getByRole('button', { name: 'Đặt làm mục hiện tại' }).click();
  for (const page of [chair, ...others])
    await expect(bar(page).getByText(`${n}. ${ITEMS[n - 1]}`)).toBeVisible();
}

async function checkIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Điểm danh', exact: true }).click();
  await expect(page.getByText('Bạn đã điểm danh có mặt.')).toBeVisible();
}

async function vote(page: Page, poll: string, option: string): Promise<void> {
  const ballot = page.getByRole('alertdialog', { name: poll });
  await ballot.getByRole('button', { name: option, exact: true }).click();
  await ballot.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(ballot.getByRole('status')).toContainText('Đã ghi nhận');
}

/** The chair drafts a poll counted on the members present, without quorum, and opens it. */
async function openPoll(chair: Page, title: string, secret: boolean): Promise<Locator> {
  const panel = chair.getByRole('region', { name: 'Điều hành biểu quyết' });
  await panel.getByRole('button', { name: 'Tạo biểu quyết' }).click();
  await panel.getByLabel('Nội dung biểu quyết').fill(title);
  if (secret) await panel.getByLabel('Bỏ phiếu kín').check();
  await panel.getByLabel('Tính trên').selectOption('present');
  await panel.getByLabel('Túc số (số thành viên có mặt tối thiểu)').selectOption('none');
  await panel.getByRole('button', { name: 'Tạo biểu quyết' }).click();
  const card = panel.getByRole('article', { name: title });
  await card.getByRole('button', { name: 'Mở biểu quyết' }).click();
  await expect(card.getByText('Đang biểu quyết')).toBeVisible();
  return card;
}

async function closeAndPublish(card: Locator, cast: number): Promise<void> {
  await expect(card.getByRole('status', { name: 'Số phiếu đã nhận' })).toHaveText(
    new RegExp(`^${cast}/`),
  );
  await card.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
  // Closing with members who did not vote asks first.
  const agree = card.getByRole('button', { name: 'Đồng ý' });
  if (await agree.isVisible()) await agree.click();
  await card.getByRole('button', { name: 'Công bố kết quả' }).click();
}

/** Puts the caret at the end of the first editor block matching `css` and types there. */
async function typeAt(secretary: Page, css: string, sentence: string): Promise<void> {
  const block = secretary.getByRole('textbox', { name: 'Nội dung biên bản' }).locator(css);
  await block.click();
  await secretary.keyboard.press('End');
  await secretary.keyboard.type(sentence);
  await expect(block).toContainText(sentence);
}

async function sign(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Ký số biên bản' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ký số biên bản' });
  await dialog.getByLabel('Mật khẩu tệp .p12').fill(password());
  await dialog.getByRole('button', { name: 'Ký', exact: true }).click();
}

const count = (text: string, part: string) => text.split(part).length - 1;

test('a full meeting, from khai mạc to the co-signed minutes, read back from the PDF', async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const chair = await seat(browser, DEMO.chair);
  const secretary = await seat(browser, DEMO.secretary);
  const dung = await seat(browser, DEMO.delegate1);
  const seated = [secretary, dung];

  // Khai mạc; the members present check in.
  await bar(chair).getByRole('button', { name: 'Khai mạc', exact: true }).click();
  for (const page of [chair, ...seated])
    await expect(bar(page).getByText('Đang họp', { exact: true })).toBeVisible();
  for (const page of [chair, ...seated]) await checkIn(page);

  // An excused absence, with its reason, on the chair's attendance controls.
  await bar(chair).getByRole('button', { name: 'Tổng quan cuộc họp' }).click();
  await rosterRow(chair, EXCUSED).getByRole('button', { name: 'Có lý do…' }).click();
  await rosterRow(chair, EXCUSED).getByLabel(`Lý do vắng của ${EXCUSED}`).fill(EXCUSE);
  await rosterRow(chair, EXCUSED).getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(rosterRow(chair, EXCUSED)).toContainText('Vắng có lý do');
  await expect(rosterRow(chair, EXCUSED)).toContainText(EXCUSE);

  // Through the items; a secret vote on item 3.
  await makeCurrent(chair, 2, seated);
  await makeCurrent(chair, 3, seated);
  const secretCard = await openPoll(chair, SECRET_POLL, true);
  await vote(chair, SECRET_POLL, 'Tán thành');
  await vote(secretary, SECRET_POLL, 'Tán thành');
  await vote(dung, SECRET_POLL, 'Không biểu quyết');
  await closeAndPublish(secretCard, 3);
  await expect(
    chair.getByRole('article', { name: SECRET_POLL }).getByTestId('verdict'),
  ).toContainText('Thông qua');

  // A named vote on item 4; a delegate walks in while it is open: the chair records him as
  // late and admits him to the vote, and he votes from his own laptop.
  await makeCurrent(chair, 4, seated);
  const namedCard = await openPoll(chair, NAMED_POLL, false);
  const viet = await seat(browser, LATE);
  await bar(chair).getByRole('button', { name: 'Tổng quan cuộc họp' }).click();
  await rosterRow(chair, LATE.name).getByRole('button', { name: 'Đến muộn', exact: true }).click();
  await expect(rosterRow(chair, LATE.name)).toContainText(/Đến muộn \d{2}:\d{2}/);
  // The arrival time the chair sees (UTC+07, the browser's zone) is the one the PDF must print.
  const [lateHour, lateMinute] = (
    /Đến muộn (\d{2}):(\d{2})/u.exec((await rosterRow(chair, LATE.name).textContent()) ?? '') ?? []
  ).slice(1);
  await rosterRow(chair, LATE.name).getByRole('button', { name: 'Cho biểu quyết' }).click();
  await expect(
    rosterRow(chair, LATE.name).getByRole('button', { name: 'Cho biểu quyết' }),
  ).toHaveCount(0);
  await expect(chair.getByText('Có mặt: 4/6 thành viên có quyền biểu quyết')).toBeVisible();
  await bar(chair).scrollIntoViewIfNeeded();
  await chair.screenshot({ path: `${SHOTS}/overview-chair.png` });
  await roster(chair).screenshot({ path: `${SHOTS}/chair-attendance.png` });
  await vote(viet, NAMED_POLL, 'Tán thành');
  await vote(chair, NAMED_POLL, 'Tán thành');
  await vote(secretary, NAMED_POLL, 'Tán thành');
  await vote(dung, NAMED_POLL, 'Không tán thành');
  await showItem(chair, 4);
  await closeAndPublish(namedCard, 4);
  // The named list says who came late and was admitted by the chair.
  await expect(
    chair
      .getByRole('article', { name: NAMED_POLL })
      .getByRole('row')
      .filter({ hasText: LATE.name }),
  ).toContainText(/Đến muộn, được Chủ tọa cho biểu quyết lúc \d{2}:\d{2}/u);
  await chair.getByRole('article', { name: NAMED_POLL }).scrollIntoViewIfNeeded();
  await chair.screenshot({ path: `${SHOTS}/named-result-admitted.png` });
  await makeCurrent(chair, 5, [...seated, viet]);

  // The secretary writes: an opening above the agenda, notes under items, a conclusion.
  await agenda(secretary)
    .getByRole('button', { name: /Biên bản/ })
    .click();
  await expect(
    secretary.getByRole('heading', { level: 2, name: 'Biên bản cuộc họp' }),
  ).toBeVisible();
  const editor = secretary.getByRole('textbox', { name: 'Nội dung biên bản' });
  await editor.click();
  await secretary.keyboard.type(OPENING);
  await secretary.keyboard.press('Enter');
  await secretary.getByRole('button', { name: 'Chèn các nội dung chương trình' }).click();
  await expect(editor.locator('h2')).toHaveCount(ITEMS.length);
  await typeAt(secretary, 'h2:has-text("2. Báo cáo") + p', NOTE_2);
  await typeAt(secretary, 'h2:has-text("3. Tờ trình") + p', NOTE_3);
  await typeAt(secretary, 'h2:has-text("4. Thảo luận") + p', NOTE_4);
  await typeAt(secretary, 'h2:has-text("4. Thảo luận") + p + p', CONCLUSION_4);
  // The generated blocks at the end: read-only, shown from the records.
  await editor.locator('h2:has-text("5. Bế mạc") + p + p').click();
  await secretary.keyboard.press('End');
  await secretary.keyboard.press('Enter');
  await secretary.getByRole('button', { name: 'Chèn thành phần tham dự' }).click();
  // Straight after: the inserted block stays selected, and the next one goes after it.
  await secretary.getByRole('button', { name: 'Chèn kết quả biểu quyết' }).click();
  for (const kind of ['attendance', 'votes']) {
    const section = editor.locator(`section[data-generated-section="${kind}"]`);
    await expect(section).toHaveCount(1);
    await expect(section).toHaveAttribute('contenteditable', 'false');
  }
  await expect(editor.locator('section[data-generated-section="votes"]')).toContainText(NAMED_POLL);
  await editor.locator('section[data-generated-section="attendance"]').scrollIntoViewIfNeeded();
  await secretary.screenshot({ path: `${SHOTS}/minutes-editor-generated.png` });

  // The preview is the PDF of the draft, usable beside the editor at 1366×768.
  await secretary.getByRole('button', { name: 'Xem trước bản PDF' }).click();
  const draftPreview = secretary.locator('.minutes-preview .textLayer').first();
  await expect(draftPreview).toContainText('BIÊN BẢN');
  // It comes into view by itself, below the sticky toolbar, at 1366×768.
  await expect(secretary.locator('.minutes-preview')).toBeInViewport();
  await secretary.screenshot({ path: `${SHOTS}/minutes-preview.png` });
  await secretary.getByRole('button', { name: 'Đóng bản xem trước' }).click();

  // Bế mạc: the time the bar shows is the close event's.
  await bar(chair).getByRole('button', { name: 'Bế mạc', exact: true }).click();
  await bar(chair).getByRole('button', { name: 'Xác nhận' }).click();
  await expect(bar(chair).getByText('Đã bế mạc')).toBeVisible();
  const closedAt =
    (await bar(chair)
      .getByText(/^Bế mạc lúc \d{2}:\d{2}$/)
      .textContent()) ?? '';
  const [closeHour, closeMinute] = closedAt.replace('Bế mạc lúc ', '').split(':');

  // The secretary finalizes and signs; the chair co-signs.
  await secretary.getByRole('button', { name: 'Chốt biên bản' }).click();
  await secretary.getByRole('dialog').getByRole('button', { name: 'Chốt biên bản' }).click();
  await expect(status(secretary)).toHaveText('Đã chốt — chờ Thư ký ký');
  await sign(secretary);
  await expect(status(secretary)).toHaveText('Thư ký đã ký — chờ Chủ tọa ký');
  await agenda(chair)
    .getByRole('button', { name: /Biên bản/ })
    .click();
  await expect(status(chair)).toHaveText('Thư ký đã ký — chờ Chủ tọa ký');
  await sign(chair);
  await expect(status(chair)).toHaveText('Đã ký đủ (Thư ký và Chủ tọa)');
  await expect(
    chair.getByRole('list', { name: 'Kiểm tra chữ ký' }).getByText('Chữ ký hợp lệ'),
  ).toHaveCount(2);

  const download = chair.waitForEvent('download');
  await chair.getByRole('button', { name: 'Tải biên bản (PDF)' }).click();
  const dir = test.info().outputPath('minutes');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'bien-ban.pdf');
  await (await download).saveAs(file);

  // Two signatures, valid and trusted, by the independent judge.
  const caPem = readFileSync(path.join(demoDir(), '..', 'ca', 'ca.pem'), 'utf8');
  const judges = createJudges(dir, caPem);
  const found = judges.pdfsig(file);
  expect(found.map((s) => s.commonName)).toEqual([DEMO.secretary.name, DEMO.chair.name]);
  for (const s of found) {
    expect(s.validation).toBe('Signature is Valid.');
    expect(s.certificate).toBe('Certificate is Trusted.');
  }

  // The words printed, read back.
  const layout = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  writeFileSync(path.join(dir, 'bien-ban.txt'), layout);
  const printed = layout.replace(/\s+/gu, ' ');
  // Every sentence typed, once, in order, each under its own heading.
  const typed = [OPENING, NOTE_2, NOTE_3, NOTE_4, CONCLUSION_4];
  for (const sentence of typed) expect(count(printed, sentence), sentence).toBe(1);
  const at = (part: string, from = 0) => printed.indexOf(part, from);
  const content = at('III.');
  expect(content).toBeGreaterThan(0);
  const heading = (n: number) => at(`${n}. ${ITEMS[n - 1]}`, content);
  expect(at(OPENING)).toBeLessThan(content);
  expect(at(OPENING)).toBeLessThan(at('II.'));
  expect(at(NOTE_2)).toBeGreaterThan(heading(2));
  expect(at(NOTE_2)).toBeLessThan(heading(3));
  expect(at(NOTE_3)).toBeGreaterThan(heading(3));
  expect(at(NOTE_3)).toBeLessThan(heading(4));
  expect(at(NOTE_4)).toBeGreaterThan(heading(4));
  expect(at(CONCLUSION_4)).toBeGreaterThan(at('b) Kết luận:', heading(4)));
  expect(at(CONCLUSION_4)).toBeLessThan(heading(5));
  // Nothing nobody wrote: no filler, each label once per item, nothing under item 1 and 5.
  expect(printed).not.toContain('Không có.');
  expect(count(printed, 'Ý kiến thảo luận:')).toBe(ITEMS.length);
  expect(count(printed, 'Kết luận:')).toBe(ITEMS.length);
  expect(printed.slice(heading(1), heading(2))).toMatch(
    /^1\. [^]*?a\) Ý kiến thảo luận:( \d+)? b\) Kết luận:( \d+)? $/u,
  );
  // The attendance from the records: the latecomer among those present with the arrival time
  // the chair saw, the excused member among the absent with the reason the chair typed.
  const present = printed.slice(at('Thành viên có mặt:'), at('Thành viên vắng mặt:'));
  const absent = printed.slice(at('Thành viên vắng mặt:'), content);
  expect(present).toMatch(
    new RegExp(`${LATE.name} – [^()]*\\(đến muộn lúc ${lateHour} giờ ${lateMinute} phút\\)`, 'u'),
  );
  expect(absent).toMatch(new RegExp(`${EXCUSED} – [^()]*\\(vắng có lý do: ${EXCUSE}\\)`, 'u'));
  expect(absent).not.toContain(LATE.name);
  // Nobody else had anything recorded: those two notes are the only ones.
  expect(count(printed.slice(at('II. THÀNH PHẦN THAM DỰ'), content), '(')).toBe(2);
  // Closing time = the close event, in UTC+07 (the bar shows it in Asia/Ho_Chi_Minh).
  expect(printed).toMatch(
    new RegExp(`Cuộc họp kết thúc lúc ${closeHour} giờ ${closeMinute} phút`, 'u'),
  );
  // Số and place.
  expect(printed).toContain(`Số: ${NUMBER}`);
  expect(printed).toMatch(new RegExp(`${PLACE}, ngày \\d{1,2} tháng \\d{1,2} năm \\d{4}`, 'u'));
  // Each poll's percentage column sums to 100.
  const votes = printed.slice(at('IV.'));
  for (const poll of [SECRET_POLL, NAMED_POLL]) {
    const start = votes.indexOf(poll);
    expect(start, poll).toBeGreaterThanOrEqual(0);
    const next = [SECRET_POLL, NAMED_POLL]
      .map((p) => votes.indexOf(p, start + poll.length))
      .filter((i) => i > start);
    const table = votes.slice(start, next.length > 0 ? Math.min(...next) : undefined);
    const percents = [...table.matchAll(/(\d+(?:,\d+)?)%/gu)].map((m) =>
      Number((m[1] ?? '').replace(',', '.')),
    );
    expect(percents.length, poll).toBeGreaterThanOrEqual(3);
    const sum = percents.reduce((s, p) => s + p, 0);
    expect(Math.round(sum * 100) / 100, `${poll}: ${percents.join(' + ')}`).toBe(100);
  }

  // Pages 1 and last, for a person to look at.
  const pages = Number(
    /Pages:\s+(\d+)/u.exec(execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' }))?.[1],
  );
  for (const [page, name] of [
    [1, 'pdf-page-1'],
    [pages, 'pdf-page-last'],
  ] as const)
    execFileSync('/usr/bin/pdftoppm', [
      '-r',
      '80',
      '-png',
      '-singlefile',
      '-f',
      String(page),
      '-l',
      String(page),
      file,
      `${SHOTS}/${name}`,
    ]);
  for (const page of [chair, secretary, dung, viet]) await page.context().close();
});
