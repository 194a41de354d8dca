/**
 * Liberation Serif (Times New Roman metrics, every Vietnamese letter), shipped in the repository
 * under assets/fonts/ so every machine embeds the same bytes; read once at startup.
 */
import { readFileSync } from 'node:fs';
import type { MinutesFonts } from '../../core/minutes';
import { MINUTES_FONT_FILES } from '../../core/minutes/layout-rules';

const FONT_DIR = new URL('../../assets/fonts/liberation-serif/', import.meta.url);

const ttf = (file: string): Uint8Array => new Uint8Array(readFileSync(new URL(file, FONT_DIR)));

export function loadMinutesFonts(): MinutesFonts {
  return {
    regular: ttf(MINUTES_FONT_FILES.regular),
    bold: ttf(MINUTES_FONT_FILES.bold),
    italic: ttf(MINUTES_FONT_FILES.italic),
    boldItalic: ttf(MINUTES_FONT_FILES.boldItalic),
  };
}
