import { describe, expect, it } from 'vitest';
import { type Measure, graphemes, wrapRuns } from './text-layout';

/** Every grapheme is 10 points wide, bold ones 12: easy to reason about. */
const measure: Measure = (text, style) => graphemes(text).length * (style === 'bold' ? 12 : 10);

const textOf = (lines: ReturnType<typeof wrapRuns>): string[] =>
  lines.map((l) => l.segments.map((s) => s.text).join(''));

describe('wrapRuns', () => {
  it('breaks at spaces and never exceeds the width', () => {
    const lines = wrapRuns([{ text: 'Nguyễn Tiến Sỹ ký biên bản cuộc họp' }], 100, measure);
    expect(textOf(lines)).toEqual(['Nguyễn', 'Tiến Sỹ ký', 'biên bản', 'cuộc họp']);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(100);
  });

  it('counts decomposed letters as one grapheme and never splits them', () => {
    const word = 'Nguyễn'.normalize('NFD').repeat(3); // 18 graphemes, more code units
    const lines = wrapRuns([{ text: word }], 50, measure);
    expect(lines.map((l) => graphemes(l.segments[0]?.text ?? '').length)).toEqual([5, 5, 5, 3]);
    expect(lines.map((l) => l.segments[0]?.text).join('')).toBe(word);
    for (const line of lines) {
      // A line never starts with a combining mark.
      expect(line.segments[0]?.text.normalize('NFD')).not.toMatch(/^\p{M}/u);
    }
  });

  it('keeps surrogate pairs whole', () => {
    const lines = wrapRuns([{ text: '𝔸𝔹𝔺𝔻𝔼' }], 20, measure);
    expect(textOf(lines)).toEqual(['𝔸𝔹', '𝔺𝔻', '𝔼']);
  });

  it('keeps styles per segment and measures each with its own font', () => {
    const lines = wrapRuns(
      [{ text: 'Đồng chí ' }, { text: 'Lê Văn Dũng', bold: true }, { text: ': nhất trí' }],
      1000,
      measure,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]?.segments.map((s) => [s.text, s.style, s.x])).toEqual([
      ['Đồng chí ', 'regular', 0],
      ['Lê Văn Dũng', 'bold', 90],
      [': nhất trí', 'regular', 222],
    ]);
    expect(lines[0]?.width).toBe(322);
  });

  it('treats a word made of several styled runs as one unbreakable word', () => {
    const lines = wrapRuns([{ text: 'ab cd' }, { text: 'EF', bold: true }], 45, measure);
    expect(textOf(lines)).toEqual(['ab', 'cdEF']);
  });

  it('honours hard line breaks, the first-line indent and marks where lines end', () => {
    const lines = wrapRuns([{ text: 'một hai ba\nbốn' }], 80, measure, 30);
    expect(textOf(lines)).toEqual(['một', 'hai ba', 'bốn']);
    expect(lines.map((l) => l.indent)).toEqual([30, 0, 0]);
    expect(lines.map((l) => l.hardBreak)).toEqual([false, true, true]);
  });

  it('collapses runs of spaces', () => {
    expect(textOf(wrapRuns([{ text: '  a    b  ' }], 500, measure))).toEqual(['a b']);
  });
});
