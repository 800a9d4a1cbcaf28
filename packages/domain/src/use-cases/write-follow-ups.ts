// What each use case leaves behind once its write committed (docs/api.md#read-model-freshness, JOB-3 (docs/operations.md#job-3)): the global read
// models it marks stale, whether it asks for their debounced refresh, and the notifications it enqueues. One record
// keyed by use-case name: a new use case does not compile until it is listed here, reads as NO_FOLLOW_UPS.
// `withWriteFollowUps` runs them for the HTTP adapter and the CLI alike; a follow-up that fails is reported, never
// turned into a failure of the committed write.
import { ok, okAsync, type ResultAsync } from 'neverthrow';
import { GLOBAL_READ_MODEL_KINDS, type GlobalReadModelKind } from '../model/read-model.model.ts';
import type { InfrastructureError } from '../ports/infrastructure.error.ts';
import type { UseCases } from './all-use-cases.ts';

/** `market_resolved`: the holders of each resolved market hear of it (needs the output to name the markets). */
export type WriteNotificationKind = 'market_resolved';

/**
 * An output that names the markets a notification is about: one market (`marketId`), or the answer markets a group
 * resolution settled together (`children`), each notified exactly as if it had been resolved alone.
 */
type NamesMarkets = { readonly marketId: number } | { readonly children: readonly { readonly marketId: number }[] };

/** The markets an output names, in its own order. */
function namedMarkets(output: NamesMarkets): readonly number[] {
  return 'children' in output ? output.children.map((child) => child.marketId) : [output.marketId];
}

export type UseCaseName = keyof UseCases;
type UseCaseOutput<K extends UseCaseName> = UseCases[K] extends (...args: never[]) => ResultAsync<infer O, unknown> ? O : never;
type UseCaseInput<K extends UseCaseName> = Parameters<UseCases[K]>[0];

interface FollowUpsShape {
  readonly markStale: readonly GlobalReadModelKind[];
  readonly requestRefresh: boolean;
  readonly notify: readonly WriteNotificationKind[];
  readonly forgetsAccount?: (input: never) => string;
}

/** A notification is only allowed where the output names the markets it is about. */
export type FollowUps<Output, Input = unknown> = Omit<FollowUpsShape, 'notify'> & {
  readonly notify: Output extends NamesMarkets ? readonly WriteNotificationKind[] : readonly [];
  /**
   * The account whose authentication state (password version, role, moderator status, must-change flag, profile) the
   * write changed: forgotten at once by this process's account cache (docs/security.md#account-cache).
   */
  readonly forgetsAccount?: (input: Input) => string;
};

export const NO_FOLLOW_UPS = { markStale: [], requestRefresh: false, notify: [] } as const;

/** Every global read model changes with a trade, a new market or a settlement. */
const MONEY_MOVED = { markStale: GLOBAL_READ_MODEL_KINDS, requestRefresh: true, notify: [] } as const;
/** A settlement moves money, and the holders of every market it resolved hear of it (JOB-3 `market.notify`). */
const MARKETS_RESOLVED = { ...MONEY_MOVED, notify: ['market_resolved'] } as const;
/** A new account or a grant changes the money created (system metrics), not the leaderboard. */
const MONEY_CREATED = { markStale: ['system_metrics'], requestRefresh: true, notify: [] } as const;

/** A write that changes the account named by its input. */
const ACCOUNT_CHANGED = { ...NO_FOLLOW_UPS, forgetsAccount: (input: { readonly username: string }) => input.username } as const;

