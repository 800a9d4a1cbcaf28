// The global read models, by the domain's name for their kinds (the export names here predate it).
import type { GlobalReadModelKind } from '@socialpredict/domain';

export type GlobalReadModel = GlobalReadModelKind;

export const GLOBAL_READ_MODELS = ['global_leaderboard', 'system_metrics'] as const satisfies readonly GlobalReadModel[];
