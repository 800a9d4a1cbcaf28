import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../src/schemas/common.schema.ts';

const reference = (epochMs: number) => new Date(epochMs).toISOString();

describe('isoTime (docs/performance.md#iso-time)', () => {
  it('writes what Date#toISOString writes for any time a Date can hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (epochMs) => {
        expect(isoTime(epochMs)).toBe(reference(epochMs));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees at the edges of a day, of the four-digit years and of the epoch', () => {
    const year0 = new Date(0);
    year0.setUTCFullYear(0, 0, 1);
    const edges = [0, -1, 1, 86_399_999, 86_400_000, -86_400_000, -86_400_001, year0.getTime(), year0.getTime() - 1, 253_402_300_799_999, 253_402_300_800_000];
    for (const edge of edges) expect(isoTime(edge), String(edge)).toBe(reference(edge));
  });

  it('falls back for fractional milliseconds, which toISOString truncates', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e13, max: 1e13, noNaN: true }), (epochMs) => {
        expect(isoTime(epochMs)).toBe(reference(epochMs));
      }),
    );
  });

  it('keeps writing the right date after its cache of days has been emptied', () => {
    const days = Array.from({ length: 5000 }, (_, day) => day * 86_400_000 + 45_296_789);
    for (const time of days) expect(isoTime(time)).toBe(reference(time));
    expect(isoTime(days[0] as number)).toBe('1970-01-01T12:34:56.789Z');
  });
});
