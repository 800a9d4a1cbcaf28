// The optimistic check every content save makes, as site settings do (docs/api.md#site-content): the caller sends
// the version it read; an older one is refused instead of silently overwriting another editor's save; 0 skips it.
import { err, ok, type Result } from 'neverthrow';
import { invalidState, validationFailed, type InvalidState, type ValidationFailed } from '../../errors/use-case.errors.ts';

export function checkVersionInput(version: number): Result<void, ValidationFailed> {
  return Number.isSafeInteger(version) && version >= 0 ? ok(undefined) : err(validationFailed({ version: ['must be a whole number ≥ 0'] }));
}

export function checkCurrentVersion(sent: number, current: number, what: string): Result<void, InvalidState> {
  if (sent === 0 || sent === current) return ok(undefined);
  return err(invalidState(`The ${what} changed since version ${String(sent)}; the current version is ${String(current)}.`));
}

/** Length in code points, as the limits of docs/api.md#site-content count. */
export const codePoints = (text: string): number => [...text].length;
