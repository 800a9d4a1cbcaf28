// Proposing an answer for a market group (docs/api.md#market-groups, docs/market-model.md#creation-fees): the proposer
// pays `addAnswerCost` to the house (ADD_ANSWER_FEE) under the debt rule, in the same transaction as the addition.
// The answer is approved at once (its child market created) when the proposer is the group's steward or an
// administrator, when the group's own switch or the governance flag auto-approves answers, or under the `auto`
// approval policy; otherwise it waits for review. Steward, administrators and active moderators may propose.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { withinDebtLimit } from '../../math/index.ts';
import { addAnswerFeePostings } from '../../ledger/postings.ts';
import type { AnswerAddition } from '../../model/market-group.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  authorizationDenied,
  domainFailure,
  invalidState,
  type AuthorizationDenied,
  type DomainFailure,
  type InvalidState,
  type MarketNotFound,
  type UserNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { AUTO_APPROVAL } from '../shared/creation-admission.ts';
import { hasAdminRights, type Actor } from '../shared/actor.ts';
import { lockExistingUser } from '../shared/locked-user.ts';
import { addAnswer, answerCap, checkAnswerLabels, groupNotFound } from '../shared/market-group-rules.ts';

export interface ProposeGroupAnswerInput {
  readonly actor: Extract<Actor, { kind: 'user' }>;
  readonly groupId: number;
  readonly answerLabel: string;
}

export type ProposeGroupAnswerError =
  | MarketNotFound
  | AuthorizationDenied
  | ValidationFailed
  | InvalidState
  | UserNotFound
  | DomainFailure<'INSUFFICIENT_BALANCE'>
  | InfrastructureError;

export type ProposeGroupAnswer = (
  input: ProposeGroupAnswerInput,
  commit?: CommitHook<AnswerAddition>,
) => ResultAsync<AnswerAddition, ProposeGroupAnswerError>;

export function makeProposeGroupAnswer(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'economics'>): ProposeGroupAnswer {
  const { addAnswerCost } = deps.economics.marketincentives.multipleChoiceBinary;
  const { maximumDebtAllowed } = deps.economics.user;

  return (input, commit) =>
    deps.unitOfWork.run((tx) =>
      safeTry(async function* () {
        // The group row first, then the proposer's (DB-6).
        const group = yield* tx.marketGroups.lockById(input.groupId);
        if (group === null) return err(groupNotFound(input.groupId));
        const proposer = yield* lockExistingUser(tx, input.actor.username);
        const isSteward = proposer.username === group.stewardUsername;
        const activeModerator = proposer.role === 'MODERATOR' && proposer.moderatorStatus === 'active';
        if (!isSteward && !activeModerator && !hasAdminRights(input.actor)) {
          return err(authorizationDenied('Only the steward, active moderators and administrators may propose answers.'));
        }
        if (group.lifecycleStatus !== 'published') {
          return err(invalidState(`Answers can only be added to a published market group; this one is ${group.lifecycleStatus}.`));
        }
        const answers = yield* tx.marketGroups.listAnswers(group.id);
        const [answerLabel = ''] = yield* checkAnswerLabels(group.questionTitle, [input.answerLabel], answers.map((answer) => answer.answerLabel), 'answerLabel');
        if (answers.length >= answerCap(deps.economics)) {
          return err(invalidState(`The market group already has the most answers allowed (${String(answerCap(deps.economics))}).`));
        }
        if (!withinDebtLimit(proposer.accountBalance, addAnswerCost, maximumDebtAllowed)) {
          return err(domainFailure('INSUFFICIENT_BALANCE', 'Adding the answer would exceed the allowed debt.'));
        }
        const now = deps.clock.now();
        yield* tx.ledger.post(addAnswerFeePostings(proposer.username, addAnswerCost), { occurredAt: now, marketId: null });

        const governance = (yield* tx.settings.get('governance')).value;
        const reviewer = isSteward || hasAdminRights(input.actor)
          ? proposer.username
          : group.autoApproveAnswerAdditions || governance.autoApproveMarketGroupAnswers || governance.marketGroupAnswerAdditionApprovalPolicy === 'auto'
            ? AUTO_APPROVAL
            : null;
        const marketId = reviewer === null ? null : (yield* addAnswer(tx, group, answerLabel, deps.economics, now)).marketId;
        const addition = yield* tx.marketGroups.insertAddition({
          groupId: group.id,
          marketId,
          answerLabel,
          status: reviewer === null ? 'pending' : 'approved',
          proposedBy: proposer.username,
          reviewedBy: reviewer,
          reviewedAt: reviewer === null ? null : now,
          rejectionReason: null,
          additionCost: addAnswerCost,
          createdAt: now,
          updatedAt: now,
        });
        return ok(addition);
      }),
      commit,
    );
}