export const WRITE_FOLLOW_UPS: { readonly [K in UseCaseName]: FollowUps<UseCaseOutput<K>, UseCaseInput<K>> } = {
  authenticate: NO_FOLLOW_UPS,
  login: NO_FOLLOW_UPS,
  changePassword: ACCOUNT_CHANGED,
  updateProfile: ACCOUNT_CHANGED,
  getUser: NO_FOLLOW_UPS,
  getUserCredit: NO_FOLLOW_UPS,
  registerUser: MONEY_CREATED,
  provisionAccount: MONEY_CREATED,
  resetPassword: ACCOUNT_CHANGED,
  setRole: ACCOUNT_CHANGED,
  grantCredits: MONEY_CREATED,
  getPortfolio: NO_FOLLOW_UPS,
  getUserFinancials: NO_FOLLOW_UPS,
  listStewardedMarkets: NO_FOLLOW_UPS,
  listMarkets: NO_FOLLOW_UPS,
  searchMarkets: NO_FOLLOW_UPS,
  getMarketDetails: NO_FOLLOW_UPS,
  getMarketSummary: NO_FOLLOW_UPS,
  listBets: NO_FOLLOW_UPS,
  listMarketPositions: NO_FOLLOW_UPS,
  createMarket: MONEY_MOVED,
  getUserPosition: NO_FOLLOW_UPS,
  getMarketLeaderboard: NO_FOLLOW_UPS,
  warmMarketHistories: NO_FOLLOW_UPS,
  placeBet: MONEY_MOVED,
  projectBet: NO_FOLLOW_UPS,
  quoteSale: NO_FOLLOW_UPS,
  sell: MONEY_MOVED,
  resolveMarket: MARKETS_RESOLVED,
  getFinancialStats: NO_FOLLOW_UPS,
  getSystemMetrics: NO_FOLLOW_UPS,
  getGlobalLeaderboard: NO_FOLLOW_UPS,
  listAuditEntries: NO_FOLLOW_UPS,
  getGovernanceSettings: NO_FOLLOW_UPS,
  getReportingVisibility: NO_FOLLOW_UPS,
  // Settings decide who may read or how reviews go, not what any read model holds.
  updateSiteSettings: NO_FOLLOW_UPS,
  listUsers: NO_FOLLOW_UPS,
  getFinancialSummary: NO_FOLLOW_UPS,
  listReviewMarkets: NO_FOLLOW_UPS,
  // Publishing or re-stewarding a market moves no money; the global read models are money figures.
  approveMarket: NO_FOLLOW_UPS,
  rejectMarket: MONEY_MOVED,
  reassignSteward: NO_FOLLOW_UPS,
  listMarketTags: NO_FOLLOW_UPS,
  // Tags change no global read model (leaderboard, metrics); market lists read them live.
  createMarketTag: NO_FOLLOW_UPS,
  updateMarketTag: NO_FOLLOW_UPS,
  setMarketTags: NO_FOLLOW_UPS,
  // No read model shows descriptions: the market page reads amendments live.
  proposeAmendment: NO_FOLLOW_UPS,
  reviewAmendments: NO_FOLLOW_UPS,
  listAmendments: NO_FOLLOW_UPS,
  listOwnAmendments: NO_FOLLOW_UPS,
  createMarketGroup: MONEY_MOVED,
  // Every answer market settles as if resolved alone, so its holders hear of it as they would then.
  resolveMarketGroup: MARKETS_RESOLVED,
  getMarketGroup: NO_FOLLOW_UPS,
  // The fee (and a rejection's refund) moves money: metrics and leaderboard change.
  proposeGroupAnswer: MONEY_MOVED,
  reviewGroupAnswer: MONEY_MOVED,
  listGroupAnswerAdditions: NO_FOLLOW_UPS,
  updateGroupAnswerSettings: NO_FOLLOW_UPS,
  approveMarketGroup: NO_FOLLOW_UPS,
  listReviewQueue: NO_FOLLOW_UPS,
  // The refund of the proposal cost moves money.
  rejectMarketGroup: MONEY_MOVED,
  reassignGroupSteward: NO_FOLLOW_UPS,
  setMarketGroupTags: NO_FOLLOW_UPS,
  // Site content is read live by its own routes; no global read model holds it.
  getHomeContent: NO_FOLLOW_UPS,
  updateHomeContent: NO_FOLLOW_UPS,
  getDiscoveryPage: NO_FOLLOW_UPS,
  updateDiscoveryPage: NO_FOLLOW_UPS,
  setDiscoveryPins: NO_FOLLOW_UPS,
  getShareSettings: NO_FOLLOW_UPS,
  updateShareSettings: NO_FOLLOW_UPS,
  getShareImage: NO_FOLLOW_UPS,
  uploadShareImage: NO_FOLLOW_UPS,
};

/** The side effects a follow-up may have; each adapter (snapshot store, job queue) reports its own failure. */
export interface WriteFollowUpEffects {
  markStale(kinds: readonly GlobalReadModelKind[]): ResultAsync<void, InfrastructureError>;
  requestRefresh(): ResultAsync<void, InfrastructureError>;
  notifyMarketResolved(marketId: number): ResultAsync<void, InfrastructureError>;
  /** Drops the account from this process's account cache; in memory, it cannot fail. */
  forgetAccount?(username: string): void;
}

export type FollowUpStep = 'mark_stale' | 'request_refresh' | 'notify';

export interface FollowUpFailure {
  readonly useCase: UseCaseName;
  readonly step: FollowUpStep;
  readonly error: InfrastructureError;
}

/**
 * The use cases with their follow-ups run after each committed write. Stale marks are awaited, so that the writer's
 * next read already says isStale; refresh requests and notifications are sent without waiting. Either way a failure
 * goes to `onFailure` and the write still answers with its result.
 */
export function withWriteFollowUps(
  useCases: UseCases,
  effects: WriteFollowUpEffects,
  onFailure: (failure: FollowUpFailure) => void,
): UseCases {
  const reported = (useCase: UseCaseName, step: FollowUpStep, effect: ResultAsync<void, InfrastructureError>) =>
    effect.orElse((error) => {
      onFailure({ useCase, step, error });
      return ok(undefined);
    });

  const runFollowUps = (useCase: UseCaseName, followUps: FollowUpsShape, input: unknown, output: unknown) => {
    // First, so the writer's next request on this instance already authenticates against the new state.
    // The table's type ties each extractor to its own use case's input.
    if (followUps.forgetsAccount !== undefined) effects.forgetAccount?.(followUps.forgetsAccount(input as never));
    const marked = followUps.markStale.length === 0 ? okAsync(undefined) : reported(useCase, 'mark_stale', effects.markStale(followUps.markStale));
    return marked.map(() => {
      if (followUps.requestRefresh) void reported(useCase, 'request_refresh', effects.requestRefresh());
      // `market_resolved` is the only kind, and the table's type admits it only where the output names its markets.
      if (followUps.notify.includes('market_resolved')) {
        for (const marketId of namedMarkets(output as NamesMarkets)) void reported(useCase, 'notify', effects.notifyMarketResolved(marketId));
      }
    });
  };

  const decorated: Record<string, unknown> = { ...useCases };
  for (const name of Object.keys(WRITE_FOLLOW_UPS) as UseCaseName[]) {
    const followUps: FollowUpsShape = WRITE_FOLLOW_UPS[name];
    if (followUps.markStale.length === 0 && !followUps.requestRefresh && followUps.notify.length === 0 && followUps.forgetsAccount === undefined) continue;
    const useCase = useCases[name] as (input: unknown, commit?: unknown) => ResultAsync<unknown, unknown>;
    // The second argument (the commit hook of write-audit.ts) passes through untouched.
    decorated[name] = (input: unknown, commit?: unknown) =>
      useCase(input, commit).andThen((output) => runFollowUps(name, followUps, input, output).map(() => output));
  }
  return decorated as UseCases;
}
