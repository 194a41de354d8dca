/** Stable codes for minutes the caller got wrong (bad data, missing fonts). */
export type MinutesErrorCode =
  | 'MINUTES_NOT_OBJECT'
  | 'MINUTES_FIELD_MISSING'
  | 'MINUTES_FIELD_INVALID'
  | 'MINUTES_TEXT_TOO_LONG'
  | 'MINUTES_TIME_INVALID'
  | 'MINUTES_TIME_ORDER'
  | 'MINUTES_RICH_TEXT_INVALID'
  | 'MINUTES_VOTE_INVALID'
  | 'MINUTES_FONT_INVALID';

export class MinutesError extends Error {
  override readonly name = 'MinutesError';
  constructor(
    readonly code: MinutesErrorCode,
    message: string,
    /** Dotted path of the offending input, e.g. "items[2].title". */
    readonly path?: string,
  ) {
    super(path ? `${path}: ${message}` : message);
  }
}
