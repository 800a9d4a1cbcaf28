// An administrator approves a proposed market group (docs/api.md#market-groups, docs/api.md#proposal-review): the
// group and every answer market are published together, in one transaction; no money moves.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import { invalidState, validationFailed, type AuthorizationDenied, type InvalidState, type MarketNotFound, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { actorName, requireAdmin, type Actor } from '../shared/actor.ts';
import { lockGroupWithAnswers, reviewedMarketGroup, type ReviewedMarketGroup } from '../shared/market-group-rules.ts';

export interface ApproveMarketGroupInput {
  readonly actor: Actor;
  readonly groupId: number;
  readonly confirm: boolean;
}

export type ApproveMarketGroupError = AuthorizationDenied | ValidationFailed | MarketNotFound | InvalidState | InfrastructureError;

export type ApproveMarketGroup = (
  input: ApproveMarketGroupInput,
  commit?: CommitHook<ReviewedMarketGroup>,
) => ResultAsync<ReviewedMarketGroup, ApproveMarketGroupError>;

export function makeApproveMarketGroup(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): ApproveMarketGroup {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'approve market groups');
      if (!input.confirm) return err(validationFailed({ confirm: ['must be true'] }));
      const approved = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            const { group, markets } = yield* lockGroupWithAnswers(tx, input.groupId);
            if (group.lifecycleStatus !== 'proposed') {
              return err(invalidState(`Only a proposed market group can be approved; group ${String(group.id)} is ${group.lifecycleStatus}.`));
            }
            const now = deps.clock.now();
            const decision = { lifecycleStatus: 'published', approvedBy: actorName(input.actor), approvedAt: now, updatedAt: now } as const;
            for (const market of markets) yield* tx.markets.update(market.id, decision);
            const updated = yield* tx.marketGroups.update(group.id, decision);
            return reviewedMarketGroup(tx, updated ?? group);
          }),
        commit,
      );
      return ok(approved);
    });
}
