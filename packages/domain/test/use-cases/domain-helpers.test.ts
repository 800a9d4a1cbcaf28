// The pure helpers behind the use cases: totals-based WPAM figures, path thinning, input rules, generated credentials,
// the math boundary and the error catalogue.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  callMath,
  checkAppend,
  currentProbability,
  DomainError,
  generatePassword,
  GENERATED_PASSWORD_LENGTH,
  guardAppend,
  infrastructureError,
  isInfrastructureError,
  isTradable,
  nextPlacedAt,
  NO_ROWS,
  passwordPolicyProblems,
  pickFaceEmoji,
  probabilityFromTotals,
  publicMarketStatus,
  thinProbabilityPath,
  totalsAfter,
  uniqueViolation,
  USE_CASE_ERROR_CODES,
  type BetRow,
  type MarketTotals,
  type Seeds,
} from '@socialpredict/domain';
import { SeededRandom } from '../../../adapters/src/fakes/index.ts';

const seedsArbitrary: fc.Arbitrary<Seeds> = fc.record({
  initialProbability: fc.double({ min: 0, max: 1, noNaN: true }),
  initialSubsidization: fc.integer({ min: 1, max: 50 }),
  initialYes: fc.integer({ min: 0, max: 30 }),
  initialNo: fc.integer({ min: 0, max: 30 }),
});

const buysArbitrary = fc.array(
  fc.record({ outcome: fc.constantFrom('YES' as const, 'NO' as const), amount: fc.integer({ min: 1, max: 1_000 }) }),
  { maxLength: 30 },
);

function rowsAndTotals(buys: readonly { outcome: 'YES' | 'NO'; amount: number }[]): {
  rows: BetRow[]; totals: MarketTotals,
} {
  let totals = NO_ROWS;
  const traders = new Set<string>();
  const rows = buys.map((buy, i) => {
    const row: BetRow = { id: i + 1, username: `u${i % 3}`, ...buy, placedAt: i + 1 };
    totals = totalsAfter(totals, row, !traders.has(row.username));
    traders.add(row.username);
    return row;
  });
  return { rows, totals };
}

describe('WPAM from running totals (PERF-3 (docs/performance.md#perf-3))', () => {
  it('counts each trader once, as the distinct users of the rows', () => {
    fc.assert(
      fc.property(buysArbitrary, (buys) => {
        const { rows, totals } = rowsAndTotals(buys);
        expect(totals.traderCount).toBe(new Set(rows.map((row) => row.username)).size);
        expect(totals.rowCount).toBe(rows.length);
      }),
    );
  });

  it('is bit-identical to a replay of the rows', () => {
    fc.assert(
      fc.property(seedsArbitrary, buysArbitrary, (seeds, buys) => {
        const { rows, totals } = rowsAndTotals(buys);
        expect(probabilityFromTotals(seeds, totals)).toBe(currentProbability(rows, seeds));
      }),
    );
  });

  it('guards an appended row exactly like checkAppend', () => {
    fc.assert(
      fc.property(
        seedsArbitrary,
        buysArbitrary,
        fc.constantFrom('YES' as const, 'NO' as const),
        fc.integer({ min: -2_000, max: 1_000 }).filter((amount) => amount !== 0),
        (seeds, buys, outcome, amount) => {
          const { rows, totals } = rowsAndTotals(buys);
          const candidate: BetRow = {
            id: 999,
            username: 'x',
            outcome,
            amount,
            placedAt: 999,
            ...(amount < 0 ? { shares: 1, dust: 0 } : {}),
          };
          let expected = 'ok';
          try {
            checkAppend(rows, seeds, candidate);
          } catch (error) {
            expected = (error as DomainError).code;
          }
          const actual = guardAppend(seeds, totals, candidate);
          expect(actual.isOk() ? 'ok' : actual._unsafeUnwrapErr().code).toBe(expected);
        },
      ),
    );
  });

  it('keeps the newest placedAt and never stamps a row before it', () => {
    const totals = totalsAfter(totalsAfter(NO_ROWS, { outcome: 'YES', amount: 5, placedAt: 10 }, true), {
      outcome: 'NO',
      amount: -3,
      dust: 1,
      placedAt: 7,
    }, false);
    expect(totals).toEqual({ yes: 5, no: -3, volume: 2, dust: 1, rowCount: 2, traderCount: 1, lastPlacedAt: 10 });
    expect(nextPlacedAt(NO_ROWS, 4)).toBe(4);
    expect(nextPlacedAt(totals, 4)).toBe(10);
    expect(nextPlacedAt(totals, 12)).toBe(12);
  });
});

describe('probability path thinning (docs/api.md#t1-25)', () => {
  const path = Array.from({ length: 11 }, (_, i) => i);

  it('sends a short path whole', () => {
    expect(thinProbabilityPath(path.length, 11, (i) => path[i])).toEqual({ points: path, truncated: false });
  });

  it('sends the first, the last and evenly spaced points of a long one', () => {
    expect(thinProbabilityPath(path.length, 4, (i) => path[i])).toEqual({ points: [0, 3, 6, 10], truncated: true });
    expect(thinProbabilityPath(path.length, 1, (i) => path[i])).toEqual({ points: [0, 10], truncated: true });
  });

  it('always keeps the first and last points and at most the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 2, max: 50 }), (length, cap) => {
        const long = Array.from({ length }, (_, i) => i);
        const { points } = thinProbabilityPath(long.length, cap, (i) => long[i]);
        expect(points.length).toBe(Math.min(length, cap));
        expect(points[0]).toBe(0);
        expect(points.at(-1)).toBe(length - 1);
      }),
    );
  });
});

