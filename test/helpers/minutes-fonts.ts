/** Fonts as callers of core/minutes pass them, and DejaVu Sans for signature appearances. */
import { readFileSync } from 'node:fs';
import type { MinutesFonts } from '../../core/minutes';
import { loadMinutesFonts } from '../../sync-server/minutes/fonts';

/** Liberation Serif from assets/fonts/: what the server embeds in the minutes. */
export function minutesFonts(): MinutesFonts {
  return loadMinutesFonts();
}

/** DejaVu Serif from the npm package: a wider serif, for tests that only need some font. */
export function dejavuSerif(): MinutesFonts {
  return {
    regular: ttf('DejaVuSerif'),
    bold: ttf('DejaVuSerif-Bold'),
    italic: ttf('DejaVuSerif-Italic'),
    boldItalic: ttf('DejaVuSerif-BoldItalic'),
  };
}

function ttf(name: string): Uint8Array {
  const url = new URL(`../../node_modules/dejavu-fonts-ttf/ttf/${name}.ttf`, import.meta.url);
  return new Uint8Array(readFileSync(url));
}

export function dejavuSans(): Uint8Array {
  return ttf('DejaVuSans');
}
