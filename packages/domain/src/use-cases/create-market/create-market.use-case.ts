// Market creation (docs/market-model.md#creation-fees; docs/api.md#game-modes, T1-33): game-mode rules, resolution time in the future, debt rule,
// MARKET_CREATION posting, and the seeds and cost in force recorded on the market. A proposal is published at once when
// the governance setting auto-approves proposals (docs/api.md#proposal-review); the setting is read in the transaction.
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import { marketCreationPostings } from '../../ledger/postings.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import type { MarketWithTags } from '../../model/market-tag.model.ts';
import type { UseCaseDeps } from '../deps.ts';
import { admitCreation, AUTO_APPROVAL, type CreationAdmissionError } from '../shared/creation-admission.ts';
import { resolveMarketTags } from '../shared/market-tag-rules.ts';
import { NO_ROWS } from '../shared/market-totals.ts';

export interface CreateMarketInput {
  /** the creator, who also becomes the steward */
  readonly username: string;
  /** sanitised at the boundary (docs/api.md#validation) */
  readonly questionTitle: string;
  readonly description: string;
  /** epoch milliseconds */
  readonly resolutionDateTime: number;
  readonly yesLabel?: string;
  readonly noLabel?: string;
  readonly utcOffset?: number;
  /** at most five active tags (docs/api.md#market-tags); none when absent */
  readonly tagSlugs?: readonly string[];
}

export type CreateMarketError = CreationAdmissionError;

export type CreateMarket = (input: CreateMarketInput, commit?: CommitHook<MarketWithTags>) => ResultAsync<MarketWithTags, CreateMarketError>;

export function makeCreateMarket(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'economics' | 'game'>): CreateMarket {
  const { marketcreation } = deps.economics;
  const { createMarketCost } = deps.economics.marketincentives;

  return (input, commit) =>
    deps.unitOfWork.run((tx) =>
      safeTry(async function* () {
        const { creator, lifecycleStatus, autoApproved, now } = yield* admitCreation(tx, deps, {
          username: input.username,
          resolutionDateTime: input.resolutionDateTime,
          what: 'market',
        });
        const tags = yield* resolveMarketTags(tx.marketTags, input.tagSlugs ?? []);

        const market = yield* tx.markets.insert({
          questionTitle: input.questionTitle,
          description: input.description,
          outcomeType: 'BINARY',
          yesLabel: input.yesLabel ?? 'YES',
          noLabel: input.noLabel ?? 'NO',
          creatorUsername: creator.username,
          stewardUsername: creator.username,
          lifecycleStatus,
          resolutionDateTime: input.resolutionDateTime,
          finalResolutionDateTime: null,
          resolutionResult: null,
          utcOffset: input.utcOffset ?? 0,
          seeds: {
            initialProbability: marketcreation.initialMarketProbability,
            initialSubsidization: marketcreation.initialMarketSubsidization,
            initialYes: marketcreation.initialMarketYes,
            initialNo: marketcreation.initialMarketNo,
          },
          creationCost: createMarketCost,
          totals: NO_ROWS,
          approvedBy: autoApproved ? AUTO_APPROVAL : null,
          approvedAt: autoApproved ? now : null,
          rejectedBy: null,
          rejectedAt: null,
          rejectionReason: null,
          createdAt: now,
          updatedAt: now,
        });
        yield* tx.ledger.post(marketCreationPostings(creator.username, createMarketCost), {
          occurredAt: now,
          marketId: market.id,
        });
        if (tags.length > 0) yield* tx.marketTags.setMarketTags(market.id, tags.map((tag) => tag.id));
        return ok({ ...market, tags });
      }),
      commit,
    );
}
