/**
 * One spelling of tone marks. Vietnamese writes "oa, oe, uy" at the end of a syllable with the
 * mark either on the first vowel (traditional: "hòa", "Chủ tọa", "Hủy") or on the second (new
 * style: "hoà", "Chủ toạ", "Huỷ"). Diên Hồng uses the traditional placement everywhere, as
 * Vietnamese legal documents do; this finds the other one. "qu" is a consonant, so "quý" and
 * "quỹ" are right in both styles.
 */

const NEW_STYLE = /(?<![qQ])(?:[oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?!\p{L})/gu;

/** The words of `text` that place a tone mark in the new style (empty when there are none). */
export function newStyleToneMarks(text: string): string[] {
  const nfc = text.normalize('NFC');
  return [...nfc.matchAll(NEW_STYLE)].map((match) => {
    const before = /\p{L}*$/u.exec(nfc.slice(0, match.index))?.[0] ?? '';
    return before + match[0];
  });
}
