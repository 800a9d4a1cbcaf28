// An administrator publishes a proposal (docs/api.md#proposal-review): from then on it is listed and tradable. The
// creation cost stays with the house. Only a `proposed` market can be approved (otherwise INVALID_STATE).
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  invalidState,
  marketNotFound,
  validationFailed,
  type AuthorizationDenied,
  type InvalidState,
  type MarketNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { actorName, requireAdmin, type Actor } from '../shared/actor.ts';
import { reviewedMarket, type ReviewedMarket } from '../shared/reviewed-market.ts';

export interface ApproveMarketInput {
  readonly actor: Actor;
  readonly marketId: number;
  /** must be true: the web app's explicit confirmation */
  readonly confirm: boolean;
}

export type ApproveMarketError = AuthorizationDenied | ValidationFailed | MarketNotFound | InvalidState | InfrastructureError;

export type ApproveMarket = (input: ApproveMarketInput, commit?: CommitHook<ReviewedMarket>) => ResultAsync<ReviewedMarket, ApproveMarketError>;

export function makeApproveMarket(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): ApproveMarket {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'approve markets');
      if (input.confirm !== true) return err(validationFailed({ confirm: ['must be true'] }));
      const approved = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            const market = yield* tx.lockMarket(input.marketId);
            if (market === null) return err(marketNotFound(input.marketId));
            if (market.lifecycleStatus !== 'proposed') {
              return err(invalidState(`Only a proposed market can be approved; market ${String(market.id)} is ${market.lifecycleStatus}.`));
            }
            const now = deps.clock.now();
            const updated = yield* tx.markets.update(market.id, {
              lifecycleStatus: 'published',
              approvedBy: actorName(input.actor),
              approvedAt: now,
              updatedAt: now,
            });
            return reviewedMarket(tx.stewardshipAudits, updated ?? market);
          }),
        commit,
      );
      return ok(approved);
    });
}
