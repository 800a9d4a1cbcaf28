// Deterministic, valid market histories of any size for benchmarks (docs/market-model.md#valid-history).
import type { BetRow, Outcome, Seeds } from '../src/math/types.ts';

export const DEFAULT_SEEDS: Seeds = { initialProbability: 0.5, initialSubsidization: 10, initialYes: 0, initialNo: 0 };

/** Small xorshift PRNG so every run benchmarks the same history. */
function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

/**
 * `rowCount` rows from `userCount` traders: mostly buys of 1–100 credits, one row in ten a small sale.
 * Sales stay far below the side's running total, so the pool never goes negative and p stays in [0, 1].
 */
export function syntheticHistory(rowCount: number, userCount: number, seed = 42): BetRow[] {
  const random = xorshift(seed);
  const totals = { YES: 0, NO: 0 };
  const rows: BetRow[] = [];
  for (let id = 1; id <= rowCount; id += 1) {
    const username = `user${String(Math.floor(random() * userCount)).padStart(5, '0')}`;
    const outcome: Outcome = random() < 0.5 ? 'YES' : 'NO';
    const sale = random() < 0.1 && totals[outcome] > 100;
    const amount = sale ? -(1 + Math.floor(random() * 5)) : 1 + Math.floor(random() * 100);
    totals[outcome] += amount;
    rows.push(
      sale
        ? { id, username, outcome, amount, shares: -amount, dust: 0, placedAt: id * 1000 }
        : { id, username, outcome, amount, placedAt: id * 1000 },
    );
  }
  return rows;
}
