// docs/market-model.md leaderboards: per market and across markets, ranked by profit, then first bet, then username.
import { compareCodeUnits } from './ordering.ts';
import type { BetRow, GlobalLeaderRow, LeaderRow, MarketRows, Position, PositionType, Resolution, Seeds, ValuedMarket } from './types.ts';
import { valuePositions } from './valuation.ts';

/** NEUTRAL (both sides) cannot come out of netting (docs/market-model.md) but is part of the wire vocabulary. */
export function positionType(yesShares: number, noShares: number): PositionType {
  if (yesShares > 0) return noShares > 0 ? 'NEUTRAL' : 'YES';
  return noShares > 0 ? 'NO' : 'NONE';
}

interface Ranked {
  earliestPlacedAt: number;
  username: string;
}

function byRank(profitA: number, profitB: number, a: Ranked, b: Ranked): number {
  return profitB - profitA || a.earliestPlacedAt - b.earliestPlacedAt || compareCodeUnits(a.username, b.username);
}

export function marketLeaderboard(rows: readonly BetRow[], seeds: Seeds, resolution: Resolution | null): LeaderRow[] {
  return leaderboardOfPositions(valuePositions(rows, seeds, resolution));
}

/** The same board from the market's valued positions (`valuePositions`), for callers that keep them. */
export function leaderboardOfPositions(positions: readonly Position[]): LeaderRow[] {
  return positions
    .filter((position) => position.yesShares !== 0 || position.noShares !== 0)
    .map((position) => ({
      username: position.username,
      profit: position.value - position.totalSpent,
      currentValue: position.value,
      totalSpent: position.totalSpent,
      position: positionType(position.yesShares, position.noShares),
      yesShares: position.yesShares,
      noShares: position.noShares,
      earliestPlacedAt: position.earliestPlacedAt,
    }))
    .sort((a, b) => byRank(a.profit, b.profit, a, b))
    .map((row, i) => ({ ...row, rank: i + 1 }));
}

/** Every position of every market counts, zero-share ones included (docs/market-model.md#global-leaderboard); each market uses its own seeds. */
export function globalLeaderboard(markets: readonly MarketRows[]): GlobalLeaderRow[] {
  return globalLeaderboardOfPositions(
    markets.map((market) => ({ positions: valuePositions(market.rows, market.seeds, market.resolution), resolved: market.resolution !== null })),
  );
}

/**
 * The same board from each market's valued positions, so a caller that keeps them per market (the market history
 * cache, docs/performance.md#global-read-models) values only the markets that changed.
 */
export function globalLeaderboardOfPositions(markets: readonly ValuedMarket[]): GlobalLeaderRow[] {
  const byUser = new Map<string, Omit<GlobalLeaderRow, 'rank'>>();
  for (const { positions, resolved } of markets) {
    for (const position of positions) {
      let row = byUser.get(position.username);
      if (row === undefined) {
        row = {
          username: position.username,
          totalProfit: 0,
          totalCurrentValue: 0,
          totalSpent: 0,
          activeMarkets: 0,
          resolvedMarkets: 0,
          earliestPlacedAt: position.earliestPlacedAt,
        };
        byUser.set(position.username, row);
      }
      row.totalProfit += position.value - position.totalSpent;
      row.totalCurrentValue += position.value;
      row.totalSpent += position.totalSpent;
      if (resolved) row.resolvedMarkets += 1;
      else row.activeMarkets += 1;
      row.earliestPlacedAt = Math.min(row.earliestPlacedAt, position.earliestPlacedAt);
    }
  }
  return [...byUser.values()]
    .sort((a, b) => byRank(a.totalProfit, b.totalProfit, a, b))
    .map((row, i) => ({ ...row, rank: i + 1 }));
}
