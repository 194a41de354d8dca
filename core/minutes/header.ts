/**
 * The top of a biên bản (Decree 30/2020 layout): issuing body and number on the left, the
 * national motto with its underline on the right, the place-and-date line in italics under it,
 * then the centred title.
 */
import { LABELS, localTime, vietnameseDate } from './labels';
import { type PageFlow, type TextOptions } from './page-flow';
import type { LaidLine } from './text-layout';
import type { MinutesData, RichRun } from './types';

const HEAD_SIZE = 12;

/** Draws lines centred in a column from `top`; returns the bottom (from the page top). */
function column(flow: PageFlow, lines: LaidLine[], opts: TextOptions, top: number): number {
  const size = opts.size ?? HEAD_SIZE;
  let y = top;
  for (const line of lines) {
    const x = flow.left(opts.x ?? 0) + ((opts.width ?? 0) - line.width) / 2;
    flow.drawSegments(line, x, y + size, size);
    y += size * 1.3;
  }
  return y;
}

/** Largest size up to `max` at which `text` fits `width` on one line. */
function fitSize(flow: PageFlow, runs: RichRun[], width: number, max: number): number {
  const w = runs.reduce((s, r) => s + flow.measurer(max)(r.text, r.bold ? 'bold' : 'regular'), 0);
  return w <= width ? max : Math.floor((max * width * 10) / w) / 10;
}

export function drawHeader(flow: PageFlow, minutes: MinutesData): void {
  const total = flow.contentWidth;
  const leftWidth = total * 0.42;
  const rightX = leftWidth + 4;
  const rightWidth = total - rightX;
  const top = flow.y;

  // Left: parent body (regular), issuing body (bold), short rule, number.
  let leftBottom = top;
  if (minutes.parentOrganisation) {
    const parent = [{ text: minutes.parentOrganisation.toLocaleUpperCase('vi') }];
    // One line if it fits at 10 pt or more; longer names wrap at 10 pt.
    const opts = {
      size: Math.max(10, fitSize(flow, parent, leftWidth, HEAD_SIZE)),
      x: 0,
      width: leftWidth,
    };
    leftBottom = column(flow, flow.wrap(parent, opts), opts, leftBottom);
  }
  const org = [{ text: minutes.organisation.toLocaleUpperCase('vi'), bold: true }];
  const orgOpts = { size: HEAD_SIZE, x: 0, width: leftWidth };
  const orgLines = flow.wrap(org, orgOpts);
  leftBottom = column(flow, orgLines, orgOpts, leftBottom);
  const orgWidth = Math.max(...orgLines.map((l) => l.width));
  const ruleHalf = Math.min(orgWidth, leftWidth) / 6;
  flow.rule(leftWidth / 2 - ruleHalf, leftWidth / 2 + ruleHalf, leftBottom + 2, 0.6);
  leftBottom += 8;
  if (minutes.documentNumber) {
    const numOpts = { size: 13, x: 0, width: leftWidth };
    const numLines = flow.wrap([{ text: `${LABELS.number} ${minutes.documentNumber}` }], numOpts);
    leftBottom = column(flow, numLines, numOpts, leftBottom);
  }

  // Right: nation (bold, fitted to the column), motto (bold), rule as long as the motto.
  const nation = [{ text: LABELS.nation, bold: true }];
  const nationSize = fitSize(flow, nation, rightWidth, HEAD_SIZE);
  const nationOpts = { size: nationSize, x: rightX, width: rightWidth };
  let rightBottom = column(flow, flow.wrap(nation, nationOpts), nationOpts, top);
  const mottoOpts = { size: 13, x: rightX, width: rightWidth };
  const motto = flow.wrap([{ text: LABELS.motto, bold: true }], mottoOpts);
  rightBottom = column(flow, motto, mottoOpts, rightBottom);
  const mottoWidth = motto[0]?.width ?? 0;
  const mottoStart = rightX + (rightWidth - mottoWidth) / 2;
  flow.rule(mottoStart, mottoStart + mottoWidth, rightBottom + 1, 0.6);
  rightBottom += 10;

  const date = vietnameseDate(localTime(minutes.startsAt));
  const dateText = minutes.locality ? `${minutes.locality}, ${date}` : date;
  const dateOpts = { size: 13, x: rightX, width: rightWidth };
  const dateLines = flow.wrap([{ text: dateText, italic: true }], dateOpts);
  const y = Math.max(leftBottom, rightBottom) + 4;
  flow.y = column(flow, dateLines, dateOpts, y) + 14;

  // Title.
  flow.text([{ text: LABELS.title, bold: true }], { size: 15, align: 'center' });
  flow.text([{ text: minutes.meetingTitle, bold: true }], { size: 13, align: 'center' });
  flow.gap(12);
}
