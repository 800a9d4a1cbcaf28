// Turns a use case's tagged error into the one-line failure the operator reads: the message plus, for validation
// errors, each field's problems. Infrastructure causes stay out of the line (they may name tables).
import type { ResultAsync } from 'neverthrow';
import { CommandFailure } from './command.ts';

interface TaggedError {
  code: string;
  message: string;
  fields?: Readonly<Record<string, readonly string[]>>;
}

export function useCaseFailure(error: TaggedError): CommandFailure {
  const fields = Object.entries(error.fields ?? {}).map(([field, problems]) => `${field}: ${problems.join(', ')}`);
  return new CommandFailure(`${error.code}: ${error.message}${fields.length > 0 ? ` (${fields.join('; ')})` : ''}`);
}

/** The value of a use case's result, or the operator's failure line. */
export async function succeeded<T, E extends TaggedError>(result: ResultAsync<T, E>): Promise<T> {
  const settled = await result;
  if (settled.isErr()) throw useCaseFailure(settled.error);
  return settled.value;
}
