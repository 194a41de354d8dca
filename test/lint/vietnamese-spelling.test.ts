import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newStyleToneMarks } from '../../core/text/tone-marks';

const root = path.resolve(__dirname, '../..');
const folders = ['core', 'renderer/src', 'sync-server', 'main', 'node-shared', 'test/e2e'];

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

/**
 * Beyond the catalogues (renderer/src/i18n/spelling.test.ts): server messages, core labels and
 * tests that click on Vietnamese text are written with the same spelling and in NFC.
 */
describe('Vietnamese in source files', () => {
  const files = folders.flatMap(sources);

  it('uses the traditional tone-mark placement', () => {
    const offending = files.flatMap((file) => {
      const text = readFileSync(path.join(root, file), 'utf8');
      // The spelling tests themselves quote the new style on purpose.
      if (text.includes('newStyleToneMarks(')) return [];
      return newStyleToneMarks(text).map((word) => `${file}: ${word}`);
    });
    expect(offending).toEqual([]);
  });

  it('is NFC', () => {
    const notNfc = files.filter((file) => {
      const text = readFileSync(path.join(root, file), 'utf8');
      return text !== text.normalize('NFC') && !text.includes("normalize('NFD')");
    });
    expect(notNfc).toEqual([]);
  });
});
