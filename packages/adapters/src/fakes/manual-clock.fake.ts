import type { Clock } from '@socialpredict/domain';

/** A clock tests set by hand; with `stepMs` every reading also moves it forward, so successive events differ. */
export class ManualClock implements Clock {
  #now: number;
  readonly #stepMs: number;

  constructor(start: number, stepMs = 0) {
    this.#now = start;
    this.#stepMs = stepMs;
  }

  now(): number {
    const reading = this.#now;
    this.#now += this.#stepMs;
    return reading;
  }

  set(epochMs: number): void {
    this.#now = epochMs;
  }

  advance(ms: number): void {
    this.#now += ms;
  }
}
