import type { Browser, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO, enterDemoRoom, loginAs, openMeeting } from './login-helper';

const ITEM = 'Thảo luận và biểu quyết thông qua Nghị quyết';
const POLL = 'Thông qua Nghị quyết về dự toán ngân sách năm 2027';

/** One person at their own laptop: a fresh browser context, logged in, in the room, on an item. */
async function seat(
  browser: Browser,
  member: { file: string; name: string },
  item = ITEM,
): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAs(page, member);
  await enterDemoRoom(page);
  await page
    .getByRole('navigation', { name: 'Chương trình họp' })
    .getByRole('button', { name: new RegExp(item) })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: item })).toBeVisible();
  return page;
}

/** Khai mạc before the others sit down (opening pushes everyone to the first item), then back. */
async function openAndReturn(chair: Page, item = ITEM): Promise<void> {
  await openMeeting(chair);
  await chair
    .getByRole('navigation', { name: 'Chương trình họp' })
    .getByRole('button', { name: new RegExp(item) })
    .click();
  await expect(chair.getByRole('heading', { level: 2, name: item })).toBeVisible();
}

async function checkIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Điểm danh', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Rời phòng họp' })).toBeVisible();
  await expect(page.getByText('Bạn đã điểm danh có mặt.')).toBeVisible();
}

/** Checks in or out, whatever earlier tests on this shared server left behind. */
async function setPresence(page: Page, present: boolean): Promise<void> {
  const toggle = page.getByRole('button', { name: /^(Điểm danh|Rời phòng họp)$/ });
  await expect(toggle).toBeVisible();
  const isPresent = (await toggle.textContent()) === 'Rời phòng họp';
  if (isPresent !== present) await toggle.click();
  await expect(
    page.getByText(present ? 'Bạn đã điểm danh có mặt.' : 'Bạn chưa điểm danh.'),
  ).toBeVisible();
}

async function vote(page: Page, option: string): Promise<void> {
  const ballot = page.getByRole('alertdialog', { name: POLL });
  await ballot.getByRole('button', { name: option, exact: true }).click();
  await expect(ballot.getByText(`Xác nhận: ${option}?`)).toBeVisible();
  await ballot.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(ballot.getByRole('status')).toContainText('Đã ghi nhận lựa chọn của bạn:');
  await expect(ballot.getByRole('status')).toContainText(option);
}

