/**
 * The minutes' vote section prints what the room's results table shows (issue 12 §3): the
 * not-voted and absent rows, percentages that sum to 100, and "Đã hủy: <lý do>" for a poll
 * cancelled after it closed. Rendered by core/minutes, read back with pdftotext.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMinutesPdf } from '../../core/minutes';
import { sampleMinutes } from '../../core/minutes/testing';
import { printedVote } from '../../core/minutes/print-vote';
import { samplePoll } from '../../core/testing/control-fixtures';
import {
  castBallot,
  createPoll,
  emptyBallotBox,
  openPoll,
  parsePollDraft,
  tally,
} from '../../core/votes';
import { dejavuSerif } from '../helpers/minutes-fonts';
import { pdftotext } from '../helpers/pdf-judges';

const REASON = 'Biểu quyết nhầm nội dung, sẽ tổ chức lại';

function publishedNamed() {
  const draft = parsePollDraft({
    agendaItemId: 'item-1',
    title: 'Thông qua quy chế',
    base: 'members',
  });
  const poll = openPoll(createPoll(draft, 'p1', 1), ['a', 'b', 'c', 'd', 'e', 'f'], 2);
  let box = emptyBallotBox(poll);
  for (const [who, option] of [
    ['a', 'for'],
    ['b', 'for'],
    ['c', 'for'],
    ['d', 'against'],
  ] as const)
    box = castBallot(poll, box, who, option, 3);
  const t = tally(poll, box, { presentCount: 6, memberCount: 7 });
  return samplePoll({
    id: 'p1',
    title: 'Thông qua quy chế',
    base: 'members',
    options: poll.options,
    state: 'published',
    eligible: ['a', 'b', 'c', 'd', 'e', 'f'],
    result: { tally: t, ballots: null, notVoted: null },
  });
}

describe('minutes vote rows', () => {
  it('prints the not-voted and absent rows, 100 %, and a cancelled poll with its reason', async () => {
    const agenda = [{ id: 'item-1', title: 'Quy chế chi tiêu nội bộ' }];
    const published = printedVote(publishedNamed(), agenda);
    const cancelled = printedVote(
      samplePoll({
        id: 'p2',
        title: 'Bầu tổ kiểm phiếu',
        state: 'cancelled',
        cancelledReason: REASON,
      }),
      agenda,
    );
    const draft = printedVote(samplePoll({ id: 'p3', state: 'draft' }), agenda);
    expect(draft).toBeNull();
    expect(published?.options.map((o) => [o.kind ?? 'option', o.count, o.percent])).toEqual([
      ['option', 3, 42.86],
      ['option', 1, 14.29],
      ['option', 0, 0],
      ['not-voted', 2, 28.57],
      ['absent', 1, 14.28],
    ]);
    if (!published || !cancelled) throw new Error('not printed');
    const minutes = { ...sampleMinutes({ items: 1 }), votes: [published, cancelled] };
    const pdf = await renderMinutesPdf(minutes, dejavuSerif());
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dh-minutes-rows-')), 'bien-ban.pdf');
    writeFileSync(file, pdf);
    const text = pdftotext(file).normalize('NFC');
    expect(text.split('Không tham gia biểu quyết').length - 1).toBe(1);
    expect(text.split('Vắng mặt\n').length - 1).toBeGreaterThanOrEqual(1);
    expect(text.split(`Đã hủy: ${REASON}`).length - 1).toBe(1);
    const section = text.slice(text.indexOf('IV. KẾT QUẢ BIỂU QUYẾT'));
    const percents = [...section.matchAll(/(\d+(?:,\d+)?)%/gu)].map((m) =>
      Math.round(Number((m[1] ?? '0').replace(',', '.')) * 100),
    );
    expect(percents.reduce((s, x) => s + x, 0)).toBe(10000);
  });
});
