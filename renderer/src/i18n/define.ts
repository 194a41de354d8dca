/**
 * A feature's messages in both languages. Vietnamese is the reference: English must translate
 * every one of its keys (the type checker enforces it), and nothing else.
 */
export function defineMessages<const V extends Record<string, string>>(
  vi: V,
  en: { [K in keyof V]: string },
): { vi: V; en: { [K in keyof V]: string } } {
  return { vi, en };
}
