import { CodedError } from '../errors/coded-error';

/**
 * Stable codes for minutes the caller got wrong (bad data, missing fonts). They stay inside the
 * server: a route answers `minutes-draft-invalid` for any of them.
 */
export type MinutesErrorCode =
  | 'minutes-not-object'
  | 'minutes-field-missing'
  | 'minutes-field-invalid'
  | 'minutes-text-too-long'
  | 'minutes-time-invalid'
  | 'minutes-time-order'
  | 'minutes-rich-text-invalid'
  | 'minutes-vote-invalid'
  | 'minutes-font-invalid';

export class MinutesError extends CodedError<MinutesErrorCode> {
  override readonly name = 'MinutesError';
  constructor(
    code: MinutesErrorCode,
    message: string,
    /** Dotted path of the offending input, e.g. "items[2].title". */
    readonly path?: string,
  ) {
    super(code, path ? `${path}: ${message}` : message);
  }
}
