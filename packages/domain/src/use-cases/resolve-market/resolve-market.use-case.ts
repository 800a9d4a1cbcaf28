// Resolution (docs/market-model.md#resolution; docs/api.md#t1-34): by the steward only (docs/market-model.md#economics), or by the operator as an override for a
// market whose steward cannot settle it; one transaction with the market row locked. The pool is paid out in full
// (WIN/REFUND, then POOL_REMAINDER) and the steward earns the participation fees (WORK_PROFIT) either way.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { Settlement } from '../../math/types.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  authorizationDenied,
  domainFailure,
  invalidState,
  marketNotFound,
  type AuthorizationDenied,
  type CorruptData,
  type DomainFailure,
  type InvalidState,
  type MarketNotFound,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { Actor } from '../shared/actor.ts';
import { isResolution } from '../shared/input-rules.ts';
import { applySettlement, planSettlement, settlementPayees } from '../shared/market-settlement.ts';

export interface ResolveMarketInput {
  /** a user must be the market's steward; the operator resolves any market */
  readonly actor: Actor;
  readonly marketId: number;
  /** exactly `YES`, `NO` or `N/A` */
  readonly resolution: string;
}

export interface ResolveMarketOutput {
  readonly marketId: number;
  /** who earns the work profit, whoever resolved */
  readonly stewardUsername: string;
  readonly settlement: Settlement;
  readonly resolvedAt: number;
}

export type ResolveMarketError =
  | MarketNotFound
  | AuthorizationDenied
  | DomainFailure<'INVALID_RESOLUTION' | 'ALREADY_RESOLVED'>
  | InvalidState
  | CorruptData
  | InfrastructureError;

export type ResolveMarket = (input: ResolveMarketInput, commit?: CommitHook<ResolveMarketOutput>) => ResultAsync<ResolveMarketOutput, ResolveMarketError>;

export function makeResolveMarket(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'economics'>): ResolveMarket {
  const { initialBetFee } = deps.economics.betting.betFees;

  // Checks follow the order of docs/api.md#request-pipeline: market exists → steward → body → state.
  return (input, commit) =>
    deps.unitOfWork.run((tx) =>
      safeTry(async function* () {
        const market = yield* tx.lockMarket(input.marketId);
        if (market === null) return err(marketNotFound(input.marketId));
        if (!mayResolve(input.actor, market.stewardUsername)) {
          return err(authorizationDenied('Only the steward of the market may resolve it.'));
        }
        const { resolution } = input;
        if (!isResolution(resolution)) {
          return err(domainFailure('INVALID_RESOLUTION', 'The resolution must be YES, NO or N/A.'));
        }
        switch (market.lifecycleStatus) {
          case 'resolved':
            return err(domainFailure('ALREADY_RESOLVED', 'The market is already resolved.'));
          case 'proposed':
          case 'rejected':
          case 'cancelled':
            return err(invalidState(`A ${market.lifecycleStatus} market cannot be resolved.`));
          default:
            break;
        }
        // A group's answers settle together, in one transaction (docs/api.md#market-groups).
        if ((yield* tx.marketGroups.answersForMarkets([market.id])).length > 0) {
          return err(invalidState('An answer market of a group is resolved through its group.'));
        }

        const settlement = yield* planSettlement(tx, market, resolution, initialBetFee);
        // Every balance this settlement touches is locked up front, in username order, so that two resolutions
        // cannot deadlock on each other's payees (DB-6).
        yield* tx.lockUsers(settlementPayees(market, settlement));

        const now = deps.clock.now();
        yield* applySettlement(tx, market, resolution, settlement, now);
        return ok({ marketId: market.id, stewardUsername: market.stewardUsername, settlement, resolvedAt: now });
      }),
      commit,
    );
}

/** The spec lets only the steward resolve (administrators included); the operator overrides it. */
function mayResolve(actor: Actor, stewardUsername: string): boolean {
  return actor.kind === 'operator' || actor.username === stewardUsername;
}
