// Market creation (docs/market-model.md#creation-fees; docs/api.md#game-modes, T1-33): game-mode rules, resolution time in the future, debt rule,
// MARKET_CREATION posting, and the seeds and cost in force recorded on the market. A proposal is published at once when
// the governance setting auto-approves proposals (docs/api.md#proposal-review); the setting is read in the transaction.
import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import { withinDebtLimit } from '../../math/index.ts';
import { marketCreationPostings } from '../../ledger/postings.ts';
import type { GameConfig } from '../../model/economics.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import type { LifecycleStatus } from '../../model/market.model.ts';
import type { MarketWithTags } from '../../model/market-tag.model.ts';
import type { UserRecord } from '../../model/user.model.ts';
import {
  domainFailure,
  userNotApproved,
  validationFailed,
  type DomainFailure,
  type UserNotApproved,
  type UserNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { lockExistingUser } from '../shared/locked-user.ts';
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

export type CreateMarketError =
  | UserNotFound
  | UserNotApproved
  | ValidationFailed
  | DomainFailure<'INSUFFICIENT_BALANCE'>
  | InfrastructureError;

export type CreateMarket = (input: CreateMarketInput, commit?: CommitHook<MarketWithTags>) => ResultAsync<MarketWithTags, CreateMarketError>;

const HOUR_MS = 3_600_000;

/** `approvedBy` of a proposal the governance setting published (docs/api.md#game-modes). */
export const AUTO_APPROVAL = 'auto-approval';

export function makeCreateMarket(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'economics' | 'game'>): CreateMarket {
  const { marketcreation } = deps.economics;
  const { createMarketCost } = deps.economics.marketincentives;
  const { maximumDebtAllowed } = deps.economics.user;

  return (input, commit) =>
    deps.unitOfWork.run((tx) =>
      safeTry(async function* () {
        // The creator's row is locked before the debt check and the posting (DB-6).
        const creator = yield* lockExistingUser(tx, input.username);
        const requested = yield* initialLifecycle(creator, deps.game);
        const autoApproved =
          requested === 'proposed' && (yield* tx.settings.get('governance')).value.autoApproveMarketProposals;
        const lifecycleStatus = autoApproved ? 'published' : requested;

        const now = deps.clock.now();
        if (!(input.resolutionDateTime > now + marketcreation.minimumFutureHours * HOUR_MS)) {
          return err(
            validationFailed({
              resolutionDateTime: [`must be more than ${marketcreation.minimumFutureHours} hour(s) in the future`],
            }),
          );
        }
        if (!withinDebtLimit(creator.accountBalance, createMarketCost, maximumDebtAllowed)) {
          return err(domainFailure('INSUFFICIENT_BALANCE', 'Creating the market would exceed the allowed debt.'));
        }
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

/** Who may create markets and in which state they start (docs/api.md#game-modes). */
export function initialLifecycle(
  creator: Pick<UserRecord, 'role' | 'moderatorStatus'>,
  game: GameConfig,
): Result<LifecycleStatus, UserNotApproved> {
  const activeModerator = creator.role === 'MODERATOR' && creator.moderatorStatus === 'active';
  if (game.mode === 'moderator') {
    if (!activeModerator) return err(userNotApproved('Only active moderators may create markets.'));
    return ok(game.moderation.marketApprovalRequired ? 'proposed' : 'published');
  }
  if (creator.moderatorStatus === 'suspended') {
    return err(userNotApproved('A suspended moderator may not create markets.'));
  }
  return ok('published');
}
