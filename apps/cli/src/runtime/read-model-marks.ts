// Operator writes bypass the API's use cases, so they leave the stale mark on the global read models themselves
// (http-api §1.7); the next refresh (hourly, or a reader's when no job consumer runs) picks the change up.
import { GLOBAL_READ_MODELS, sqlReadModelStore, type GlobalReadModel } from '@socialpredict/jobs';
import type { AppRuntime } from './app-runtime.ts';

export async function markGlobalReadModelsStale(runtime: AppRuntime, kinds: readonly GlobalReadModel[] = GLOBAL_READ_MODELS): Promise<void> {
  await sqlReadModelStore(runtime.database).markGlobalStale(kinds, runtime.clock.now());
}
