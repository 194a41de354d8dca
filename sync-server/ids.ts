import { randomBytes } from 'node:crypto';

/** A random id that fits document names (A–Z a–z 0–9 _ -): 72 bits, base64url. */
export function newId(prefix: string): string {
  return `${prefix}${randomBytes(9).toString('base64url')}`;
}
