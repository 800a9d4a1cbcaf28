// Handlers fail by throwing (pg-boss retries them), and the reader's callers expect a rejected promise. The error is
// thrown unchanged, so an InfrastructureError keeps its kind all the way to the HTTP mapping.
import type { ResultAsync } from 'neverthrow';

export async function resultOrThrow<T, E>(result: ResultAsync<T, E>): Promise<T> {
  const outcome = await result;
  if (outcome.isErr()) throw outcome.error;
  return outcome.value;
}
