// Market summary (docs/api.md#t1-26; docs/market-model.md#market-figures): the market page's header — the market, its
// creator, the probability path and the figures — without the tags, amendments and group link of the full page, so
// the most frequent market read costs the market row and one lookup (docs/performance.md#market-summary).
import { ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { MarketRecord } from '../../model/market.model.ts';
import { CORRUPT_DATA_CODES, type CorruptData, type MarketNotFound } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { callMath } from '../shared/math-call.ts';
import { loadMarketWithRows, type MarketHistoryView } from '../shared/market-rows.ts';
import { toCreatorSummary, type CreatorSummary } from '../shared/views.ts';
import { replayOf, rowTallyOf } from '../shared/history-figures.ts';
import { thinProbabilityPath, type ProbabilityPoint } from '../get-market-details/probability-path.ts';

/** The figures of a market's history (docs/market-model.md#market-figures). */
export interface MarketFigures {
  /** thinned to at most `probabilityPointsMax` points; shared by the reads of one cached history, never mutated */
  readonly probabilityChanges: readonly ProbabilityPoint[];
  readonly probabilityChangesTruncated: boolean;
  readonly numUsers: number;
  /** V + marketDust */
  readonly totalVolume: number;
  readonly marketDust: number;
  /** exact, whatever the thinning */
  readonly lastProbability: number;
}

export interface MarketSummary extends MarketFigures {
  readonly market: MarketRecord;
  readonly creator: CreatorSummary;
}

export type GetMarketSummaryError = MarketNotFound | CorruptData | InfrastructureError;

export type GetMarketSummary = (input: { readonly marketId: number }) => ResultAsync<MarketSummary, GetMarketSummaryError>;

export function makeGetMarketSummary(
  deps: Pick<UseCaseDeps, 'markets' | 'bets' | 'users' | 'probabilityPointsMax' | 'marketHistoryCache'>,
): GetMarketSummary {
  return (input) =>
    safeTry(async function* () {
      const view = yield* loadMarketWithRows(deps, input.marketId);
      const figures = yield* marketFigures(view, deps.probabilityPointsMax);
      const creator = yield* deps.users.findByUsername(view.market.creatorUsername);
      return ok({ market: view.market, creator: toCreatorSummary(view.market.creatorUsername, creator ?? undefined), ...figures });
    });
}

/** The figures of a loaded history, computed once per cached history and resolution. */
export function marketFigures(view: MarketHistoryView, probabilityPointsMax: number): Result<MarketFigures, CorruptData> {
  const { market, derive } = view;
  return callMath(
    () =>
      derive('figures', () => {
        const { rows: ordered, probabilities: series, volume } = replayOf(view);
        // Point 0 is the market's start; series[i] is the probability right after the i-th row in canonical order
        // (docs/market-model.md#wpam-probability).
        const thinned = thinProbabilityPath(ordered.length + 1, probabilityPointsMax, (i): ProbabilityPoint =>
          i === 0
            ? { probability: market.seeds.initialProbability, timestamp: market.createdAt }
            : { probability: series[i] as number, timestamp: ordered[i - 1]!.placedAt },
        );
        const { traders, dust } = rowTallyOf(view);
        return {
          probabilityChanges: thinned.points,
          probabilityChangesTruncated: thinned.truncated,
          numUsers: traders.size,
          totalVolume: volume + dust,
          marketDust: dust,
          lastProbability: series[series.length - 1] as number,
        };
      }),
    CORRUPT_DATA_CODES,
  );
}
