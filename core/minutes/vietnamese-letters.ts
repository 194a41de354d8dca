/**
 * Every letter a Vietnamese name or sentence can hold, precomposed (NFC, as the minutes store
 * text): the twelve vowels with each of the six tones, the consonants with đ, and the four
 * letters only foreign names use (f, j, w, z), in both cases. A font for the minutes must have
 * a glyph for each.
 */

const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const;

/** Ngang (none), huyền, hỏi, ngã, sắc, nặng — as combining marks. */
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'] as const;

const CONSONANTS = [
  'b',
  'c',
  'd',
  'đ',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'q',
  'r',
  's',
  't',
  'v',
  'x',
  'f',
  'j',
  'w',
  'z',
] as const;

function letters(): readonly string[] {
  const lower = [
    ...VOWELS.flatMap((v) => TONES.map((t) => `${v}${t}`.normalize('NFC'))),
    ...CONSONANTS,
  ];
  return [...lower, ...lower.map((l) => l.toLocaleUpperCase('vi'))];
}

/** 12 × 6 + 21 = 93 letters in each case: 186 code points. */
export const VIETNAMESE_LETTERS: readonly string[] = letters();
