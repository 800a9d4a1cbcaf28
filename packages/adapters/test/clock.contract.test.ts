// The Clock contract: whole epoch milliseconds that never go backwards between readings.
import { describe, expect, it } from 'vitest';
import type { Clock } from '@socialpredict/domain';
import { ManualClock } from '../src/fakes/manual-clock.fake.ts';
import { systemClock } from '../src/system-clock.adapter.ts';

describe.each<[string, () => Clock]>([
  ['system clock', () => systemClock],
  ['manual clock', () => new ManualClock(Date.UTC(2026, 0, 1), 1)],
])('Clock contract: %s', (_name, create) => {
  it('reads whole epoch milliseconds after 2020 that never decrease', () => {
    const clock = create();
    const readings = Array.from({ length: 100 }, () => clock.now());
    for (const reading of readings) {
      expect(Number.isSafeInteger(reading)).toBe(true);
      expect(reading).toBeGreaterThan(Date.UTC(2020, 0, 1));
    }
    expect(readings).toEqual([...readings].sort((a, b) => a - b));
  });
});

describe('ManualClock', () => {
  it('steps with every reading, jumps and advances by hand', () => {
    const clock = new ManualClock(100, 10);
    expect([clock.now(), clock.now()]).toEqual([100, 110]);
    clock.set(5);
    clock.advance(2);
    expect(clock.now()).toBe(7);
  });
});
