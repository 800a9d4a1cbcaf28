// A steward proposes a description amendment (docs/api.md#amendments). The market row is locked first (DB-6), so two
// proposals on one market take consecutive versions; the governance flag read in the same transaction decides
// whether the amendment is approved at once.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { DescriptionAmendment } from '../../model/description-amendment.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  authorizationDenied,
  marketNotFound,
  type AuthorizationDenied,
  type InvalidState,
  type MarketNotFound,
  type UserNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { Actor } from '../shared/actor.ts';
import { lockExistingUser } from '../shared/locked-user.ts';
import { checkAmendable, checkProposal, checkProposer, newAmendment, nextAmendmentVersion, type AmendmentProposal } from './amendment-rules.ts';

export interface ProposeAmendmentInput extends AmendmentProposal {
  readonly actor: Actor;
  readonly marketId: number;
}

export type ProposeAmendmentError = AuthorizationDenied | ValidationFailed | InvalidState | MarketNotFound | UserNotFound | InfrastructureError;

export type ProposeAmendment = (
  input: ProposeAmendmentInput,
  commit?: CommitHook<DescriptionAmendment>,
) => ResultAsync<DescriptionAmendment, ProposeAmendmentError>;

export function makeProposeAmendment(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): ProposeAmendment {
  return (input, commit) => {
    const { actor } = input;
    return deps.unitOfWork.run(
      (tx) =>
        safeTry(async function* () {
          if (actor.kind !== 'user') return err(authorizationDenied('Only the steward of the market may propose description amendments.'));
          const market = yield* tx.lockMarket(input.marketId);
          if (market === null) return err(marketNotFound(input.marketId));
          const proposer = yield* lockExistingUser(tx, actor.username);
          yield* checkProposer(proposer, market);
          yield* checkProposal(input);
          const now = deps.clock.now();
          yield* checkAmendable(market, now);
          const governance = yield* tx.settings.get('governance');
          const existing = yield* tx.amendments.listByMarket(market.id);
          const stored = yield* tx.amendments.insert(
            newAmendment({
              marketId: market.id,
              proposer: proposer.username,
              version: nextAmendmentVersion(existing),
              autoApprove: governance.value.autoApproveDescriptionAmendments,
              now,
              body: input.body,
              ...(input.submitReason === undefined ? {} : { submitReason: input.submitReason }),
            }),
          );
          return ok(stored);
        }),
      commit,
    );
  };
}
