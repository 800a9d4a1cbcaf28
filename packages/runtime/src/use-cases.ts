// Every use case the HTTP adapter calls: the composed domain use cases (with their write follow-ups) plus the global
// read models served from snapshots (http-api §1.7).
import { ResultAsync } from 'neverthrow';
import type { Authenticate, UseCases } from '@socialpredict/domain';
import type { GlobalReadModel, GlobalReadModels } from '@socialpredict/jobs';
import { toInfrastructureError } from '@socialpredict/persistence';
import type { AuthUseCases } from './routes/auth.route.ts';
import type { MarketUseCases } from './routes/markets.route.ts';
import type { PositionUseCases } from './routes/positions.route.ts';
import type { ProjectionUseCases } from './routes/projection.route.ts';
import type { ReportingUseCases } from './routes/reporting.route.ts';
import type { TradingUseCases } from './routes/trading.route.ts';
import type { UserUseCases } from './routes/users.route.ts';

export type AppUseCases = { authenticate: Authenticate } & AuthUseCases &
  UserUseCases &
  MarketUseCases &
  ProjectionUseCases &
  PositionUseCases &
  TradingUseCases &
  ReportingUseCases;

export function withSnapshotReaders(useCases: UseCases, readModels: Pick<GlobalReadModels, 'read'>): AppUseCases {
  // The snapshot store throws driver errors; as a Result they reach the HTTP mapping like any other read's.
  const reading = <K extends GlobalReadModel>(kind: K) =>
    ResultAsync.fromPromise(readModels.read(kind), (error) => toInfrastructureError(error, `readModels.${kind}`));
  return {
    ...useCases,
    readSystemMetrics: () => reading('system_metrics'),
    readGlobalLeaderboard: () => reading('global_leaderboard'),
  };
}
