/**
 * Renders validated minutes to PDF bytes: pdf-lib with subset-embedded TrueType fonts (the
 * caller passes Liberation Serif: Times metrics, every Vietnamese letter), classic xref table (no object streams)
 * so signatures can be appended incrementally, and the same bytes for the same input.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';
import { addEmptySignatureFields } from '../signing';
import { MinutesError } from './errors';
import { drawHeader } from './header';
import { LABELS } from './labels';
import { PAGE_NUMBER_SIZE_PT } from './layout-rules';
import { A4, MARGINS, PageFlow } from './page-flow';
import { parseMinutesData } from './parse';
import { drawAttendance, drawContent, drawOpening, drawTimeAndPlace } from './sections';
import { drawClosingAndSignatures } from './signatures';
import type { FontStyle } from './text-layout';
import type { MinutesData, MinutesFonts } from './types';
import { drawVotes } from './vote-table';

const PRODUCER = 'Diên Hồng (pdf-lib)';

/** The minutes' four fonts, subset-embedded (also used by the results export, core/results). */
export async function embedFonts(
  doc: PDFDocument,
  fonts: MinutesFonts,
): Promise<Record<FontStyle, PDFFont>> {
  doc.registerFontkit(fontkit);
  // Fixed subset tags instead of pdf-lib's generated ones keep the output reproducible; after
  // the tag stands the font's own PostScript name, so a reader of the PDF sees which font it is.
  const embed = async (
    bytes: Uint8Array | undefined,
    tag: string,
  ): Promise<PDFFont | undefined> => {
    if (!bytes) return undefined;
    try {
      const own = fontkit.create(bytes).postscriptName ?? 'MinutesFont';
      const name = own.replace(/[^!-~]|[[\]()<>{}/%#]/g, '');
      return await doc.embedFont(bytes, { subset: true, customName: `${tag}+${name}` });
    } catch (cause) {
      throw new MinutesError(
        'minutes-font-invalid',
        `The ${tag} font is not a usable TrueType font: ${(cause as Error).message}`,
      );
    }
  };
  const regular = await embed(fonts.regular, 'DHMINR');
  const bold = await embed(fonts.bold, 'DHMINB');
  if (!regular || !bold)
    throw new MinutesError('minutes-font-invalid', 'Regular and bold fonts are required');
  const italic = (await embed(fonts.italic, 'DHMINI')) ?? regular;
  const boldItalic = (await embed(fonts.boldItalic, 'DHMINJ')) ?? bold;
  return { regular, bold, italic, boldItalic };
}

/**
 * Decree 30/2020: pages are numbered from 2 in Arabic digits, 13–14 pt upright, centred in the
 * top margin; the first page shows no number.
 */
export function drawPageNumbers(flow: PageFlow): void {
  const size = PAGE_NUMBER_SIZE_PT;
  const measure = flow.measurer(size);
  flow.pages.forEach((page, i) => {
    if (i === 0) return;
    const label = String(i + 1);
    page.drawText(label, {
      x: (A4[0] - measure(label, 'regular')) / 2,
      y: A4[1] - MARGINS.top / 2 - size / 2,
      size,
      font: flow.fonts.regular,
    });
  });
}

/**
 * Renders a Vietnamese biên bản. `minutes` is validated first (MinutesError on bad input); the
 * returned PDF has empty signature fields "secretary" and "chair".
 */
export async function renderMinutesPdf(
  minutes: MinutesData,
  fonts: MinutesFonts,
): Promise<Uint8Array> {
  const data = parseMinutesData(minutes);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fontSet = await embedFonts(doc, fonts);
  const flow = new PageFlow(doc, fontSet);
  drawHeader(flow, data);
  drawOpening(flow, data);
  drawTimeAndPlace(flow, data);
  drawAttendance(flow, data);
  drawContent(flow, data);
  drawVotes(flow, data);
  const fields = drawClosingAndSignatures(flow, data);
  drawPageNumbers(flow);
  addEmptySignatureFields(doc, fields);

  // The file's dates: the close when known, else when it was made (never an invented end).
  const finished = new Date((data.endsAt ?? data.issuedAt ?? data.startsAt).iso);
  doc.setTitle(`${LABELS.title} ${data.meetingTitle}`, { showInWindowTitleBar: true });
  doc.setAuthor(data.secretary.name);
  doc.setSubject(data.organisation);
  doc.setLanguage('vi-VN');
  doc.setProducer(PRODUCER);
  doc.setCreator(PRODUCER);
  doc.setCreationDate(finished);
  doc.setModificationDate(finished);
  return doc.save({ useObjectStreams: false });
}
