// The global read models, by the domain's name for their kinds (the export names here predate it).
import { GLOBAL_READ_MODEL_KINDS, type GlobalReadModelKind } from '@socialpredict/domain';

export type GlobalReadModel = GlobalReadModelKind;

export const GLOBAL_READ_MODELS = GLOBAL_READ_MODEL_KINDS;
