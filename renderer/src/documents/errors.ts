import { ApiError } from '../api/client';
import type { MessageKey } from '../i18n/catalog';

type DocsErrorKey = Extract<MessageKey, `docs.error.${string}`>;

const KNOWN = new Set([
  'not-a-pdf',
  'pdf-truncated',
  'pdf-broken',
  'pdf-encrypted',
  'too-large',
  'forbidden',
  'document-already-attached',
  'hash-mismatch',
  'network',
]);

/** The message for a failed upload, attach or download; never the server's English text. */
export function documentErrorMessage(error: unknown): { key: DocsErrorKey; code: string } {
  const code = error instanceof ApiError ? error.code : 'other';
  // The blob route answers 413 for files past the limit.
  const known = error instanceof ApiError && error.status === 413 ? 'too-large' : code;
  return KNOWN.has(known)
    ? { key: `docs.error.${known}` as DocsErrorKey, code: known }
    : { key: 'docs.error.other', code };
}