describe('public market status (docs/api.md#market-state)', () => {
  const at = (
    lifecycleStatus: Parameters<typeof publicMarketStatus>[0]['lifecycleStatus'],
    resolutionDateTime = 100,
  ) => ({
    lifecycleStatus,
    resolutionDateTime,
  });

  it('derives the status from the lifecycle and the clock', () => {
    expect(publicMarketStatus(at('published'), 99)).toBe('active');
    expect(publicMarketStatus(at('published'), 100)).toBe('closed');
    for (const lifecycle of ['proposed', 'rejected', 'cancelled', 'closed', 'resolved'] as const) {
      expect(publicMarketStatus(at(lifecycle), 0)).toBe(lifecycle);
    }
    expect(isTradable(at('published'), 99)).toBe(true);
    expect(isTradable(at('closed'), 0)).toBe(false);
  });
});

describe('credentials (docs/api.md#password-policy, docs/api.md#user-creation)', () => {
  it('generates 12 letters and digits with every class present', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const password = generatePassword(new SeededRandom(seed));
      expect(password).toHaveLength(GENERATED_PASSWORD_LENGTH);
      expect(password).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)[A-Za-z\d]+$/);
      expect(passwordPolicyProblems(password, '')).toEqual([]);
    }
  });

  it('terminates and keeps the classes even with a degenerate generator', () => {
    expect(generatePassword({ int: () => 0 })).toMatch(/^(?=.*A)(?=.*a)(?=.*0)/);
  });

  it('picks a face from the emoticons block', () => {
    expect(pickFaceEmoji({ int: () => 0 })).toBe('😀');
    expect(pickFaceEmoji({ int: (max) => max - 1 })).toBe('😷');
  });

  it.each([
    ['Sh0rt', 'must be 8 to 128 characters long'],
    ['A1' + 'a'.repeat(127), 'must be 8 to 128 characters long'],
    ['Has space1', 'must not contain whitespace or control characters'],
    ['Tab\tHere1', 'must not contain whitespace or control characters'],
    ['lowercase1', 'must contain an uppercase letter'],
    ['UPPERCASE1', 'must contain a lowercase letter'],
    ['NoDigitsHere', 'must contain a digit'],
  ])('names the broken rule for %j', (candidate, problem) => {
    expect(passwordPolicyProblems(candidate, 'Current1')).toEqual([problem]);
  });

  it('counts code points and accepts Unicode letters and digits', () => {
    expect(passwordPolicyProblems('ÄÖÜäöü١٢', '')).toEqual([]);
    expect(passwordPolicyProblems('Ab1😀😀😀😀', '')).toEqual(['must be 8 to 128 characters long']);
  });
});

describe('the math boundary', () => {
  it('turns an expected DomainError into Err and rethrows anything else', () => {
    expect(callMath(() => 1, [])._unsafeUnwrap()).toBe(1);
    const failing = () => {
      throw new DomainError('NO_POSITION', 'nothing to sell');
    };
    expect(callMath(failing, ['NO_POSITION'])._unsafeUnwrapErr()).toEqual({
      code: 'NO_POSITION',
      message: 'nothing to sell',
    });
    expect(() => callMath(failing, ['INVALID_AMOUNT'])).toThrow(DomainError);
    expect(() =>
      callMath(() => {
        throw new TypeError('bug');
      }, ['INVALID_AMOUNT']),
    ).toThrow(TypeError);
  });
});

describe('error catalogue (ERR-2 (docs/architecture.md#err-2))', () => {
  it('lists every use-case code once', () => {
    expect(new Set(USE_CASE_ERROR_CODES).size).toBe(USE_CASE_ERROR_CODES.length);
    expect(USE_CASE_ERROR_CODES).toEqual(expect.arrayContaining([
      'INFRASTRUCTURE_ERROR',
      'VALIDATION_FAILED',
      'NO_SELLABLE_SHARES',
    ]));
  });

  it('builds tagged infrastructure errors', () => {
    const cause = new Error('socket closed');
    expect(infrastructureError('UNAVAILABLE', 'down', cause)).toEqual({
      code: 'INFRASTRUCTURE_ERROR',
      kind: 'UNAVAILABLE',
      message: 'down',
      cause,
    });
    expect(infrastructureError('DEADLOCK', 'deadlock')).not.toHaveProperty('cause');
    expect(uniqueViolation('username', 'users_username_unique', cause)).toMatchObject({
      kind: 'UNIQUE_VIOLATION',
      field: 'username',
      constraint: 'users_username_unique',
      cause,
    });
    expect(uniqueViolation('username', 'users_username_unique')).not.toHaveProperty('cause');
    expect(isInfrastructureError(infrastructureError('UNEXPECTED', 'x'))).toBe(true);
    expect(isInfrastructureError({ code: 'VALIDATION_FAILED' })).toBe(false);
    expect(isInfrastructureError(null)).toBe(false);
  });
});
