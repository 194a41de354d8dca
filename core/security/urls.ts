/** URL decisions shared by the desktop shell and the web client. */

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Links leaving the app open in the user's browser only when plainly safe: https (or
 * mailto), no embedded credentials, no odd schemes (file:, javascript:, smb:, custom handlers).
 */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > 2048) return false;
  const target = parse(url);
  if (target === null) return false;
  if (target.protocol === 'mailto:') return /^mailto:[^\s@/]+@[^\s@/]+$/.test(url);
  if (target.protocol !== 'https:') return false;
  if (target.username !== '' || target.password !== '') return false;
  return target.hostname.length > 0;
}
