// Every use case the HTTP adapter calls, built once from the ports by the composition root (or a test): the domain's
// use cases, the global read models served from snapshots (http-api §1.7), and the stale marks the writes leave on
// them.
import { ResultAsync } from 'neverthrow';
import { makeUseCases, type Authenticate, type UseCaseDeps } from '@socialpredict/domain';
import { GLOBAL_READ_MODELS, type GlobalReadModel, type GlobalReadModels } from '@socialpredict/jobs';
import { toInfrastructureError } from '@socialpredict/persistence';
import type {
  AuthUseCases,
  MarketUseCases,
  PositionUseCases,
  ProjectionUseCases,
  ReportingUseCases,
  TradingUseCases,
  UserUseCases,
} from './use-case-slices.ts';

export type AppUseCases = { authenticate: Authenticate } & AuthUseCases &
  UserUseCases &
  MarketUseCases &
  ProjectionUseCases &
  PositionUseCases &
  TradingUseCases &
  ReportingUseCases;

export function buildUseCases(deps: UseCaseDeps, readModels: GlobalReadModels): AppUseCases {
  const useCases = makeUseCases(deps);
  // Marked once the write committed, before it answers, so the writer's next read already says isStale.
  const marking =
    <I, O, E>(kinds: readonly GlobalReadModel[], useCase: (input: I) => ResultAsync<O, E>) =>
    (input: I) =>
      useCase(input).andTee(() => readModels.markStale(kinds));
  // The snapshot store throws driver errors; as a Result they reach the HTTP mapping like any other read's.
  const reading = <K extends GlobalReadModel>(kind: K) =>
    ResultAsync.fromPromise(readModels.read(kind), (error) => toInfrastructureError(error, `readModels.${kind}`));
  return {
    ...useCases,
    placeBet: marking(GLOBAL_READ_MODELS, useCases.placeBet),
    sell: marking(GLOBAL_READ_MODELS, useCases.sell),
    createMarket: marking(GLOBAL_READ_MODELS, useCases.createMarket),
    resolveMarket: marking(GLOBAL_READ_MODELS, useCases.resolveMarket),
    // A new account changes the money created (numUsers, minted), not the leaderboard.
    registerUser: marking(['system_metrics'], useCases.registerUser),
    readSystemMetrics: () => reading('system_metrics'),
    readGlobalLeaderboard: () => reading('global_leaderboard'),
  };
}
