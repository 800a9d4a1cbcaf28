// The RandomSource contract: uniform whole numbers in [0, maxExclusive), every value reachable.
import { describe, expect, it } from 'vitest';
import type { RandomSource } from '@socialpredict/domain';
import { cryptoRandom } from '../src/crypto-random.adapter.ts';
import { SeededRandom } from '../src/fakes/seeded-random.fake.ts';

describe.each<[string, () => RandomSource]>([
  ['crypto', () => cryptoRandom],
  ['seeded', () => new SeededRandom(9)],
])('RandomSource contract: %s', (_name, create) => {
  it('draws whole numbers below the bound and reaches every one of them', () => {
    const random = create();
    for (const bound of [1, 2, 7, 62]) {
      const draws = Array.from({ length: bound * 200 }, () => random.int(bound));
      expect(draws.every((draw) => Number.isInteger(draw) && draw >= 0 && draw < bound)).toBe(true);
      expect(new Set(draws).size).toBe(bound);
    }
  });
});

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draws = (seed: number) => Array.from({ length: 50 }, (_, i) => new SeededRandom(seed).int(i + 1));
    expect(draws(4)).toEqual(draws(4));
    const sequence = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 20 }, () => random.int(1000));
    };
    expect(sequence(4)).not.toEqual(sequence(5));
  });
});
