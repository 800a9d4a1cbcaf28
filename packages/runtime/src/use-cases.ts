// Every use case the HTTP adapter calls: the composed domain use cases (audited, with their write follow-ups) plus the global
// read models served from snapshots (docs/api.md#read-model-freshness).
import { ResultAsync } from 'neverthrow';
import type { AuditedUseCases, Authenticate } from '@socialpredict/domain';
import type { GlobalReadModel, GlobalReadModels } from '@socialpredict/jobs';
import { toInfrastructureError } from '@socialpredict/persistence';
import type {
  AdminUseCases,
  AmendmentUseCases,
  AuthUseCases,
  ContentUseCases,
  GovernanceUseCases,
  MarketTagUseCases,
  MarketGroupUseCases,
  MarketGroupReviewUseCases,
  MarketUseCases,
  PositionUseCases,
  ProjectionUseCases,
  ReportingUseCases,
  ReviewUseCases,
  SettingsUseCases,
  StartupUseCases,
  TradingUseCases,
  UserUseCases,
} from './use-case-slices.ts';

export type AppUseCases = { authenticate: Authenticate } & AdminUseCases &
  AuthUseCases &
  UserUseCases &
  MarketUseCases &
  ProjectionUseCases &
  PositionUseCases &
  TradingUseCases &
  ReportingUseCases &
  SettingsUseCases &
  GovernanceUseCases &
  ReviewUseCases &
  MarketTagUseCases &
  AmendmentUseCases &
  MarketGroupUseCases &
  ContentUseCases &
  MarketGroupReviewUseCases &
  StartupUseCases;

export function withSnapshotReaders(useCases: AuditedUseCases, readModels: Pick<GlobalReadModels, 'read'>): AppUseCases {
  // The snapshot store throws driver errors; as a Result they reach the HTTP mapping like any other read's.
  const reading = <K extends GlobalReadModel>(kind: K) =>
    ResultAsync.fromPromise(readModels.read(kind), (error) => toInfrastructureError(error, `readModels.${kind}`));
  return {
    ...useCases,
    readSystemMetrics: () => reading('system_metrics'),
    readGlobalLeaderboard: () => reading('global_leaderboard'),
  };
}