test('the chair runs a named vote: check-in, ballots, live count, close, publish', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const chair = await seat(browser, DEMO.chair);
  await openAndReturn(chair);
  const dung = await seat(browser, DEMO.delegate1);
  const hang = await seat(browser, DEMO.delegate2);
  for (const page of [chair, dung, hang]) await checkIn(page);
  // The chair sees who is present, live.
  const roster = chair.getByRole('navigation', { name: 'Chương trình họp' });
  await expect(roster.getByText(DEMO.delegate2.name)).toBeVisible();
  await roster.getByText(DEMO.delegate2.name).scrollIntoViewIfNeeded();
  await chair.screenshot({ path: 'test/output/votes-attendance.png' });

  // The chair drafts a named poll on the item and opens it.
  const panel = chair.getByRole('region', { name: 'Điều hành biểu quyết' });
  await panel.getByRole('button', { name: 'Tạo biểu quyết' }).click();
  await panel.getByLabel('Nội dung biểu quyết').fill(POLL);
  await panel.getByLabel('Tỉ lệ tán thành cần đạt').selectOption('absolute');
  await panel.getByLabel('Tính trên').selectOption('cast');
  await expect(
    panel.getByText('Thông qua khi: Quá nửa số phiếu biểu quyết là tán thành.'),
  ).toBeVisible();
  await panel.getByLabel('Túc số (số thành viên có mặt tối thiểu)').selectOption('none');
  await panel.getByRole('button', { name: 'Tạo biểu quyết' }).click();
  const card = panel.getByRole('article', { name: POLL });
  await expect(card.getByText('Chuẩn bị')).toBeVisible();
  await card.getByRole('button', { name: 'Mở biểu quyết' }).click();
  await expect(card.getByText('Đang biểu quyết')).toBeVisible();

  // Both delegates get the ballot card wherever they are, and vote.
  const dungBallot = dung.getByRole('alertdialog', { name: POLL });
  await expect(dungBallot).toBeVisible();
  await expect(dungBallot.getByRole('button', { name: 'Tán thành', exact: true })).toBeVisible();
  await dung.screenshot({ path: 'test/output/votes-ballot.png' });
  await dungBallot.getByRole('button', { name: 'Tán thành', exact: true }).click();
  await expect(dungBallot.getByRole('button', { name: 'Xác nhận' })).toBeFocused();
  await dung.screenshot({ path: 'test/output/votes-ballot-confirm.png' });
  await dungBallot.getByRole('button', { name: 'Chọn lại' }).click();
  await vote(dung, 'Tán thành');
  await dung.screenshot({ path: 'test/output/votes-ballot-recorded.png' });
  await expect(hang.getByRole('alertdialog', { name: POLL })).toBeVisible();
  await vote(hang, 'Không tán thành');

  // The chair's live panel: two ballots, and the chair's own name among those not voted yet.
  const count = card.getByRole('status', { name: 'Số phiếu đã nhận' });
  await expect(count).toHaveText(/^2\/\d+$/);
  const eligible = Number((await count.textContent())?.split('/')[1]);
  expect(eligible).toBeGreaterThanOrEqual(3);
  const missing = card.getByRole('region', { name: /Chưa biểu quyết/ });
  await expect(missing).toContainText(DEMO.chair.name);
  await expect(missing).not.toContainText(DEMO.delegate1.name);
  await card.scrollIntoViewIfNeeded();
  await chair.screenshot({ path: 'test/output/votes-chair-live.png' });

  // The chair votes too, then closes; a late ballot would be refused by the server.
  await vote(chair, 'Tán thành');
  await expect(count).toHaveText(`3/${eligible}`);
  await card.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
  if (eligible > 3) await card.getByRole('button', { name: 'Đồng ý' }).click();
  await expect(card.getByText('Kết quả kiểm phiếu (chưa công bố)')).toBeVisible();
  await expect(card.getByTestId('verdict')).toContainText('Thông qua');
  await card.scrollIntoViewIfNeeded();
  await chair.screenshot({ path: 'test/output/votes-chair-closed.png' });
  await card.getByRole('button', { name: 'Công bố kết quả' }).click();

  // Everyone sees the published result with its verdict; the ballot card is gone.
  for (const page of [dung, hang, chair]) {
    const results = page.getByRole('region', { name: 'Kết quả biểu quyết của nội dung này' });
    const result = results.getByRole('article', { name: POLL });
    await expect(result.getByTestId('verdict')).toContainText('Thông qua');
    await expect(page.getByRole('alertdialog', { name: POLL })).toHaveCount(0);
  }
  const result = dung
    .getByRole('region', { name: 'Kết quả biểu quyết của nội dung này' })
    .getByRole('article', { name: POLL });
  const bars = result.getByRole('table', { name: 'Số phiếu theo phương án' });
  await expect(bars.getByRole('row', { name: /^Tán thành/ })).toContainText('2');
  await expect(bars.getByRole('row', { name: /^Không tán thành/ })).toContainText('1');
  const roll = result.getByRole('table', { name: 'Lựa chọn của từng thành viên' });
  await expect(roll.getByRole('row', { name: new RegExp(DEMO.delegate2.name) })).toContainText(
    'Không tán thành',
  );
  await result.scrollIntoViewIfNeeded();
  await dung.screenshot({ path: 'test/output/votes-result.png' });

  for (const page of [chair, dung, hang]) await page.context().close();
});

test('a member absent when the vote opened is told they cannot vote; a cancelled vote goes away', async ({
  browser,
}) => {
  const title = 'Biểu quyết về việc kéo dài thời gian thảo luận';
  const chair = await seat(browser, DEMO.chair);
  await openAndReturn(chair);
  const secretary = await seat(browser, DEMO.secretary);
  await setPresence(chair, true);
  await setPresence(secretary, false);

  const panel = chair.getByRole('region', { name: 'Điều hành biểu quyết' });
  await panel.getByRole('button', { name: 'Tạo biểu quyết' }).click();
  await panel.getByLabel('Nội dung biểu quyết').fill(title);
  await panel.getByRole('group', { name: 'Phương án' }).scrollIntoViewIfNeeded();
  await chair.screenshot({ path: 'test/output/votes-chair-form.png' });
  await panel.getByRole('button', { name: 'Tạo biểu quyết' }).click();
  const card = panel.getByRole('article', { name: title });
  await card.getByRole('button', { name: 'Mở biểu quyết' }).click();

  const ballot = secretary.getByRole('alertdialog', { name: title });
  await expect(ballot).toContainText('Bạn không có quyền bỏ phiếu lần này');
  await expect(ballot.getByRole('button')).toHaveCount(0);
  // Checking in now does not make the secretary eligible: the list froze when the vote opened.
  await setPresence(secretary, true);
  await expect(ballot.getByRole('button')).toHaveCount(0);

  await card.getByRole('button', { name: 'Hủy biểu quyết' }).click();
  await card.getByRole('button', { name: 'Đồng ý' }).click();
  await expect(secretary.getByRole('alertdialog', { name: title })).toHaveCount(0);
  await expect(panel.getByRole('article', { name: title })).toHaveCount(0);

  for (const page of [chair, secretary]) await page.context().close();
});

