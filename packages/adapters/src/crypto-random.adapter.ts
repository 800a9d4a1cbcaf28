// RandomSource port on node:crypto: uniform and unpredictable, so generated passwords are safe to hand out.
import { randomInt } from 'node:crypto';
import type { RandomSource } from '@socialpredict/domain';

export const cryptoRandom: RandomSource = { int: (maxExclusive) => randomInt(maxExclusive) };
