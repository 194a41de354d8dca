/**
 * Vietnamese name order: lists of people are sorted by the given name (the last word,
 * "Sỹ" in "Nguyễn Tiến Sỹ"), then by the rest of the name from the family name on, with
 * Vietnamese collation (a < ă < â, d < đ, tones after the bare letter).
 */
const collator = new Intl.Collator('vi', { sensitivity: 'variant', numeric: true });

/** Splits "Nguyễn Tiến Sỹ" into the given name "Sỹ" and the rest "Nguyễn Tiến". */
export function givenName(fullName: string): { given: string; rest: string } {
  const words = fullName.normalize('NFC').trim().split(/\s+/u);
  const given = words.pop() ?? '';
  return { given, rest: words.join(' ') };
}

/** Compares two full names the Vietnamese way (given name first). */
export function compareVietnameseNames(a: string, b: string): number {
  const x = givenName(a);
  const y = givenName(b);
  return collator.compare(x.given, y.given) || collator.compare(x.rest, y.rest);
}
