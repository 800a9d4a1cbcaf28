// Domain market views to the wire shapes of docs/api.md#shapes. The public status is derived at presentation time
// from the stored lifecycle and the clock (docs/api.md#market-state).
import type { FastifyReply } from 'fastify';
import { toAmendment } from '../schemas/amendment.schema.ts';
import type { Static } from '@sinclair/typebox';
import {
  publicMarketStatus,
  type CreatorSummary,
  type MarketAnswerOf,
  type MarketDetails as MarketDetailsView,
  type MarketOverview as MarketOverviewView,
  type MarketPosition,
  type MarketRecord,
  type MarketTag,
} from '@socialpredict/domain';
import { tagsKey } from './market-tag.presenter.ts';
import { isoTime } from '../schemas/common.schema.ts';
import type { Creator, GroupLink, MarketDetails, MarketOverview, MarketResponse, Position, PublicMarket } from '../schemas/market.schema.ts';

/** Kept for parity: upstream's zero time until the market is resolved (docs/api.md). */
const UNRESOLVED_FINAL_TIME = '0001-01-01T00:00:00Z';

const resolutionResult = (market: MarketRecord) =>
  market.lifecycleStatus === 'resolved' && market.resolutionResult !== null ? market.resolutionResult : '';

export function toCreator(creator: CreatorSummary): Static<typeof Creator> {
  return {
    username: creator.username,
    personalEmoji: creator.personalEmoji,
    ...(creator.displayName === '' ? {} : { displayname: creator.displayName }),
  };
}

type ReviewDecision = Partial<Record<'approvedBy' | 'rejectedBy' | 'rejectionReason' | 'approvedAt' | 'rejectedAt', string>>;

/** Who approved or rejected a market, when and why; each field only once it is set (docs/api.md#proposal-review). */
export function reviewDecision(market: Pick<MarketRecord, 'approvedBy' | 'approvedAt' | 'rejectedBy' | 'rejectedAt' | 'rejectionReason'>): ReviewDecision {
  const text = (key: 'approvedBy' | 'rejectedBy' | 'rejectionReason', value: string | null) => (value === null ? {} : { [key]: value });
  const time = (key: 'approvedAt' | 'rejectedAt', value: number | null) => (value === null ? {} : { [key]: isoTime(value) });
  return {
    ...text('approvedBy', market.approvedBy),
    ...time('approvedAt', market.approvedAt),
    ...text('rejectedBy', market.rejectedBy),
    ...time('rejectedAt', market.rejectedAt),
    ...text('rejectionReason', market.rejectionReason),
  };
}

/** Where an answer market sits in its group (docs/api.md#shapes GroupLink); texts and decisions only once set. */
export function toGroupLink({ group, answerLabel, displayOrder, answerCount }: MarketAnswerOf, now: number): Static<typeof GroupLink> {
  return {
    id: group.id,
    questionTitle: group.questionTitle,
    ...(group.description === '' ? {} : { description: group.description }),
    groupType: 'MULTIPLE_CHOICE_BINARY',
    lifecycleStatus: group.lifecycleStatus,
    status: publicMarketStatus(group, now),
    answerLabel,
    displayOrder,
    answerCount,
    ...(group.lifecycleStatus === 'proposed' ? { proposalCost: group.proposalCost } : {}),
    creatorUsername: group.creatorUsername,
    stewardUsername: group.stewardUsername,
    ...reviewDecision(group),
    resolutionDateTime: isoTime(group.resolutionDateTime),
    createdAt: isoTime(group.createdAt),
    updatedAt: isoTime(group.updatedAt),
  };
}

/** The `marketGroup` key of a market read: present only for a group's answer market. */
const groupKey = (link: MarketAnswerOf | undefined, now: number) => (link === undefined ? {} : { marketGroup: toGroupLink(link, now) });

export function toMarketResponse(market: MarketRecord, now: number, tags: readonly MarketTag[] = []): Static<typeof MarketResponse> {
  return {
    id: market.id,
    questionTitle: market.questionTitle,
    description: market.description,
    outcomeType: market.outcomeType,
    resolutionDateTime: isoTime(market.resolutionDateTime),
    creatorUsername: market.creatorUsername,
    stewardUsername: market.stewardUsername,
    yesLabel: market.yesLabel,
    noLabel: market.noLabel,
    status: publicMarketStatus(market, now),
    lifecycleStatus: market.lifecycleStatus,
    ...reviewDecision(market),
    ...(market.lifecycleStatus === 'proposed' ? { proposalCost: market.creationCost } : {}),
    isResolved: market.lifecycleStatus === 'resolved',
    resolutionResult: resolutionResult(market),
    createdAt: isoTime(market.createdAt),
    updatedAt: isoTime(market.updatedAt),
    ...tagsKey(tags),
  };
}

export function toPublicMarket(market: MarketRecord, now: number, tags: readonly MarketTag[] = []): Static<typeof PublicMarket> {
  return {
    id: market.id,
    questionTitle: market.questionTitle,
    description: market.description,
    outcomeType: market.outcomeType,
    resolutionDateTime: isoTime(market.resolutionDateTime),
    finalResolutionDateTime:
      market.finalResolutionDateTime === null ? UNRESOLVED_FINAL_TIME : isoTime(market.finalResolutionDateTime),
    utcOffset: market.utcOffset,
    isResolved: market.lifecycleStatus === 'resolved',
    resolutionResult: resolutionResult(market),
    initialProbability: market.seeds.initialProbability,
    creatorUsername: market.creatorUsername,
    stewardUsername: market.stewardUsername,
    createdAt: isoTime(market.createdAt),
    yesLabel: market.yesLabel,
    noLabel: market.noLabel,
    status: publicMarketStatus(market, now),
    lifecycleStatus: market.lifecycleStatus,
    ...tagsKey(tags),
  };
}

