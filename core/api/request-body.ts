import { ApiValidationError } from './meetings';

/**
 * A request body as a JSON object holding only the `allowed` fields; anything else is refused
 * by name. A forged `memberId` lands here: who acts is decided by the session alone.
 */
export function objectBody(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiValidationError('invalid-body', '', 'Expected a JSON object.');
  }
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      throw new ApiValidationError('unknown-field', key, `This request has no field "${key}".`);
    }
  }
  return body as Record<string, unknown>;
}
