// Public API of the market-math module (docs/market-model.md#math-api). Failures throw DomainError.
export { DomainError, isDomainError } from './errors.ts';
export type { DomainErrorCode } from './errors.ts';
export type * from './types.ts';
export { roundHalfAwayFromZero } from './rounding.ts';
export { checkAppend, extendReplay, marketDust, marketVolume, orderRows, replayHistory, validateHistory } from './history.ts';
export type { MarketReplay } from './history.ts';
export { currentProbability, probabilitySeries, projectProbability } from './wpam.ts';
export {
  aggregatePositions,
  correctExcess,
  coursePayouts,
  finalPayouts,
  netPositions,
  normalizationFactors,
  poolSplit,
  scaledPayouts,
} from './dbpm.ts';
export { adjustValues, positionValues, valuePositions, valueReplay } from './valuation.ts';
export { planSale, quoteSale, sellablePosition } from './selling.ts';
export { buyCost, withinDebtLimit } from './buying.ts';
export { resolvePayouts, workIncome } from './resolution.ts';
export { globalLeaderboard, globalLeaderboardOfPositions, leaderboardOfPositions, marketLeaderboard } from './leaderboards.ts';
export { userFinancials } from './financials.ts';
export { systemMetrics } from './system-metrics.ts';
export { simulateMarket } from './simulation.ts';
