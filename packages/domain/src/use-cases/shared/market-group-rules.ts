// Rules shared by the market-group use cases (docs/api.md#market-groups): answer labels, child titles, who manages a
// group, the child market an answer gets, and the group as its readers see it.
import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import { marketNotFound, validationFailed, type MarketNotFound, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { EconomicsConfig } from '../../model/economics.model.ts';
import type { GroupAnswer, MarketGroup } from '../../model/market-group.model.ts';
import type { MarketRecord, NewMarket } from '../../model/market.model.ts';
import type { StewardshipAudit } from '../../model/stewardship.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { Repositories, TransactionContext } from '../../ports/unit-of-work.port.ts';
import { hasAdminRights, type Actor } from './actor.ts';
import { marketOverviews, type MarketOverview } from './market-overview.ts';
import { NO_ROWS } from './market-totals.ts';
import { toCreatorSummary, type CreatorSummary } from './views.ts';

export const ANSWER_LABEL_MAX = 160;
/** A child market's title, "<question> - <answer>", must fit the title limit of a single market. */
export const CHILD_TITLE_MAX = 160;
/** Whatever the policy says, a group never has more answers than this (docs/api.md#market-groups). */
export const ABSOLUTE_ANSWER_CAP = 50;
export const MIN_ANSWERS = 2;

/** The most answers a group may carry under the policy in force. */
export function answerCap(economics: Pick<EconomicsConfig, 'marketincentives'>): number {
  return Math.min(economics.marketincentives.multipleChoiceBinary.hardAnswerSafetyCap, ABSOLUTE_ANSWER_CAP);
}

export function childTitle(questionTitle: string, answerLabel: string): string {
  return `${questionTitle} - ${answerLabel}`;
}

const codePoints = (text: string) => [...text].length;

/**
 * Trims `labels` and checks each against the question and the answers the group already has: non-empty, at most
 * 160 characters, a child title of at most 160, no case-insensitive duplicate.
 */
export function checkAnswerLabels(
  questionTitle: string,
  labels: readonly string[],
  existing: readonly string[] = [],
  field = 'answerLabels',
): Result<string[], ValidationFailed> {
  const problems: string[] = [];
  const seen = new Set(existing.map((label) => label.toLowerCase()));
  const trimmed = labels.map((label) => label.trim());
  for (const label of trimmed) {
    if (label === '' || codePoints(label) > ANSWER_LABEL_MAX) problems.push(`each answer must be 1–${String(ANSWER_LABEL_MAX)} characters`);
    else if (codePoints(childTitle(questionTitle, label)) > CHILD_TITLE_MAX) {
      problems.push(`"${questionTitle} - ${label}" is longer than ${String(CHILD_TITLE_MAX)} characters`);
    }
    const key = label.toLowerCase();
    if (seen.has(key)) problems.push(`duplicate answer (case-insensitive): ${label}`);
    seen.add(key);
  }
  return problems.length > 0 ? err(validationFailed({ [field]: [...new Set(problems)] })) : ok(trimmed);
}

/** The steward, an administrator or the operator may resolve and manage a group. */
export function managesGroup(actor: Actor, group: Pick<MarketGroup, 'stewardUsername'>): boolean {
  return hasAdminRights(actor) || (actor.kind === 'user' && actor.username === group.stewardUsername);
}

/** The child market of one answer: an ordinary binary market with the group's steward, state and the seeds in force. */
export function childMarket(
  group: MarketGroup,
  answerLabel: string,
  economics: Pick<EconomicsConfig, 'marketcreation'>,
  now: number,
): NewMarket {
  const { marketcreation } = economics;
  return {
    questionTitle: childTitle(group.questionTitle, answerLabel),
    description: group.description,
    outcomeType: 'BINARY',
    yesLabel: 'YES',
    noLabel: 'NO',
    creatorUsername: group.creatorUsername,
    stewardUsername: group.stewardUsername,
    lifecycleStatus: group.lifecycleStatus,
    resolutionDateTime: group.resolutionDateTime,
    finalResolutionDateTime: null,
    resolutionResult: null,
    utcOffset: 0,
    seeds: {
      initialProbability: marketcreation.initialMarketProbability,
      initialSubsidization: marketcreation.initialMarketSubsidization,
      initialYes: marketcreation.initialMarketYes,
      initialNo: marketcreation.initialMarketNo,
    },
    // The group carries the creation cost (proposalCost); its children cost nothing of their own.
    creationCost: 0,
    totals: NO_ROWS,
    approvedBy: group.approvedBy,
    approvedAt: group.approvedAt,
    rejectedBy: null,
    rejectedAt: null,
    rejectionReason: null,
    createdAt: now,
    updatedAt: now,
  };
}

export interface GroupAnswerView {
  readonly answer: GroupAnswer;
  /** absent only if the child market row is missing */
  readonly market: MarketOverview | null;
}

/** A group as `GET /v0/market-groups/{id}` shows it. */
export interface MarketGroupDetails {
  readonly group: MarketGroup;
  readonly creator: CreatorSummary;
  /** in display order */
  readonly answers: readonly GroupAnswerView[];
}

export function marketGroupDetails(
  deps: Pick<Repositories, 'users' | 'bets' | 'marketTags' | 'markets' | 'marketGroups'>,
  group: MarketGroup,
): ResultAsync<MarketGroupDetails, InfrastructureError> {
  return safeTry(async function* () {
    const answers = yield* deps.marketGroups.listAnswers(group.id);
    const markets = yield* deps.markets.findByIds(answers.map((answer) => answer.marketId));
    const overviews = yield* marketOverviews(deps, markets);
    const byMarket = new Map(overviews.map((overview) => [overview.market.id, overview]));
    const [creator] = yield* deps.users.findByUsernames([group.creatorUsername]);
    return ok({
      group,
      creator: toCreatorSummary(group.creatorUsername, creator),
      answers: answers.map((answer) => ({ answer, market: byMarket.get(answer.marketId) ?? null })),
    });
  });
}

export function groupNotFound(groupId: number): MarketNotFound {
  return { ...marketNotFound(groupId), message: `Market group ${String(groupId)} does not exist.` };
}

/**
 * Adds one answer to a locked group: the child market and the answer row, within the cap and without a
 * case-insensitive duplicate (docs/api.md#market-groups).
 */
export function addAnswer(
  tx: TransactionContext,
  group: MarketGroup,
  answerLabel: string,
  economics: Pick<EconomicsConfig, 'marketcreation' | 'marketincentives'>,
  now: number,
): ResultAsync<GroupAnswer, ValidationFailed | InfrastructureError> {
  return safeTry(async function* () {
    const answers = yield* tx.marketGroups.listAnswers(group.id);
    const cap = answerCap(economics);
    if (answers.length >= cap) return err(validationFailed({ answerLabel: [`the group already has the most answers allowed (${String(cap)})`] }));
    const [label] = yield* checkAnswerLabels(group.questionTitle, [answerLabel], answers.map((answer) => answer.answerLabel), 'answerLabel');
    const market = yield* tx.markets.insert(childMarket(group, label ?? answerLabel, economics, now));
    // Tags follow the group: a new answer carries the tags of the first one.
    const [first] = answers;
    if (first !== undefined) {
      const tags = (yield* tx.marketTags.tagsOfMarkets([first.marketId])).get(first.marketId) ?? [];
      if (tags.length > 0) yield* tx.marketTags.setMarketTags(market.id, tags.map((tag) => tag.id));
    }
    const displayOrder = Math.max(0, ...answers.map((answer) => answer.displayOrder)) + 1;
    return tx.marketGroups.insertAnswer({ groupId: group.id, marketId: market.id, answerLabel: label ?? answerLabel, displayOrder });
  });
}

/** A group as the proposal-review page shows it (docs/api.md#proposal-review): its answers and steward changes. */
export interface ReviewedMarketGroup {
  readonly details: MarketGroupDetails;
  /** the steward changes of its answer markets, oldest first */
  readonly stewardshipAudits: readonly StewardshipAudit[];
}

export function reviewedMarketGroup(
  deps: Pick<Repositories, 'users' | 'bets' | 'marketTags' | 'markets' | 'marketGroups' | 'stewardshipAudits'>,
  group: MarketGroup,
): ResultAsync<ReviewedMarketGroup, InfrastructureError> {
  return marketGroupDetails(deps, group).andThen((details) =>
    deps.stewardshipAudits
      .listForMarkets(details.answers.map(({ answer }) => answer.marketId))
      .map((stewardshipAudits) => ({ details, stewardshipAudits })),
  );
}

/** Locks a group, then its answer markets in ascending id (docs/architecture.md#group-lock-order). */
export function lockGroupWithAnswers(
  tx: TransactionContext,
  groupId: number,
): ResultAsync<{ readonly group: MarketGroup; readonly markets: readonly MarketRecord[] }, MarketNotFound | InfrastructureError> {
  return safeTry(async function* () {
    const group = yield* tx.marketGroups.lockById(groupId);
    if (group === null) return err(groupNotFound(groupId));
    const answers = yield* tx.marketGroups.listAnswers(group.id);
    const markets: MarketRecord[] = [];
    for (const marketId of answers.map((answer) => answer.marketId).sort((a, b) => a - b)) {
      const market = yield* tx.lockMarket(marketId);
      if (market !== null) markets.push(market);
    }
    return ok({ group, markets });
  });
}
