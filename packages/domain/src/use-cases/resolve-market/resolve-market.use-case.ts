// Resolution (docs/market-model.md#resolution; docs/api.md#t1-34): by the steward only (docs/market-model.md#economics), or by the operator as an override for a
// market whose steward cannot settle it; one transaction with the market row locked. The pool is paid out in full
// (WIN/REFUND, then POOL_REMAINDER) and the steward earns the participation fees (WORK_PROFIT) either way.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { resolvePayouts } from '../../math/index.ts';
import type { Settlement } from '../../math/types.ts';
import { resolutionPostings } from '../../ledger/postings.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  CORRUPT_DATA_CODES,
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
import { callMath } from '../shared/math-call.ts';

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

        const rows = yield* tx.bets.listByMarket(market.id);
        const settlement = yield* callMath(
          () => resolvePayouts(rows, market.seeds, resolution, { initialBetFee }, market.stewardUsername),
          CORRUPT_DATA_CODES,
        );
        const payees = settlement.credits.map((credit) => credit.username);
        // Every balance this settlement touches is locked up front, in username order, so that two resolutions
        // cannot deadlock on each other's payees (DB-6).
        yield* tx.lockUsers([...payees, market.stewardUsername]);

        const now = deps.clock.now();
        yield* tx.ledger.post(resolutionPostings(market.id, settlement), { occurredAt: now, marketId: market.id });
        yield* tx.markets.update(market.id, {
          lifecycleStatus: 'resolved',
          resolutionResult: resolution,
          finalResolutionDateTime: now,
          updatedAt: now,
        });
        return ok({ marketId: market.id, stewardUsername: market.stewardUsername, settlement, resolvedAt: now });
      }),
      commit,
    );
}

/** The spec lets only the steward resolve (administrators included); the operator overrides it. */
function mayResolve(actor: Actor, stewardUsername: string): boolean {
  return actor.kind === 'operator' || actor.username === stewardUsername;
}