export function toMarketOverview(overview: MarketOverviewView, now: number): Static<typeof MarketOverview> {
  return {
    market: { ...toMarketResponse(overview.market, now, overview.tags), ...groupKey(overview.marketGroup, now) },
    creator: toCreator(overview.creator),
    lastProbability: overview.lastProbability,
    numUsers: overview.numUsers,
    totalVolume: overview.totalVolume,
    marketDust: overview.marketDust,
  };
}

type PresentedPath = Static<typeof MarketDetails>['probabilityChanges'];
type PathView = MarketDetailsView['probabilityChanges'];

/**
 * A market's probability path is the bulk of a read of a long history (up to PROBABILITY_POINTS_MAX points), and the
 * use case hands the same path to every read of one cached market history: its JSON is encoded to UTF-8 once per
 * path, the route's own serializer writes the rest of the body around an empty path, and the body goes out as bytes,
 * so the path is neither measured nor encoded again per read (docs/performance.md#serialized-path).
 */
const pathBytes = new WeakMap<PathView, Buffer>();
const EMPTY_PATH = '"probabilityChanges":[]';

/**
 * Sends `body` (with an empty `probabilityChanges`) as the route's serializer writes it, with `path` in its place;
 * the route's response schema still shapes every other field. The readers of one coalesced load share its answer
 * (docs/performance.md#coalesced-reads), so the body is built once per answer: `variant` names what else it depends
 * on (the statuses the clock decides), and a reader whose clock gives another variant gets a body of its own. Every
 * reader of an answer arrived before its load started, so the body's `generatedAt` (taken when the first of them
 * built it) is after each one's arrival.
 */
const sharedBodies = new WeakMap<object, { variant: string; bytes: Buffer }>();

export function sendSharedWithPath(reply: FastifyReply, answer: object, variant: string, build: () => { body: unknown; path: PathView }): FastifyReply {
  const shared = sharedBodies.get(answer);
  if (shared !== undefined && shared.variant === variant) return sendJsonBytes(reply, shared.bytes);
  const { body, path } = build();
  const bytes = bodyWithPath(reply, body, path);
  sharedBodies.set(answer, { variant, bytes });
  return sendJsonBytes(reply, bytes);
}

/** the statuses the clock decides in a market read: its market's, and its group's when it answers one */
export function clockVariant(market: MarketRecord, now: number, link?: MarketAnswerOf): string {
  return link === undefined ? publicMarketStatus(market, now) : `${publicMarketStatus(market, now)}|${publicMarketStatus(link.group, now)}`;
}

function bodyWithPath(reply: FastifyReply, body: unknown, path: PathView): Buffer {
  let bytes = pathBytes.get(path);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(presentedPath(path)));
    pathBytes.set(path, bytes);
  }
  // Keys are written unescaped and string values escaped, so the first match is the body's own key.
  const around = String(reply.serialize(body));
  const at = around.indexOf(EMPTY_PATH);
  const before = Buffer.from(`${around.slice(0, at)}"probabilityChanges":`);
  const after = Buffer.from(around.slice(at + EMPTY_PATH.length));
  return Buffer.concat([before, bytes, after], before.length + bytes.length + after.length);
}

function sendJsonBytes(reply: FastifyReply, bytes: Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(bytes);
}

/** The wire form of a path, kept per path like its JSON: formatting the timestamps was once the largest cost of a market read. */
const presentedPaths = new WeakMap<PathView, PresentedPath>();

function presentedPath(path: PathView): PresentedPath {
  let presented = presentedPaths.get(path);
  if (presented === undefined) {
    presented = path.map((point) => ({ probability: point.probability, timestamp: isoTime(point.timestamp) }));
    presentedPaths.set(path, presented);
  }
  return presented;
}

export function toMarketDetails(details: MarketDetailsView, now: number): Static<typeof MarketDetails> {
  return {
    market: { ...toPublicMarket(details.market, now, details.tags), ...groupKey(details.marketGroup, now) },
    creator: toCreator(details.creator),
    probabilityChanges: presentedPath(details.probabilityChanges),
    probabilityChangesTruncated: details.probabilityChangesTruncated,
    numUsers: details.numUsers,
    totalVolume: details.totalVolume,
    marketDust: details.marketDust,
    lastProbability: details.lastProbability,
    descriptionAmendments: details.descriptionAmendments.map(toAmendment),
  };
}

export function toPosition(position: MarketPosition): Static<typeof Position> {
  return {
    username: position.username,
    marketId: position.marketId,
    yesSharesOwned: position.yesShares,
    noSharesOwned: position.noShares,
    value: position.value,
    totalSpent: position.totalSpent,
    totalSpentInPlay: position.totalSpentInPlay,
    isResolved: position.isResolved,
    resolutionResult: position.resolutionResult ?? '',
  };
}
