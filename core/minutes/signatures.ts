/**
 * The closing line, the two signature blocks — THƯ KÝ on the left, CHỦ TỌA on the right, or
 * their TM./KT./TL./TUQ. forms — each with an empty signature field (filled later by
 * core/signing) above the printed name, and the "Nơi nhận" block under them on the left.
 */
import type { EmptySignatureField } from '../signing';
import { LABELS } from './labels';
import { A4, type PageFlow } from './page-flow';
import { DECREE_30_LAYOUT } from './layout-rules';
import { closingText } from './sections';
import { recipientLines, signatureBlockTitle } from './signature-blocks';
import type { MinutesData } from './types';

/** Field names the signing step fills: the secretary signs first, the chair co-signs. */
export const MINUTES_SIGNATURE_FIELDS = { secretary: 'secretary', chair: 'chair' } as const;

/** Signature field size in points (about 7.4 × 2.6 cm). */
export const SIGNATURE_BOX = { width: 210, height: 74 } as const;

const TITLE_SIZE = DECREE_30_LAYOUT.signerSizePt.min;
const HINT_SIZE = 11;
const LABEL_SIZE = DECREE_30_LAYOUT.recipientsLabelSizePt;
const LIST_SIZE = DECREE_30_LAYOUT.recipientsSizePt;
const RECIPIENTS_LEADING = 1.25;

export function drawClosingAndSignatures(
  flow: PageFlow,
  minutes: MinutesData,
): EmptySignatureField[] {
  const text = closingText(minutes);
  const closing = text === null ? [] : flow.wrap([{ text }], { firstIndent: 28 });
  const half = flow.contentWidth / 2;
  const people = [
    {
      name: MINUTES_SIGNATURE_FIELDS.secretary,
      person: minutes.secretary,
      title: signatureBlockTitle(LABELS.secretaryTitle, minutes.secretary),
      x: 0,
    },
    {
      name: MINUTES_SIGNATURE_FIELDS.chair,
      person: minutes.chair,
      title: signatureBlockTitle(LABELS.chairTitle, minutes.chair),
      x: half,
    },
  ].map((p) => ({
    ...p,
    titleLines: p.title.flatMap((line) =>
      flow.wrap([{ text: line, bold: true }], { size: TITLE_SIZE, width: half }),
    ),
  }));
  const titleSize = { size: TITLE_SIZE };
  // Both fields stand level: the taller title decides where they start.
  const titleHeight =
    Math.max(...people.map((p) => p.titleLines.length)) * flow.lineHeight(titleSize);
  const blockHeight =
    titleHeight +
    flow.lineHeight({ size: HINT_SIZE }) +
    6 +
    SIGNATURE_BOX.height +
    8 +
    flow.lineHeight(titleSize) * 2;
  const list = recipientLines(minutes.recipients);
  const recipientsHeight =
    list.length === 0
      ? 0
      : 14 + LABEL_SIZE * RECIPIENTS_LEADING + list.length * LIST_SIZE * RECIPIENTS_LEADING * 2;
  // The signatures never stand alone on a page: the closing line goes with them, and the
  // recipients stay on the signatures' page.
  flow.ensure(closing.length * flow.lineHeight() + 18 + blockHeight + recipientsHeight);
  flow.gap(4);
  for (const line of closing) flow.drawLine(line, { firstIndent: 28 });
  flow.gap(14);

  const top = flow.y;
  const fields: EmptySignatureField[] = [];
  let bottom = top;
  for (const p of people) {
    flow.y = top;
    for (const line of p.titleLines)
      flow.drawLine(line, { ...titleSize, x: p.x, width: half, align: 'center' });
    flow.y = top + titleHeight;
    flow.text([{ text: LABELS.signHint, italic: true }], {
      x: p.x,
      width: half,
      align: 'center',
      size: HINT_SIZE,
    });
    flow.gap(6);
    const boxLeft = flow.left(p.x + (half - SIGNATURE_BOX.width) / 2);
    const boxTop = A4[1] - flow.y;
    fields.push({
      name: p.name,
      page: flow.pageIndex,
      rect: [boxLeft, boxTop - SIGNATURE_BOX.height, boxLeft + SIGNATURE_BOX.width, boxTop],
    });
    flow.gap(SIGNATURE_BOX.height + 8);
    flow.text([{ text: p.person.name, bold: true }], {
      ...titleSize,
      x: p.x,
      width: half,
      align: 'center',
    });
    bottom = Math.max(bottom, flow.y);
  }
  flow.y = bottom;
  drawRecipients(flow, list, half);
  return fields;
}

/** "Nơi nhận:" bold italic 12 pt at the left margin, then its list in 11 pt (Decree 30/2020). */
function drawRecipients(flow: PageFlow, lines: readonly string[], width: number): void {
  if (lines.length === 0) return;
  flow.gap(14);
  const label = { size: LABEL_SIZE, width, leading: RECIPIENTS_LEADING };
  flow.text([{ text: LABELS.recipients, bold: true, italic: true }], label);
  const item = { size: LIST_SIZE, width, leading: RECIPIENTS_LEADING };
  for (const line of lines) flow.text([{ text: line }], item);
}
