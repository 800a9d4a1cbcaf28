// A user's portfolio (docs/api.md#t1-18): net shares per market traded, most recently traded first. An unknown user
// simply has no items.
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import { netPositions } from '../../math/index.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { CORRUPT_DATA_CODES, type CorruptData } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { callMath } from '../shared/math-call.ts';
import { loadMarketsWithRows } from '../shared/traded-markets.ts';

export interface PortfolioItem {
  readonly marketId: number;
  readonly questionTitle: string;
  readonly yesShares: number;
  readonly noShares: number;
  readonly lastBetPlaced: number;
}

export interface Portfolio {
  readonly items: PortfolioItem[];
  readonly totalSharesOwned: number;
}

export type GetPortfolioError = CorruptData | InfrastructureError;

export type GetPortfolio = (input: { readonly username: string }) => ResultAsync<Portfolio, GetPortfolioError>;

export function makeGetPortfolio(deps: Pick<UseCaseDeps, 'markets' | 'bets'>): GetPortfolio {
  return (input) =>
    safeTry(async function* () {
      const { username } = input;
      const markets = yield* loadMarketsWithRows(deps, yield* deps.bets.marketIdsByUser(username));
      const items: PortfolioItem[] = [];
      for (const { market, rows } of markets) {
        const positions = yield* callMath(() => netPositions(rows, market.seeds), CORRUPT_DATA_CODES);
        // netPositions lists every user with a row, so the user appears exactly once.
        for (const own of positions.filter((position) => position.username === username)) {
          const placedAt = rows.filter((row) => row.username === username).map((row) => row.placedAt);
          items.push({
            marketId: market.id,
            questionTitle: market.questionTitle,
            yesShares: own.yesShares,
            noShares: own.noShares,
            lastBetPlaced: placedAt.reduce((latest, at) => Math.max(latest, at)),
          });
        }
      }
      items.sort((a, b) => b.lastBetPlaced - a.lastBetPlaced || b.marketId - a.marketId);
      const totalSharesOwned = items.reduce((sum, item) => sum + item.yesShares + item.noShares, 0);
      return ok({ items, totalSharesOwned });
    });
}
