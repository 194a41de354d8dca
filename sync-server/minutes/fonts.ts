/** DejaVu Serif (every Vietnamese letter) from the npm package, read once at startup. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { MinutesFonts } from '../../core/minutes';

function ttf(name: string): Uint8Array {
  const file = createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);
  return new Uint8Array(readFileSync(file));
}

export function loadMinutesFonts(): MinutesFonts {
  return {
    regular: ttf('DejaVuSerif'),
    bold: ttf('DejaVuSerif-Bold'),
    italic: ttf('DejaVuSerif-Italic'),
    boldItalic: ttf('DejaVuSerif-BoldItalic'),
  };
}
