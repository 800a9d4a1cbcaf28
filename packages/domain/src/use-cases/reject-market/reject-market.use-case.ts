// An administrator rejects a proposal (docs/api.md#proposal-review, docs/market-model.md#creation-fees): the market is
// never listed or traded, and the house refunds the creation cost recorded on it to the creator (PROPOSAL_REFUND) in
// the same transaction. Only a `proposed` market can be rejected (otherwise INVALID_STATE), so a refund happens once.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { proposalRefundPostings } from '../../ledger/postings.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  invalidState,
  marketNotFound,
  type AuthorizationDenied,
  type InvalidState,
  type MarketNotFound,
  type UserNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { actorName, requireAdmin, type Actor } from '../shared/actor.ts';
import { lockExistingUser } from '../shared/locked-user.ts';
import { reviewedMarket, reviewReason, type ReviewedMarket } from '../shared/reviewed-market.ts';

export interface RejectMarketInput {
  readonly actor: Actor;
  readonly marketId: number;
  /** 1–500 characters once trimmed */
  readonly reason: string;
}

export type RejectMarketError =
  | AuthorizationDenied
  | ValidationFailed
  | MarketNotFound
  | InvalidState
  | UserNotFound
  | InfrastructureError;

export type RejectMarket = (input: RejectMarketInput, commit?: CommitHook<ReviewedMarket>) => ResultAsync<ReviewedMarket, RejectMarketError>;

export function makeRejectMarket(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): RejectMarket {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'reject markets');
      const reason = yield* reviewReason(input.reason);
      const rejected = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            // Market row first, then the creator's (DB-6).
            const market = yield* tx.lockMarket(input.marketId);
            if (market === null) return err(marketNotFound(input.marketId));
            if (market.lifecycleStatus !== 'proposed') {
              return err(invalidState(`Only a proposed market can be rejected; market ${String(market.id)} is ${market.lifecycleStatus}.`));
            }
            const creator = yield* lockExistingUser(tx, market.creatorUsername);
            const now = deps.clock.now();
            // Exactly what creation charged, whatever the policy says today (docs/market-model.md#economics, policy 1).
            yield* tx.ledger.post(proposalRefundPostings(creator.username, market.creationCost), { occurredAt: now, marketId: market.id });
            const updated = yield* tx.markets.update(market.id, {
              lifecycleStatus: 'rejected',
              rejectedBy: actorName(input.actor),
              rejectedAt: now,
              rejectionReason: reason,
              updatedAt: now,
            });
            return reviewedMarket(tx.stewardshipAudits, updated ?? market);
          }),
        commit,
      );
      return ok(rejected);
    });
}
