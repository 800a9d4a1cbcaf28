// Turns a use case's tagged error into the one-line failure the operator reads: the message plus, for validation
// errors, each field's problems. Infrastructure causes stay out of the line (they may name tables).
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
