/** DejaVu Serif from the npm package, as callers of core/minutes pass it. */
import { readFileSync } from 'node:fs';
import type { MinutesFonts } from '../../core/minutes';

const TTF = 'node_modules/dejavu-fonts-ttf/ttf';

function ttf(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../${TTF}/${name}.ttf`, import.meta.url)));
}

export function dejavuSerif(): MinutesFonts {
  return {
    regular: ttf('DejaVuSerif'),
    bold: ttf('DejaVuSerif-Bold'),
    italic: ttf('DejaVuSerif-Italic'),
    boldItalic: ttf('DejaVuSerif-BoldItalic'),
  };
}

export function dejavuSans(): Uint8Array {
  return ttf('DejaVuSans');
}
