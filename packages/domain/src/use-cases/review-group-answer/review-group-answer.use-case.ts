// Reviewing a pending answer addition (docs/api.md#market-groups): approval (with `confirm: true`) creates the answer's
// child market; rejection refunds the proposer's fee, house → proposer, as PROPOSAL_REFUND — the ledger's one kind for
// giving back the cost of a rejected proposal (docs/market-model.md#ledger), which keeps the house split exact
// (creationFees + participationFees + otherIncome = house balance). Administrators review any addition; the group's
// steward reviews its own unless the approval policy reserves reviews to administrators.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { proposalRefundPostings } from '../../ledger/postings.ts';
import type { AnswerAddition } from '../../model/market-group.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  authorizationDenied,
  invalidState,
  validationFailed,
  type AuthorizationDenied,
  type InvalidState,
  type MarketNotFound,
  type UserNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { actorName, hasAdminRights, type Actor } from '../shared/actor.ts';
import { lockExistingUser } from '../shared/locked-user.ts';
import { addAnswer, groupNotFound } from '../shared/market-group-rules.ts';
import { REVIEW_REASON_MAX } from '../shared/reviewed-market.ts';

export interface ReviewGroupAnswerInput {
  readonly actor: Actor;
  readonly additionId: number;
  readonly status: string;
  readonly reason?: string;
  /** must be true to approve */
  readonly confirm?: boolean;
}

export type ReviewGroupAnswerError =
  | MarketNotFound
  | AuthorizationDenied
  | ValidationFailed
  | InvalidState
  | UserNotFound
  | InfrastructureError;

export type ReviewGroupAnswer = (
  input: ReviewGroupAnswerInput,
  commit?: CommitHook<AnswerAddition>,
) => ResultAsync<AnswerAddition, ReviewGroupAnswerError>;

export function additionNotFound(additionId: number): ValidationFailed {
  return validationFailed({ additionId: [`answer addition ${String(additionId)} does not exist`] });
}

export function makeReviewGroupAnswer(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'economics'>): ReviewGroupAnswer {
  return (input, commit) =>
    deps.unitOfWork.run((tx) =>
      safeTry(async function* () {
        // The addition row, then its group (which orders the answers), then markets and users (docs/architecture.md#16).
        const addition = yield* tx.marketGroups.lockAddition(input.additionId);
        if (addition === null) return err(additionNotFound(input.additionId));
        const group = yield* tx.marketGroups.lockById(addition.groupId);
        if (group === null) return err(groupNotFound(addition.groupId));

        if (!hasAdminRights(input.actor)) {
          const steward = input.actor.kind === 'user' && input.actor.username === group.stewardUsername;
          if (!steward) return err(authorizationDenied('Only the steward of the market group or an administrator may review its answers.'));
          const { marketGroupAnswerAdditionApprovalPolicy } = (yield* tx.settings.get('governance')).value;
          if (marketGroupAnswerAdditionApprovalPolicy === 'admin') {
            return err(authorizationDenied('The approval policy reserves answer reviews to administrators.'));
          }
        }
        const reason = (input.reason ?? '').trim();
        if (input.status !== 'approved' && input.status !== 'rejected') {
          return err(validationFailed({ status: ['must be approved or rejected'] }));
        }
        if ([...reason].length > REVIEW_REASON_MAX) return err(validationFailed({ reason: [`must be at most ${String(REVIEW_REASON_MAX)} characters`] }));
        if (input.status === 'approved' && input.confirm !== true) return err(validationFailed({ confirm: ['must be true to approve'] }));
        if (addition.status !== 'pending') return err(invalidState(`Answer addition ${String(addition.id)} is already ${addition.status}.`));

        const now = deps.clock.now();
        const reviewed = { ...addition, reviewedBy: actorName(input.actor), reviewedAt: now, updatedAt: now };
        if (input.status === 'approved') {
          if (group.lifecycleStatus !== 'published') {
            return err(invalidState(`Answers can only be added to a published market group; this one is ${group.lifecycleStatus}.`));
          }
          const answer = yield* addAnswer(tx, group, addition.answerLabel, deps.economics, now);
          return tx.marketGroups.updateAddition({ ...reviewed, status: 'approved', marketId: answer.marketId });
        }
        const proposer = yield* lockExistingUser(tx, addition.proposedBy);
        yield* tx.ledger.post(proposalRefundPostings(proposer.username, addition.additionCost), { occurredAt: now, marketId: null });
        return ok(yield* tx.marketGroups.updateAddition({ ...reviewed, status: 'rejected', rejectionReason: reason === '' ? null : reason }));
      }),
      commit,
    );
}