/** Letters only Vietnamese uses: UI text left untranslated on an English screen shows them. */
const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;

/** The element's visible text minus the given data (poll title, option labels). */
async function uiText(locator: Locator, data: readonly string[]): Promise<string> {
  let text = await locator.innerText();
  for (const d of data) text = text.split(d).join(' ');
  return text;
}

test('a secret vote with its own options: no choices shown to anyone, an English ballot and result', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const item = 'Khai mạc, thông qua chương trình kỳ họp';
  const title = 'Chọn phương án tổ chức kỳ họp chuyên đề';
  const options = ['Phương án A', 'Phương án B', 'Phương án C'] as const;
  const chair = await seat(browser, DEMO.chair, item);
  await openAndReturn(chair, item);
  const dung = await seat(browser, DEMO.delegate1, item);
  const hang = await seat(browser, DEMO.delegate2, item);
  for (const page of [chair, dung, hang]) await setPresence(page, true);
  // Dũng reads English: he switches before the vote opens.
  await dung
    .getByRole('group', { name: 'Ngôn ngữ' })
    .getByRole('button', { name: 'English' })
    .click();
  await expect(dung.getByText('You are checked in.')).toBeVisible();

  const panel = chair.getByRole('region', { name: 'Điều hành biểu quyết' });
  await panel.getByRole('button', { name: 'Tạo biểu quyết' }).click();
  await panel.getByLabel('Nội dung biểu quyết').fill(title);
  await panel.getByLabel('Bỏ phiếu kín').check();
  await panel.getByLabel('Danh sách riêng').check();
  await panel.getByLabel('Các phương án, mỗi dòng một phương án').fill(options.join('\n'));
  await panel.getByLabel('Tính trên').selectOption('cast');
  // With the chair's own options, the first one is what "tán thành" means: the form says so.
  await expect(
    panel.getByText(
      'Thông qua khi: Quá nửa số phiếu biểu quyết là tán thành (tán thành ở đây là chọn “Phương án A”).',
    ),
  ).toBeVisible();
  await panel.getByLabel('Túc số (số thành viên có mặt tối thiểu)').selectOption('none');
  await panel.getByRole('button', { name: 'Tạo biểu quyết' }).click();
  const card = panel.getByRole('article', { name: title });
  await expect(card).toContainText(options.join(' · '));
  await card.getByRole('button', { name: 'Mở biểu quyết' }).click();
  await expect(card.getByText('Đang biểu quyết')).toBeVisible();
  const count = card.getByRole('status', { name: 'Số phiếu đã nhận' });
  const eligible = Number((await count.textContent())?.split('/')[1]);
  expect(eligible).toBeGreaterThanOrEqual(3);

  // Dũng's ballot is in English; only the poll's own title and options are Vietnamese.
  const dungBallot = dung.getByRole('alertdialog', { name: title });
  await expect(dungBallot).toContainText('Vote in progress · Secret ballot');
  await expect(dungBallot).toContainText('Choose one option:');
  for (const option of options) {
    await expect(dungBallot.getByRole('button', { name: option, exact: true })).toBeVisible();
  }
  await expect(dungBallot).toContainText(`0/${eligible} members have voted`);
  expect(await uiText(dungBallot, [title, ...options])).not.toMatch(VIETNAMESE);
  await dung.screenshot({ path: 'test/output/votes-secret-ballot.png' });
  await dungBallot.getByRole('button', { name: 'Phương án B', exact: true }).click();
  await expect(dungBallot.getByText('Confirm: Phương án B?')).toBeVisible();
  await expect(dungBallot.getByRole('button', { name: 'Choose again' })).toBeVisible();
  expect(await uiText(dungBallot, [title, ...options])).not.toMatch(VIETNAMESE);
  await dungBallot.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(dungBallot.getByRole('status')).toHaveText(
    'Your ballot is recorded. It is secret: nobody knows your choice.',
  );
  expect(await uiText(dungBallot, [title, ...options])).not.toMatch(VIETNAMESE);
  // The room's document no longer says who voted: Dũng's other laptop learns it from the server.
  const dungAgain = await seat(browser, DEMO.delegate1, item);
  await expect(dungAgain.getByRole('alertdialog', { name: title }).getByRole('status')).toHaveText(
    /^(Đã ghi nhận phiếu của bạn\.|Your ballot is recorded\.)/,
  );
  await expect(
    dungAgain.getByRole('alertdialog', { name: title }).getByRole('button', { name: options[0] }),
  ).toHaveCount(0);
  await dungAgain.context().close();

  // While the vote is open, Hằng sees how many have voted, but no count per option.
  const hangBallot = hang.getByRole('alertdialog', { name: title });
  await expect(hangBallot).toContainText(`Đã có 1/${eligible} thành viên biểu quyết`);
  for (const option of options) {
    await expect(hangBallot.getByRole('button', { name: option, exact: true })).toHaveText(option);
  }
  await expect(hang.getByRole('table', { name: 'Số phiếu theo phương án' })).toHaveCount(0);
  await expect(
    hang.getByRole('region', { name: 'Kết quả biểu quyết của nội dung này' }),
  ).toHaveCount(0);
  await hangBallot.getByRole('button', { name: 'Phương án A', exact: true }).click();
  await hangBallot.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(hangBallot.getByRole('status')).toHaveText(
    'Đã ghi nhận phiếu của bạn. Đây là phiếu kín: không ai biết bạn đã chọn gì.',
  );
  await chair
    .getByRole('alertdialog', { name: title })
    .getByRole('button', { name: 'Phương án A' })
    .click();
  await chair
    .getByRole('alertdialog', { name: title })
    .getByRole('button', { name: 'Xác nhận' })
    .click();

  // The chair sees the count, never who has or has not voted for what.
  await expect(count).toHaveText(`3/${eligible}`);
  await expect(card).toContainText(`Đã có 3 trên ${eligible} thành viên bỏ phiếu`);
  await card.screenshot({ path: 'test/output/votes-secret-chair-live.png' });
  await expect(card.getByRole('region', { name: /Chưa biểu quyết/ })).toHaveCount(0);
  await expect(card).toContainText('Bỏ phiếu kín: hệ thống chỉ ghi ai đã bỏ phiếu');
  await card.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
  if (eligible > 3) await card.getByRole('button', { name: 'Đồng ý' }).click();
  await expect(card.getByTestId('verdict')).toContainText('Thông qua');
  await expect(chair.getByRole('table', { name: 'Lựa chọn của từng thành viên' })).toHaveCount(0);
  await card.getByRole('button', { name: 'Công bố kết quả' }).click();

  // Both delegates see the verdict and the count per option; nobody sees who chose what.
  const expected = { 'Phương án A': '2', 'Phương án B': '1', 'Phương án C': '0' };
  const views = [
    {
      page: hang,
      region: 'Kết quả biểu quyết của nội dung này',
      chart: 'Số phiếu theo phương án',
      passed: 'Thông qua',
      roll: 'Lựa chọn của từng thành viên',
    },
    {
      page: dung,
      region: 'Votes on this item',
      chart: 'Votes per option',
      passed: 'Passed',
      roll: 'How each member voted',
    },
  ];
  for (const view of views) {
    const result = view.page
      .getByRole('region', { name: view.region })
      .getByRole('article', { name: title });
    await expect(result.getByTestId('verdict')).toContainText(view.passed);
    const bars = result.getByRole('table', { name: view.chart });
    for (const [option, votes] of Object.entries(expected)) {
      await expect(bars.getByRole('row', { name: new RegExp(`^${option}`) })).toContainText(votes);
    }
    await expect(view.page.getByRole('table', { name: view.roll })).toHaveCount(0);
    for (const member of [DEMO.chair, DEMO.delegate1, DEMO.delegate2]) {
      await expect(result).not.toContainText(member.name);
    }
    await expect(view.page.getByRole('alertdialog', { name: title })).toHaveCount(0);
  }
  const english = dung
    .getByRole('region', { name: 'Votes on this item' })
    .getByRole('article', { name: title });
  await expect(english).toContainText('Secret ballot: individual choices are not recorded.');
  await expect(english.getByTestId('verdict')).toContainText(
    'more than half of the votes cast are for (“for” here means choosing “Phương án A”)',
  );
  expect(await uiText(english, [title, ...options])).not.toMatch(VIETNAMESE);
  await english.scrollIntoViewIfNeeded();
  await dung.screenshot({ path: 'test/output/votes-result-en.png' });

  for (const page of [chair, dung, hang]) await page.context().close();
});
