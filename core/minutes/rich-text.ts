/** Draws the rich-text model (paragraphs, headings, lists) into the page flow. */
import { type PageFlow } from './page-flow';
import type { RichRun, RichText } from './types';

const PARAGRAPH_INDENT = 28;
const LIST_MARKER = 14;
const LIST_INDENT = 36;
const BLOCK_GAP = 3;

function heading(runs: readonly RichRun[], level: 1 | 2 | 3): RichRun[] {
  // Level 3 is bold italic; 1 and 2 bold, as sub-headings of a biên bản usually are.
  return runs.map((r) => ({ text: r.text, bold: true, italic: level === 3 || !!r.italic }));
}

/** Renders `text` starting `x` points into the content box. */
export function drawRichText(flow: PageFlow, text: RichText, x = 0): void {
  for (const block of text) {
    if (block.type === 'paragraph') {
      flow.text(block.runs, { x, firstIndent: PARAGRAPH_INDENT, justify: true });
    } else if (block.type === 'heading') {
      const lines = flow.wrap(heading(block.runs, block.level), { x });
      // Keep a heading with the first line of what follows it.
      flow.ensure(flow.lineHeight() * (lines.length + 1));
      for (const line of lines) flow.drawLine(line, { x });
    } else {
      block.items.forEach((runs, i) => {
        const marker = block.ordered ? `${i + 1}.` : '-';
        const lines = flow.wrap(runs, { x: x + LIST_INDENT });
        if (lines.length === 0) return;
        flow.ensure(flow.lineHeight());
        const markerLine = flow.wrap([{ text: marker }], { x, width: LIST_INDENT })[0];
        if (markerLine) flow.drawSegments(markerLine, flow.left(x + LIST_MARKER), flow.y + 13, 13);
        lines.forEach((line, k) => {
          const justify = k < lines.length - 1 && !line.hardBreak;
          flow.drawLine(line, { x: x + LIST_INDENT, justify });
        });
      });
    }
    flow.gap(BLOCK_GAP);
  }
}
