/**
 * The layout a biên bản must follow (Nghị định 30/2020/NĐ-CP, Phụ lục I; Quyết định 933/QĐ-TLĐ
 * for union documents), as data: the renderer takes its page, margins and sizes from here, and
 * the tests measure the generated PDF against the same ranges.
 */

/** Millimetres to PDF points. */
export const MM = 72 / 25.4;

export interface Range {
  readonly min: number;
  readonly max: number;
}

export const within = (value: number, range: Range, tolerance = 0): boolean =>
  value >= range.min - tolerance && value <= range.max + tolerance;

/** The nine elements every administrative document carries (Decree 30/2020, Article 8). */
export const MANDATORY_ELEMENTS = [
  'national-motto',
  'issuing-body',
  'number-code',
  'place-date',
  'type-summary',
  'content',
  'signer',
  'seal',
  'recipients',
] as const;

export type MandatoryElement = (typeof MANDATORY_ELEMENTS)[number];

export const DECREE_30_LAYOUT = {
  /** A4 portrait, in millimetres. */
  pageMm: { width: 210, height: 297 },
  marginsMm: {
    top: { min: 20, max: 25 },
    bottom: { min: 20, max: 25 },
    left: { min: 30, max: 35 },
    right: { min: 15, max: 20 },
  },
  /** Body text (the content, section III), in points. */
  bodySizePt: { min: 13, max: 14 },
  /** Quốc hiệu 12–13 pt bold upper case; tiêu ngữ 13–14 pt bold. */
  nationSizePt: { min: 12, max: 13 },
  mottoSizePt: { min: 13, max: 14 },
  /** The issuing body 12–13 pt, bold upper case. */
  issuingBodySizePt: { min: 12, max: 13 },
  /** "Số: …" and the place-and-date line: 13–14 pt (the date line in italics). */
  numberSizePt: { min: 13, max: 14 },
  dateSizePt: { min: 13, max: 14 },
  /** The document type ("BIÊN BẢN") 13–14 pt bold upper case. */
  titleSizePt: { min: 13, max: 14 },
  /** Signer's authority and position, and name: 13–14 pt bold. */
  signerSizePt: { min: 13, max: 14 },
  /** "Nơi nhận:" 12 pt bold italic; its list 11 pt. */
  recipientsLabelSizePt: 12,
  recipientsSizePt: 11,
  /**
   * Times New Roman or a serif with the same metrics and every Vietnamese letter, embedded:
   * Liberation Serif 2.x (SIL OFL), shipped in assets/fonts/liberation-serif/. `postScriptName`
   * is what the PDF's font names carry after the subset tag, e.g. "DHMINR+LiberationSerif".
   */
  font: {
    family: 'Liberation Serif',
    postScriptName: 'LiberationSerif',
    embedded: true,
    serif: true,
    vietnamese: true,
  },
  /** Prefixes of a signature by delegated authority (Decree 30/2020, Article 13). */
  signaturePrefixes: ['TM.', 'KT.', 'TL.', 'TUQ.', 'Q.'] as const,
} as const;

/** The margins the renderer uses: inside the decree's ranges, in points. */
export const PAGE_MARGINS = {
  top: 20 * MM,
  bottom: 20 * MM,
  left: 30 * MM,
  right: 15 * MM,
} as const;

/** The page size in points. */
export const A4_POINTS: readonly [number, number] = [
  DECREE_30_LAYOUT.pageMm.width * MM,
  DECREE_30_LAYOUT.pageMm.height * MM,
];

/** Page numbers: from page 2, centred in the top margin, upright, 13–14 pt. */
export const PAGE_NUMBER_SIZE_PT = 13;

/** The font files the caller reads (core/ never touches the file system). */
export const MINUTES_FONT_FILES = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
} as const;

/** Body text size the renderer uses. */
export const BODY_SIZE_PT = 13;

/** One page's measured text box, in millimetres from each page edge. */
export interface MeasuredPage {
  readonly widthMm: number;
  readonly heightMm: number;
  /** Smallest distances of any body glyph from the edges. */
  readonly leftMm: number;
  readonly rightMm: number;
  readonly topMm: number;
  readonly bottomMm: number;
}

export type LayoutBreach =
  | { readonly rule: 'page-size'; readonly page: number }
  | {
      readonly rule: 'margin';
      readonly side: 'left' | 'right' | 'top' | 'bottom';
      /** -1: the document as a whole (its text box is set too far in). */
      readonly page: number;
    };

/**
 * Checks measured pages against the decree: each page A4 with no glyph inside a margin, and the
 * text box itself set at the decree's margins — the outermost text of the document (a page of
 * indented lines need not touch the margin) lies within each side's range, bottom excepted
 * (pages end where their last line does). `toleranceMm` absorbs glyph-box estimates.
 */
export function checkPages(pages: readonly MeasuredPage[], toleranceMm = 0.5): LayoutBreach[] {
  const m = DECREE_30_LAYOUT.marginsMm;
  const out: LayoutBreach[] = [];
  pages.forEach((p, page) => {
    if (
      Math.abs(p.widthMm - DECREE_30_LAYOUT.pageMm.width) > toleranceMm ||
      Math.abs(p.heightMm - DECREE_30_LAYOUT.pageMm.height) > toleranceMm
    )
      out.push({ rule: 'page-size', page });
    for (const side of SIDES)
      if (p[`${side}Mm`] < m[side].min - toleranceMm) out.push({ rule: 'margin', side, page });
  });
  if (pages.length === 0) return out;
  for (const side of ['left', 'right', 'top'] as const) {
    const edge = Math.min(...pages.map((p) => p[`${side}Mm`]));
    if (edge > m[side].max + toleranceMm) out.push({ rule: 'margin', side, page: -1 });
  }
  return out;
}

const SIDES = ['left', 'right', 'top', 'bottom'] as const;
