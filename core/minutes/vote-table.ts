/**
 * Section IV: one bordered table per published vote. Rows never split; when a row does not
 * fit, the table continues on the next page under a repeated header row.
 */
import { rgb } from 'pdf-lib';
import { LABELS, vietnamesePercent } from './labels';
import { A4, MARGINS, type PageFlow, type Align } from './page-flow';
import { sectionHeading } from './sections';
import type { LaidLine } from './text-layout';
import type { MinutesData, MinutesVote, RichRun } from './types';

const SIZE = 12;
const PAD_X = 5;
const PAD_Y = 4;
/** Column shares of the content width: option, count, percent. */
const COLUMNS = [0.56, 0.2, 0.24];

interface Cell {
  readonly runs: RichRun[];
  readonly span?: number;
  readonly align?: Align;
}

interface Row {
  readonly cells: readonly Cell[];
  readonly shaded?: boolean;
}

interface LaidCell {
  readonly x: number;
  readonly width: number;
  readonly lines: LaidLine[];
  readonly align: Align;
}

function layRow(flow: PageFlow, row: Row): { cells: LaidCell[]; height: number } {
  const widths = COLUMNS.map((c) => c * flow.contentWidth);
  const cells: LaidCell[] = [];
  let col = 0;
  let x = 0;
  for (const cell of row.cells) {
    const span = cell.span ?? 1;
    const width = widths.slice(col, col + span).reduce((s, w) => s + w, 0);
    const lines = flow.wrap(cell.runs, { size: SIZE, width: width - 2 * PAD_X });
    cells.push({ x, width, lines, align: cell.align ?? 'left' });
    x += width;
    col += span;
  }
  const lineCount = Math.max(1, ...cells.map((c) => c.lines.length));
  return { cells, height: lineCount * SIZE * 1.3 + 2 * PAD_Y };
}

function drawRow(flow: PageFlow, row: Row): void {
  const laid = layRow(flow, row);
  const top = flow.y;
  const bottomY = A4[1] - top - laid.height;
  if (row.shaded) {
    flow.page.drawRectangle({
      x: MARGINS.left,
      y: bottomY,
      width: flow.contentWidth,
      height: laid.height,
      color: rgb(0.92, 0.92, 0.92),
    });
  }
  for (const cell of laid.cells) {
    flow.page.drawRectangle({
      x: MARGINS.left + cell.x,
      y: bottomY,
      width: cell.width,
      height: laid.height,
      borderColor: rgb(0, 0, 0),
      borderWidth: 0.6,
    });
    cell.lines.forEach((line, i) => {
      const free = cell.width - 2 * PAD_X - line.width;
      const shift = cell.align === 'center' ? free / 2 : cell.align === 'right' ? free : 0;
      const x = flow.left(cell.x) + PAD_X + shift;
      flow.drawSegments(line, x, top + PAD_Y + i * SIZE * 1.3 + SIZE, SIZE);
    });
  }
  flow.y += laid.height;
}

function voteRows(vote: MinutesVote): { header: Row; body: Row[] } {
  const header: Row = {
    shaded: true,
    cells: [
      { runs: [{ text: LABELS.voteOption, bold: true }], align: 'center' },
      { runs: [{ text: LABELS.voteCount, bold: true }], align: 'center' },
      { runs: [{ text: LABELS.votePercent, bold: true }], align: 'center' },
    ],
  };
  const body: Row[] = vote.options.map((o) => ({
    cells: [
      { runs: [{ text: o.label }] },
      { runs: [{ text: String(o.count) }], align: 'center' },
      // A row outside the base (not voting, on the 'cast' base) has no share.
      {
        runs: [{ text: o.percent === null ? '—' : vietnamesePercent(o.percent) }],
        align: 'center',
      },
    ],
  }));
  const summary = (label: string, value: RichRun[]): Row => ({
    cells: [{ runs: [{ text: label, italic: true }] }, { runs: value, span: 2, align: 'center' }],
  });
  body.push(
    summary(LABELS.voteTurnout, [{ text: `${vote.cast}/${vote.eligible}` }]),
    summary(LABELS.voteBase, [{ text: vote.baseLabel }]),
    summary(LABELS.quorum, [{ text: vote.quorumMet ? LABELS.quorumMet : LABELS.quorumNotMet }]),
    summary(LABELS.result, [{ text: vote.passed ? LABELS.passed : LABELS.notPassed, bold: true }]),
  );
  return { header, body };
}

/** One vote: its number and title, what it belongs to, a cancellation, then its table. */
export function drawVote(flow: PageFlow, vote: MinutesVote, index: number): void {
  const { header, body } = voteRows(vote);
  const intro: RichRun[][] = [[{ text: `${index + 1}. ${vote.title}`, bold: true }]];
  if (vote.agendaItemTitle)
    intro.push([{ text: `${LABELS.agendaItem}: `, italic: true }, { text: vote.agendaItemTitle }]);
  intro.push([
    { text: `${LABELS.voteKind}: `, italic: true },
    { text: vote.kind === 'secret' ? LABELS.secret : LABELS.named },
  ]);
  if (vote.cancelledReason !== undefined)
    intro.push([{ text: `${LABELS.cancelled}: `, bold: true }, { text: vote.cancelledReason }]);
  const introLines = intro.map((runs) => flow.wrap(runs));
  const introHeight = introLines.reduce((s, l) => s + l.length, 0) * flow.lineHeight();
  const hasTable = vote.options.length > 0;
  const firstRows = hasTable
    ? layRow(flow, header).height + layRow(flow, body[0] ?? header).height
    : 0;
  // Keep the title with the header row and the first body row.
  flow.ensure(introHeight + firstRows + 8);
  flow.gap(4);
  for (const lines of introLines) for (const line of lines) flow.drawLine(line);
  if (hasTable) {
    flow.gap(3);
    drawRow(flow, header);
    for (const row of body) {
      const { height } = layRow(flow, row);
      if (height > flow.remaining) {
        flow.newPage();
        drawRow(flow, header);
      }
      drawRow(flow, row);
    }
  }
  flow.gap(8);
}

export function drawVotes(flow: PageFlow, minutes: MinutesData): void {
  sectionHeading(flow, LABELS.sectionVotes);
  if (minutes.votes.length === 0) flow.text([{ text: LABELS.noVotes }], { firstIndent: 28 });
  minutes.votes.forEach((vote, i) => drawVote(flow, vote, i));
}
