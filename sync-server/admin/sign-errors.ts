import { CodedError } from '../../core/errors/coded-error';

/** A refusal of `admin sign` / `admin verify` with a stable code, printed as one line. */
export class AdminCommandError extends CodedError {
  override readonly name = 'AdminCommandError';
}
