// Public entry of @socialpredict/runtime: the one composition root both apps build on. The API's boot and the CLI's
// commands open the same runtime (database, migrations, real adapters, use cases), seed the same way and start the
// same jobs; the routes take their use-case and probe types from here. The port adapters it wires are
// @socialpredict/adapters.
export { createDatabaseObserver, registerPoolMetrics } from './adapters/database-observer.adapter.ts';
export { ACCOUNT_CACHE_TTL_MS, createAccountCache, type AccountCacheOptions } from './adapters/account-cache.adapter.ts';
export { createMarketHistoryCache, type MarketHistoryCacheOptions } from './adapters/market-history-cache.adapter.ts';
export { promMetricFactory, startBackgroundJobs } from './background-jobs.ts';
export {
  composeUseCases,
  followUpEffects,
  globalReadModelsOn,
  openRuntime,
  StartupError,
  type FollowUpJobs,
  type SigningKeySource,
  type Runtime,
} from './composition.ts';
export { createLogger } from './logger.ts';
export type { DbPoolStats, JobsStatus, OpsProbe } from './ops-probe.ts';
export { ADMIN_PASSWORD_FILE, SIGNING_KEY_FILE } from './data-directory.ts';
export { adminPasswordNotice, isSeedConfigurationProblem, seedStartupData } from './seed-startup-data.ts';
export {
  DEV_PASSWORD,
  devFixtures,
  ensureAccount,
  seedAdmin,
  seedDevFixtures,
  SeedPasswordRejected,
  type SeedAccount,
  type SeedOutcome,
} from './startup-seed.ts';
export type {
  AdminUseCases,
  AuthUseCases,
  ContentUseCases,
  GovernanceUseCases,
  MarketTagUseCases,
  MarketUseCases,
  PositionUseCases,
  ProjectionUseCases,
  ReportingUseCases,
  ReviewUseCases,
  SettingsUseCases,
  AmendmentUseCases,
  MarketGroupUseCases,
  MarketGroupReviewUseCases,
  TradingUseCases,
  UserUseCases,
} from './use-case-slices.ts';
export { withSnapshotReaders, type AppUseCases } from './use-cases.ts';
