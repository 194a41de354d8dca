/**
 * Paints appearance text as filled glyph outlines taken from a TrueType font (DejaVu Sans has
 * every Vietnamese glyph). Outlines need no embedded font object in the incremental update, and
 * they render identically in every viewer; the text is not selectable, which a signature's
 * appearance does not need (the signer's name is also in /Name and the certificate).
 */
import fontkit from '@pdf-lib/fontkit';
import type { AppearanceTextPainter } from './appearance';
import { fmt } from './appearance';

interface OutlineFont {
  readonly unitsPerEm: number;
  layout(text: string): {
    glyphs: { path: { toSVG(): string } }[];
    positions: { xAdvance: number; xOffset: number; yOffset: number }[];
  };
}

/** SVG path data (absolute M/L/Q/C/Z, as fontkit writes it) to PDF path operators. */
function svgToPdf(svg: string, map: (x: number, y: number) => string): string {
  const tokens = svg.match(/[MLQCZ]|-?\d*\.?\d+(?:e[-+]?\d+)?/gi) ?? [];
  const ops: string[] = [];
  let i = 0;
  let cx = 0;
  let cy = 0;
  const num = (): number => Number(tokens[i++]);
  while (i < tokens.length) {
    const cmd = tokens[i++];
    if (cmd === 'M' || cmd === 'L') {
      cx = num();
      cy = num();
      ops.push(`${map(cx, cy)} ${cmd === 'M' ? 'm' : 'l'}`);
    } else if (cmd === 'Q') {
      const qx = num();
      const qy = num();
      const x = num();
      const y = num();
      // Quadratic to cubic: control points 2/3 of the way towards the quadratic one.
      const c1 = map(cx + (2 / 3) * (qx - cx), cy + (2 / 3) * (qy - cy));
      const c2 = map(x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y));
      ops.push(`${c1} ${c2} ${map(x, y)} c`);
      cx = x;
      cy = y;
    } else if (cmd === 'C') {
      const a = map(num(), num());
      const b = map(num(), num());
      cx = num();
      cy = num();
      ops.push(`${a} ${b} ${map(cx, cy)} c`);
    } else if (cmd === 'Z' || cmd === 'z') {
      ops.push('h');
    }
  }
  return ops.join(' ');
}

/** A painter drawing left-aligned lines, scaled down to fit the box, in dark blue. */
export function createOutlineTextPainter(fontBytes: Uint8Array): AppearanceTextPainter {
  const font = fontkit.create(fontBytes) as unknown as OutlineFont;
  return (lines, width, height) => {
    const padding = Math.min(6, width / 10, height / 10);
    const runs = lines.map((line) => font.layout(line.normalize('NFC')));
    const widest = Math.max(1, ...runs.map((r) => r.positions.reduce((s, p) => s + p.xAdvance, 0)));
    const lineGap = 1.25;
    const byHeight = (height - 2 * padding) / (lines.length * lineGap);
    const byWidth = ((width - 2 * padding) * font.unitsPerEm) / widest;
    const size = Math.max(1, Math.min(byHeight, byWidth, 14));
    const scale = size / font.unitsPerEm;
    const ops: string[] = ['q 0.1 0.15 0.35 rg'];
    const blockHeight = lines.length * size * lineGap;
    let baseline = height - (height - blockHeight) / 2 - size;
    for (const run of runs) {
      let pen = padding;
      run.glyphs.forEach((glyph, k) => {
        const pos = run.positions[k];
        const ox = pen + (pos?.xOffset ?? 0) * scale;
        const oy = baseline + (pos?.yOffset ?? 0) * scale;
        const path = svgToPdf(
          glyph.path.toSVG(),
          (x, y) => `${fmt(ox + x * scale)} ${fmt(oy + y * scale)}`,
        );
        if (path) ops.push(`${path} f`);
        pen += (pos?.xAdvance ?? 0) * scale;
      });
      baseline -= size * lineGap;
    }
    ops.push('Q');
    return ops.join('\n');
  };
}
