/**
 * The closing line and the two signature blocks: THƯ KÝ on the left, CHỦ TỌA on the right,
 * each with an empty signature field (filled later by core/signing) above the printed name.
 */
import type { EmptySignatureField } from '../signing';
import { LABELS } from './labels';
import { A4, type PageFlow } from './page-flow';
import { closingText } from './sections';
import type { MinutesData } from './types';

/** Field names the signing step fills: the secretary signs first, the chair co-signs. */
export const MINUTES_SIGNATURE_FIELDS = { secretary: 'secretary', chair: 'chair' } as const;

/** Signature field size in points (about 7.4 × 2.6 cm). */
export const SIGNATURE_BOX = { width: 210, height: 74 } as const;

const TITLE_SIZE = 13;

export function drawClosingAndSignatures(
  flow: PageFlow,
  minutes: MinutesData,
): EmptySignatureField[] {
  const text = closingText(minutes);
  const closing = text === null ? [] : flow.wrap([{ text }], { firstIndent: 28 });
  const blockHeight = TITLE_SIZE * 1.35 * 2 + 6 + SIGNATURE_BOX.height + 8 + TITLE_SIZE * 1.35 * 2;
  // The signatures never stand alone on a page: the closing line goes with them.
  flow.ensure(closing.length * flow.lineHeight() + 18 + blockHeight);
  flow.gap(4);
  for (const line of closing) flow.drawLine(line, { firstIndent: 28 });
  flow.gap(14);

  const half = flow.contentWidth / 2;
  const people = [
    {
      name: MINUTES_SIGNATURE_FIELDS.secretary,
      title: LABELS.secretaryTitle,
      person: minutes.secretary,
      x: 0,
    },
    {
      name: MINUTES_SIGNATURE_FIELDS.chair,
      title: LABELS.chairTitle,
      person: minutes.chair,
      x: half,
    },
  ];
  const top = flow.y;
  const fields: EmptySignatureField[] = [];
  let bottom = top;
  for (const p of people) {
    flow.y = top;
    flow.text([{ text: p.title, bold: true }], { x: p.x, width: half, align: 'center' });
    flow.text([{ text: LABELS.signHint, italic: true }], {
      x: p.x,
      width: half,
      align: 'center',
      size: 11,
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
    flow.text([{ text: p.person.name, bold: true }], { x: p.x, width: half, align: 'center' });
    bottom = Math.max(bottom, flow.y);
  }
  flow.y = bottom;
  return fields;
}
