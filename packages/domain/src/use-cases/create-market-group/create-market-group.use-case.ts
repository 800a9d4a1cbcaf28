// Creating a multiple-choice market group (docs/api.md#market-groups): one ordinary binary child market per answer,
// under the game-mode rules of a single market (docs/api.md#game-modes: a moderator's group in moderator mode starts
// `proposed`, unless the governance setting auto-approves proposals). The creation cost is charged once for the group
// through the ledger (MARKET_CREATION, docs/market-model.md#creation-fees) with the same debt rule as a single market
// and recorded as the group's `proposalCost`, which a rejected proposal refunds.
import { err, safeTry, type ResultAsync } from 'neverthrow';
import { marketCreationPostings } from '../../ledger/postings.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  validationFailed,
  type DomainFailure,
  type UserNotApproved,
  type UserNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { admitCreation, AUTO_APPROVAL } from '../shared/creation-admission.ts';
import { resolveMarketTags } from '../shared/market-tag-rules.ts';
import {
  answerCap,
  checkAnswerLabels,
  childMarket,
  marketGroupDetails,
  MIN_ANSWERS,
  type MarketGroupDetails,
} from '../shared/market-group-rules.ts';

export interface CreateMarketGroupInput {
  /** the creator, who also becomes the steward */
  readonly username: string;
  /** sanitised at the boundary (docs/api.md#validation) */
  readonly questionTitle: string;
  readonly description: string;
  /** epoch milliseconds */
  readonly resolutionDateTime: number;
  readonly answerLabels: readonly string[];
  /** at most five active tags, carried by every answer market */
  readonly tagSlugs?: readonly string[];
  readonly autoApproveAnswerAdditions?: boolean;
}

export type CreateMarketGroupError =
  | UserNotFound
  | UserNotApproved
  | ValidationFailed
  | DomainFailure<'INSUFFICIENT_BALANCE'>
  | InfrastructureError;

export type CreateMarketGroup = (
  input: CreateMarketGroupInput,
  commit?: CommitHook<MarketGroupDetails>,
) => ResultAsync<MarketGroupDetails, CreateMarketGroupError>;

export function makeCreateMarketGroup(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'economics' | 'game'>): CreateMarketGroup {
  const { createMarketCost } = deps.economics.marketincentives;

  return (input, commit) =>
    deps.unitOfWork.run((tx) =>
      safeTry(async function* () {
        const { creator, lifecycleStatus, autoApproved, now } = yield* admitCreation(tx, deps, {
          username: input.username,
          resolutionDateTime: input.resolutionDateTime,
          what: 'market group',
        });
        const cap = answerCap(deps.economics);
        if (input.answerLabels.length < MIN_ANSWERS || input.answerLabels.length > cap) {
          return err(validationFailed({ answerLabels: [`must name ${String(MIN_ANSWERS)} to ${String(cap)} answers`] }));
        }
        const labels = yield* checkAnswerLabels(input.questionTitle, input.answerLabels);
        const tags = yield* resolveMarketTags(tx.marketTags, input.tagSlugs ?? []);

        const group = yield* tx.marketGroups.insert({
          questionTitle: input.questionTitle,
          description: input.description,
          creatorUsername: creator.username,
          stewardUsername: creator.username,
          lifecycleStatus,
          resolutionDateTime: input.resolutionDateTime,
          proposalCost: createMarketCost,
          autoApproveAnswerAdditions: input.autoApproveAnswerAdditions ?? false,
          approvedBy: autoApproved ? AUTO_APPROVAL : null,
          approvedAt: autoApproved ? now : null,
          rejectedBy: null,
          rejectedAt: null,
          rejectionReason: null,
          createdAt: now,
          updatedAt: now,
        });
        for (const [index, answerLabel] of labels.entries()) {
          const market = yield* tx.markets.insert(childMarket(group, answerLabel, deps.economics, now));
          yield* tx.marketGroups.insertAnswer({ groupId: group.id, marketId: market.id, answerLabel, displayOrder: index + 1 });
          if (tags.length > 0) yield* tx.marketTags.setMarketTags(market.id, tags.map((tag) => tag.id));
        }
        // One charge for the whole group, not per answer: the group is one proposal (docs/api.md#market-groups).
        yield* tx.ledger.post(marketCreationPostings(creator.username, createMarketCost), { occurredAt: now, marketId: null });
        return marketGroupDetails(tx, group);
      }),
      commit,
    );
}
