// Operator writes bypass the API's use cases, so they leave the stale mark on the global read models themselves
// (http-api §1.7); the next refresh (hourly, or a reader's when no job consumer runs) picks the change up.
import { GLOBAL_READ_MODELS, type GlobalReadModel } from '@socialpredict/jobs';
import { drizzleJobRepositories } from '@socialpredict/persistence';
import type { AppRuntime } from './app-runtime.ts';

export async function markGlobalReadModelsStale(runtime: AppRuntime, kinds: readonly GlobalReadModel[] = GLOBAL_READ_MODELS): Promise<void> {
  const marked = await drizzleJobRepositories(runtime.database).snapshots.markStale(kinds, runtime.clock.now());
  if (marked.isErr()) throw marked.error;
}
