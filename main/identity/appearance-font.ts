/** DejaVu Sans for visible signatures (every Vietnamese letter), read where the key lives. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

let cached: Promise<Uint8Array | null> | null = null;

/** The font bytes, or null when the package is missing (the signature is then a plain box). */
export function readAppearanceFont(): Promise<Uint8Array | null> {
  cached ??= (async () => {
    try {
      const file = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
      return new Uint8Array(await readFile(file));
    } catch {
      return null;
    }
  })();
  return cached;
}
