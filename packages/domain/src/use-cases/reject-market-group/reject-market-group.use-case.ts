// An administrator rejects a proposed market group (docs/api.md#market-groups, docs/market-model.md#creation-fees): the
// group and its answer markets are never listed or traded, and the house refunds the group's recorded `proposalCost`
// to its creator (PROPOSAL_REFUND) in the same transaction. Only a proposed group can be rejected, so it refunds once.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { proposalRefundPostings } from '../../ledger/postings.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  invalidState,
  type AuthorizationDenied,
  type InvalidState,
  type MarketNotFound,
  type UserNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { actorName, requireAdmin, type Actor } from '../shared/actor.ts';
import { lockExistingUser } from '../shared/locked-user.ts';
import { lockGroupWithAnswers, reviewedMarketGroup, type ReviewedMarketGroup } from '../shared/market-group-rules.ts';
import { reviewReason } from '../shared/reviewed-market.ts';

export interface RejectMarketGroupInput {
  readonly actor: Actor;
  readonly groupId: number;
  /** 1–500 characters once trimmed */
  readonly reason: string;
}

export type RejectMarketGroupError = AuthorizationDenied | ValidationFailed | MarketNotFound | InvalidState | UserNotFound | InfrastructureError;

export type RejectMarketGroup = (
  input: RejectMarketGroupInput,
  commit?: CommitHook<ReviewedMarketGroup>,
) => ResultAsync<ReviewedMarketGroup, RejectMarketGroupError>;

export function makeRejectMarketGroup(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): RejectMarketGroup {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'reject market groups');
      const reason = yield* reviewReason(input.reason);
      const rejected = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            const { group, markets } = yield* lockGroupWithAnswers(tx, input.groupId);
            if (group.lifecycleStatus !== 'proposed') {
              return err(invalidState(`Only a proposed market group can be rejected; group ${String(group.id)} is ${group.lifecycleStatus}.`));
            }
            const creator = yield* lockExistingUser(tx, group.creatorUsername);
            const now = deps.clock.now();
            // Exactly what creation charged, whatever the policy says today (docs/market-model.md#economics, policy 1).
            yield* tx.ledger.post(proposalRefundPostings(creator.username, group.proposalCost), { occurredAt: now, marketId: null });
            const decision = { lifecycleStatus: 'rejected', rejectedBy: actorName(input.actor), rejectedAt: now, rejectionReason: reason, updatedAt: now } as const;
            for (const market of markets) yield* tx.markets.update(market.id, decision);
            const updated = yield* tx.marketGroups.update(group.id, decision);
            return reviewedMarketGroup(tx, updated ?? group);
          }),
        commit,
      );
      return ok(rejected);
    });
}
