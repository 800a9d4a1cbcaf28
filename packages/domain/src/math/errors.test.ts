import { describe, expect, it } from 'vitest';
import { DomainError, isDomainError } from './errors.ts';

describe('DomainError', () => {
  it('carries its code, and uses it as the message when none is given', () => {
    const error = new DomainError('INVALID_STEP');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'DomainError', code: 'INVALID_STEP', message: 'INVALID_STEP' });
    expect(new DomainError('POOL_NEGATIVE', 'too much').message).toBe('too much');
  });

  it('is recognised by isDomainError, other errors are not', () => {
    expect(isDomainError(new DomainError('NO_POSITION'))).toBe(true);
    expect(isDomainError(new Error('NO_POSITION'))).toBe(false);
    expect(isDomainError({ code: 'NO_POSITION' })).toBe(false);
  });
});
