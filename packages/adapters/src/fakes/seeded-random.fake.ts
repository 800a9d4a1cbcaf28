import type { RandomSource } from '@socialpredict/domain';

/** A reproducible generator (mulberry32) for tests; never for production secrets. */
export class SeededRandom implements RandomSource {
  #state: number;

  constructor(seed = 1) {
    this.#state = seed >>> 0;
  }

  int(maxExclusive: number): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(unit * maxExclusive);
  }
}
