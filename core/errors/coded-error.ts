/**
 * The one base for every error a user, an operator or a client can cause: a stable `code` that
 * programs and the UI read (`<area>.error.<code>` in the catalogues), and a message for people
 * and logs that may change. Subclasses narrow `Code` and set their own `name`; where the error
 * crosses a boundary (HTTP, IPC) only `code` and `message` travel.
 */
export class CodedError<Code extends string = string> extends Error {
  override name = 'CodedError';
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** True when `error` is a CodedError, optionally with the given code. */
export function isCodedError(error: unknown, code?: string): error is CodedError {
  return error instanceof CodedError && (code === undefined || error.code === code);
}
