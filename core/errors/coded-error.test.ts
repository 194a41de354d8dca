import { describe, expect, it } from 'vitest';
import { CodedError, isCodedError } from './coded-error';

class SampleError extends CodedError<'a' | 'b'> {
  override name = 'SampleError';
}

describe('CodedError', () => {
  it('keeps code, message, name and cause through a subclass', () => {
    const cause = new Error('below');
    const error = new SampleError('a', 'first', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(CodedError);
    expect([error.code, error.message, error.name, error.cause]).toEqual([
      'a',
      'first',
      'SampleError',
      cause,
    ]);
  });

  it('is recognised with or without a code', () => {
    const error = new SampleError('b', 'second');
    expect(isCodedError(error)).toBe(true);
    expect(isCodedError(error, 'b')).toBe(true);
    expect(isCodedError(error, 'a')).toBe(false);
    expect(isCodedError(new Error('plain'))).toBe(false);
    expect(isCodedError({ code: 'b', message: 'look-alike' })).toBe(false);
  });
});
