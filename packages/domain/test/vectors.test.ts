// Every public vector of packages/domain/test/vectors/market-math.json, called through the public entry (docs/market-model.md#test-vectors).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as math from '../src/math/index.ts';

interface Vector {
  id: string;
  function: string;
  input: Record<string, unknown>;
  expected?: unknown;
  expectedError?: string;
}

const file = JSON.parse(readFileSync(new URL('./vectors/market-math.json', import.meta.url), 'utf8')) as {
  count: number;
  vectors: Vector[];
};

/** docs/market-model.md#test-vectors equality: `undefined` reads as `null`, `-0` as `0`, absent and undefined properties are the same. */
function normalize(value: unknown): unknown {
  if (value === undefined) return null;
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, field]) => field !== undefined)
        .map(([key, field]) => [key, normalize(field)]),
    );
  }
  return value;
}

function call(vector: Vector): unknown {
  const fn = (math as unknown as Record<string, unknown>)[vector.function];
  if (typeof fn !== 'function') throw new Error(`${vector.function} is not exported`);
  return (fn as (...args: unknown[]) => unknown)(...Object.values(vector.input));
}

describe('market-math vectors', () => {
  it('holds every announced vector', () => {
    expect(file.vectors).toHaveLength(file.count);
  });

  for (const vector of file.vectors) {
    it(vector.id, () => {
      if (vector.expectedError === undefined) {
        expect(normalize(call(vector))).toEqual(vector.expected);
        return;
      }
      let thrown: unknown;
      try {
        call(vector);
      } catch (error) {
        thrown = error;
      }
      expect(math.isDomainError(thrown)).toBe(true);
      expect((thrown as math.DomainError).code).toBe(vector.expectedError);
    });
  }
});
