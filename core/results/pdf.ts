/**
 * The results export as PDF, drawn with the minutes' own code: its fonts (embedFonts), page
 * flow, vote table (drawVote) and page numbers, so an exported result and the minutes print
 * the same table. Pure: fonts come in as bytes, PDF bytes go out.
 */
import { PDFDocument } from 'pdf-lib';
import { localTime, vietnameseClock, vietnameseDate, LABELS } from '../minutes/labels';
import { PageFlow } from '../minutes/page-flow';
import { drawPageNumbers, embedFonts } from '../minutes/render';
import { VIETNAM_UTC_OFFSET_MINUTES } from '../minutes/parse';
import type { MinutesFonts, RichRun } from '../minutes/types';
import { drawVote } from '../minutes/vote-table';
import { OUTCOME_LABELS, STATE_LABELS, type ResultSheet, type SheetPoll } from './sheet';

const PRODUCER = 'Diên Hồng (pdf-lib)';
export const RESULTS_TITLE = 'KẾT QUẢ BIỂU QUYẾT';

function drawTitle(flow: PageFlow, sheet: ResultSheet): void {
  flow.text([{ text: sheet.organisation.toLocaleUpperCase('vi'), bold: true }], { size: 12 });
  flow.gap(10);
  flow.text([{ text: RESULTS_TITLE, bold: true }], { align: 'center', size: 14 });
  flow.text([{ text: sheet.meetingTitle, bold: true }], { align: 'center' });
  const at = localTime({ iso: sheet.generatedAt, utcOffsetMinutes: VIETNAM_UTC_OFFSET_MINUTES });
  flow.text([{ text: `Xuất lúc ${vietnameseClock(at)}, ${vietnameseDate(at)}`, italic: true }], {
    align: 'center',
    size: 11,
  });
  flow.gap(10);
}

/** A poll with no result to print: its number, title and state. */
function drawStateOnly(flow: PageFlow, poll: SheetPoll, index: number): void {
  flow.ensure(3 * flow.lineHeight());
  flow.gap(4);
  flow.text([{ text: `${index + 1}. ${poll.title}`, bold: true }]);
  if (poll.agendaItemTitle)
    flow.text([{ text: `${LABELS.agendaItem}: `, italic: true }, { text: poll.agendaItemTitle }]);
  flow.text([{ text: 'Trạng thái: ', italic: true }, { text: STATE_LABELS[poll.state] }]);
  flow.gap(8);
}

function drawNamedList(flow: PageFlow, poll: SheetPoll): void {
  if (!poll.named || poll.named.length === 0) return;
  flow.ensure(2 * flow.lineHeight());
  flow.text([{ text: 'Danh sách biểu quyết:', italic: true }], { size: 12 });
  poll.named.forEach((member, i) => {
    const runs: RichRun[] = [
      { text: `${i + 1}. ${member.name}: ` },
      { text: member.choice, italic: !member.voted },
    ];
    flow.ensure(flow.lineHeight({ size: 12 }));
    flow.text(runs, { size: 12, x: 14, width: flow.contentWidth - 14 });
  });
  flow.gap(8);
}

/** "Kết quả biểu quyết" for one poll or a whole meeting, A4, fonts embedded. */
export async function renderResultsPdf(
  sheet: ResultSheet,
  fonts: MinutesFonts,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const flow = new PageFlow(doc, await embedFonts(doc, fonts));
  drawTitle(flow, sheet);
  if (sheet.polls.length === 0) flow.text([{ text: LABELS.noVotes }]);
  sheet.polls.forEach((poll, i) => {
    if (poll.vote === null) {
      drawStateOnly(flow, poll, i);
      return;
    }
    drawVote(flow, poll.vote, i);
    if (poll.outcome !== null && poll.state === 'cancelled')
      flow.text([
        { text: `(Kết quả trước khi hủy: ${OUTCOME_LABELS[poll.outcome]})`, italic: true },
      ]);
    drawNamedList(flow, poll);
  });
  drawPageNumbers(flow);
  const at = new Date(sheet.generatedAt);
  doc.setTitle(`${RESULTS_TITLE} - ${sheet.meetingTitle}`, { showInWindowTitleBar: true });
  doc.setSubject(sheet.organisation);
  doc.setLanguage('vi-VN');
  doc.setProducer(PRODUCER);
  doc.setCreator(PRODUCER);
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  return doc.save({ useObjectStreams: false });
}
