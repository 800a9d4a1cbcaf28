// Clock port on the host's wall clock, in epoch milliseconds.
import type { Clock } from '@socialpredict/domain';

export const systemClock: Clock = { now: () => Date.now() };
