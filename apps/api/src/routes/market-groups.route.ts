// Multiple-choice market groups (docs/api.md#market-groups): creation, the group page with its answers, the group's
// bets, positions and leaderboard across its answer markets, resolution of every answer at once, proposing answers
// and the steward's answer-addition switch. Titles, descriptions and labels are sanitised here; counts, lengths,
// duplicates, roles and states are the domain's rules.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AnswerAddition, Clock, MarketGroup, MarketGroupDetails, ResolveMarketGroupOutput } from '@socialpredict/domain';
import type { MarketGroupUseCases } from '@socialpredict/runtime';
import { unwrap } from '../http-error.mapper.ts';
import * as sanitize from '../input-sanitizers.ts';
import { actorOf, principalOf } from '../principal.ts';
import { documented, IdParam, Int, isoTime, Probability, ref } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { Outcome } from '../schemas/market.schema.ts';
import {
  AnswerAdditionShape,
  exampleAnswerAddition,
  exampleMarketGroup,
  MarketGroupBody,
  MarketGroupShape,
  toAnswerAddition,
  toMarketGroup,
  toMarketGroupBody,
} from '../schemas/market-group.schema.ts';
import { strictNumber } from '../schemas/strict-paging.ts';
import { routeWrite } from '../write-call.ts';

export interface MarketGroupRouteOptions {
  useCases: MarketGroupUseCases;
  clock: Clock;
}

const GroupPath = Type.Object({ id: IdParam });
const PageQuery = Type.Object({
  limit: Type.Optional(Type.String({ description: 'integer 1–200, default 20; else 400' })),
  offset: Type.Optional(Type.String({ description: 'integer ≥ 0, default 0; else 400' })),
});
const pageOf = (query: { limit?: string; offset?: string }) => ({
  limit: strictNumber(query.limit, 'limit', 20, 1, 200),
  offset: strictNumber(query.offset, 'offset', 0, 0, 100_000_000),
});

const AnswerKeys = { answerMarketId: Int, answerLabel: Type.String(), displayOrder: Int };
const GroupBet = Type.Object({ username: Type.String(), outcome: Outcome, amount: Int, probability: Probability, placedAt: Type.String(), ...AnswerKeys });
const AnswerHolding = Type.Object({ ...AnswerKeys, yesSharesOwned: Int, noSharesOwned: Int, value: Int, totalSpent: Int });
const GroupPosition = Type.Object({ username: Type.String(), value: Int, totalSpent: Int, answers: Type.Array(AnswerHolding) });
const GroupLeader = Type.Object({
  username: Type.String(),
  profit: Int,
  currentValue: Int,
  totalSpent: Int,
  rank: Int,
  answers: Type.Array(Type.Object({ ...AnswerKeys, profit: Int, currentValue: Int, totalSpent: Int, position: Type.String() })),
});

const CreateBody = Type.Object({
  questionTitle: Type.String(),
  description: Type.String(),
  resolutionDateTime: Type.String(),
  answerLabels: Type.Array(Type.String({ maxLength: 4000 }), { maxItems: 200 }),
  tagSlugs: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 }), { maxItems: 5, uniqueItems: true })),
  autoApproveAnswerAdditions: Type.Optional(Type.Boolean()),
});

const ResolveBody = Type.Object({
  mode: Type.String({ maxLength: 20, description: 'exclusive_yes, manual or na' }),
  winningMarketId: Type.Optional(IdParam),
  // The count is the domain's rule (each answer market exactly once), so an overlong list is VALIDATION_FAILED there.
  resolutions: Type.Optional(Type.Array(Type.Object({ marketId: IdParam, resolution: Type.String({ maxLength: 10 }) }))),
});

/** An answer label as every text field: plain single-line text, tags removed (docs/api.md#validation). */
export function answerLabelOf(raw: string, field: string): string {
  return sanitize.sanitizeFields({ [field]: sanitize.tagText(raw, 'single-line') })[field] as string;
}

const exampleDetails = {
  group: exampleMarketGroup,
  creator: { username: 'alice', displayName: 'Alice', personalEmoji: '😀' },
  answers: [
    { id: 1, groupId: 3, marketId: 11, answerLabel: 'Reds', displayOrder: 1 },
    { id: 2, groupId: 3, marketId: 12, answerLabel: 'Blues', displayOrder: 2 },
  ],
};

export const marketGroupRoutes: FastifyPluginAsyncTypebox<MarketGroupRouteOptions> = async (app, { useCases, clock }) => {
  /** The group and its answers keyed by market id, for the activity lists. */
  const answersOf = async (groupId: number) => {
    const details = await unwrap(useCases.getMarketGroup({ groupId }));
    return details.answers.map(({ answer }) => ({ answerMarketId: answer.marketId, answerLabel: answer.answerLabel, displayOrder: answer.displayOrder }));
  };

  app.post(
    '/v0/market-groups',
    {
      config: { auth: 'user', limit: 'general' },
      schema: {
        tags: ['markets'],
        summary: 'Create a market group',
        description:
          'A multiple-choice question: one YES/NO answer market per label (2 to min(hardAnswerSafetyCap, 50), each at most ' +
          '160 characters, no case-insensitive duplicate, every "<question> - <answer>" title at most 160). Charges ' +
          '`createMarketCost` once (422 `INSUFFICIENT_BALANCE` beyond the debt limit). In moderator mode only active ' +
          'moderators create (403 `USER_NOT_APPROVED`) and the group starts `proposed`. Raw body.',
        security: [{ bearer: [] }],
        body: documented(CreateBody, 'The question, its answers and resolution time.', {
          questionTitle: 'Who wins the cup?',
          description: 'The final is on Sunday.',
          resolutionDateTime: '2027-01-02T00:00:00Z',
          answerLabels: ['Reds', 'Blues'],
          autoApproveAnswerAdditions: false,
        }),
        response: {
          201: documented(ref(MarketGroupBody), 'The created group.', exampleDetails),
          ...errorResponses(400, 401, 403, 422),
        },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const clean = sanitize.sanitizeFields({
        questionTitle: sanitize.questionTitle(body.questionTitle),
        description: sanitize.marketDescription(body.description),
        resolutionDateTime: sanitize.resolutionTime(body.resolutionDateTime),
      });
      const answerLabels = body.answerLabels.map((label, index) => answerLabelOf(label, `answerLabels[${String(index)}]`));
      const write = routeWrite(request, reply, (details: MarketGroupDetails) => ({ status: 201, body: toMarketGroupBody(details, clock.now()) }));
      const created = await unwrap(
        useCases.createMarketGroup(
          {
            username: principalOf(request).username,
            ...clean,
            answerLabels,
            tagSlugs: body.tagSlugs ?? [],
            autoApproveAnswerAdditions: body.autoApproveAnswerAdditions ?? false,
          },
          write.call,
        ),
      );
      return write.send(created);
    },
  );

  app.get(
    '/v0/market-groups/:id',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['markets'],
        summary: 'Get a market group',
        description: 'The group, its creator and its answers in display order, each with its answer market. 404 `MARKET_NOT_FOUND`.',
        params: GroupPath,
        response: { 200: documented(ref(MarketGroupBody), 'The group.', exampleDetails), ...errorResponses(400, 404) },
      },
    },
    async (request) => toMarketGroupBody(await unwrap(useCases.getMarketGroup({ groupId: request.params.id })), clock.now()),
  );

  app.get(
    '/v0/market-groups/:id/bets',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['markets'],
        summary: 'Bets of a market group',
        description: 'The trade rows of every answer market, newest first, each naming its answer. Strict paging (`limit` 1–200, default 20).',
        params: GroupPath,
        querystring: PageQuery,
        response: {
          200: documented(Envelope(Type.Object({ groupId: Int, bets: Type.Array(GroupBet), total: Int })), 'One page.', {
            ok: true,
            result: {
              groupId: 3,
              bets: [{ username: 'bob', outcome: 'YES', amount: 20, probability: 0.6, placedAt: '2026-03-01T12:00:00.000Z', answerMarketId: 11, answerLabel: 'Reds', displayOrder: 1 }],
              total: 1,
            },
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const answers = await answersOf(request.params.id);
      const rows = [];
      for (const answer of answers) {
        for (const bet of await unwrap(useCases.listBets({ marketId: answer.answerMarketId }))) {
          rows.push({ ...answer, username: bet.username, outcome: bet.outcome, amount: bet.amount, probability: bet.probability, placedAt: bet.placedAt });
        }
      }
      rows.sort((a, b) => b.placedAt - a.placedAt || b.answerMarketId - a.answerMarketId);
      const bets = rows.slice(page.offset, page.offset + page.limit).map((row) => ({ ...row, placedAt: isoTime(row.placedAt) }));
      return ok({ groupId: request.params.id, bets, total: rows.length });
    },
  );

  app.get(
    '/v0/market-groups/:id/positions',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['markets'],
        summary: 'Positions in a market group',
        description: 'One row per user holding shares in any answer, with the holdings per answer; by total value, then username. Strict paging.',
        params: GroupPath,
        querystring: PageQuery,
        response: {
          200: documented(Envelope(Type.Object({ groupId: Int, positions: Type.Array(GroupPosition), total: Int })), 'One page.', {
            ok: true,
            result: {
              groupId: 3,
              positions: [
                {
                  username: 'bob',
                  value: 20,
                  totalSpent: 20,
                  answers: [{ answerMarketId: 11, answerLabel: 'Reds', displayOrder: 1, yesSharesOwned: 24, noSharesOwned: 0, value: 20, totalSpent: 20 }],
                },
              ],
              total: 1,
            },
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const byUser = new Map<string, { username: string; value: number; totalSpent: number; answers: (typeof AnswerHolding.static)[] }>();
      for (const answer of await answersOf(request.params.id)) {
        const { positions } = await unwrap(useCases.listMarketPositions({ marketId: answer.answerMarketId }));
        for (const position of positions) {
          if (position.yesShares === 0 && position.noShares === 0) continue;
          const row = byUser.get(position.username) ?? { username: position.username, value: 0, totalSpent: 0, answers: [] };
          row.value += position.value;
          row.totalSpent += position.totalSpent;
          row.answers.push({ ...answer, yesSharesOwned: position.yesShares, noSharesOwned: position.noShares, value: position.value, totalSpent: position.totalSpent });
          byUser.set(position.username, row);
        }
      }
      const rows = [...byUser.values()].sort((a, b) => b.value - a.value || a.username.localeCompare(b.username));
      return ok({ groupId: request.params.id, positions: rows.slice(page.offset, page.offset + page.limit), total: rows.length });
    },
  );

  app.get(
    '/v0/market-groups/:id/leaderboard',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['markets'],
        summary: 'Leaderboard of a market group',
        description: 'Profit summed over the answers per user, with the figures per answer; by profit, then username. Strict paging.',
        params: GroupPath,
        querystring: PageQuery,
        response: {
          200: documented(Envelope(Type.Object({ groupId: Int, leaderboard: Type.Array(GroupLeader), total: Int })), 'One page.', {
            ok: true,
            result: {
              groupId: 3,
              leaderboard: [
                {
                  username: 'bob',
                  profit: 4,
                  currentValue: 24,
                  totalSpent: 20,
                  rank: 1,
                  answers: [{ answerMarketId: 11, answerLabel: 'Reds', displayOrder: 1, profit: 4, currentValue: 24, totalSpent: 20, position: 'YES' }],
                },
              ],
              total: 1,
            },
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const byUser = new Map<string, typeof GroupLeader.static>();
      for (const answer of await answersOf(request.params.id)) {
        const board = await unwrap(useCases.getMarketLeaderboard({ marketId: answer.answerMarketId, limit: 1_000_000, offset: 0 }));
        for (const leader of board.leaderboard) {
          const row = byUser.get(leader.username) ?? { username: leader.username, profit: 0, currentValue: 0, totalSpent: 0, rank: 0, answers: [] };
          row.profit += leader.profit;
          row.currentValue += leader.currentValue;
          row.totalSpent += leader.totalSpent;
          row.answers.push({ ...answer, profit: leader.profit, currentValue: leader.currentValue, totalSpent: leader.totalSpent, position: leader.position });
          byUser.set(leader.username, row);
        }
      }
      const rows = [...byUser.values()]
        .sort((a, b) => b.profit - a.profit || a.username.localeCompare(b.username))
        .map((row, index) => ({ ...row, rank: index + 1 }));
      return ok({ groupId: request.params.id, leaderboard: rows.slice(page.offset, page.offset + page.limit), total: rows.length });
    },
  );

  app.post(
    '/v0/market-groups/:id/resolve',
    {
      config: { auth: 'user', limit: 'general' },
      schema: {
        tags: ['markets'],
        summary: 'Resolve a market group',
        description:
          'Settles every answer market in one transaction, each exactly as resolving it alone: `exclusive_yes` (the ' +
          '`winningMarketId` YES, all others NO), `manual` (`resolutions` names every answer market once) or `na` (all ' +
          'N/A, refunds). The steward only, as for a single market (403). 409 `MARKET_GROUP_CHILD_UNPUBLISHED` lists the ' +
          'answer markets that are not published in `details.children`; 409 `MARKET_CLOSED` once resolved. Raw body.',
        security: [{ bearer: [] }],
        params: GroupPath,
        body: documented(ResolveBody, 'The mode and its choice.', { mode: 'exclusive_yes', winningMarketId: 11 }),
        response: {
          200: documented(ref(MarketGroupShape), 'The resolved group.', { ...exampleMarketGroup, lifecycleStatus: 'resolved', status: 'resolved' }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const write = routeWrite(request, reply, (resolved: ResolveMarketGroupOutput) => ({
        status: 200,
        body: toMarketGroup(resolved.group, resolved.children.length, clock.now()),
      }));
      const resolved = await unwrap(
        useCases.resolveMarketGroup(
          {
            actor: actorOf(request),
            groupId: request.params.id,
            mode: body.mode.trim().toLowerCase(),
            ...(body.winningMarketId === undefined ? {} : { winningMarketId: body.winningMarketId }),
            ...(body.resolutions === undefined
              ? {}
              : { resolutions: body.resolutions.map((entry) => ({ marketId: entry.marketId, resolution: entry.resolution.trim().toUpperCase() })) }),
          },
          write.call,
        ),
      );
      return write.send(resolved);
    },
  );

  app.post(
    '/v0/market-groups/:id/answers',
    {
      config: { auth: 'user', limit: 'general' },
      schema: {
        tags: ['markets'],
        summary: 'Propose an answer',
        description:
          'Adds an answer (at most 160 characters) to a published group for `addAnswerCost` (422 `INSUFFICIENT_BALANCE`). ' +
          'The steward, active moderators and administrators may propose (403). Approved at once, with its answer market, ' +
          'for the steward or an administrator, when the group or the governance settings auto-approve, or under the ' +
          '`auto` policy; pending otherwise. 409 `INVALID_STATE` when the group is not published or full. Raw body.',
        security: [{ bearer: [] }],
        params: GroupPath,
        body: documented(Type.Object({ answerLabel: Type.String({ maxLength: 4000 }) }), 'The answer.', { answerLabel: 'Greens' }),
        response: {
          201: documented(ref(AnswerAdditionShape), 'The addition.', exampleAnswerAddition),
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const answerLabel = answerLabelOf(request.body.answerLabel, 'answerLabel');
      const principal = principalOf(request);
      const write = routeWrite(request, reply, (addition: AnswerAddition) => ({ status: 201, body: toAnswerAddition(addition) }));
      const addition = await unwrap(
        useCases.proposeGroupAnswer({ actor: { kind: 'user', username: principal.username, role: principal.role }, groupId: request.params.id, answerLabel }, write.call),
      );
      return write.send(addition);
    },
  );

  app.patch(
    '/v0/market-groups/:id/answer-addition-settings',
    {
      config: { auth: 'user', limit: 'general' },
      schema: {
        tags: ['markets'],
        summary: 'Set the answer auto-approval of a group',
        description: 'The steward (or an administrator) decides whether answers proposed by others are approved at once. 403 otherwise. Raw body.',
        security: [{ bearer: [] }],
        params: GroupPath,
        body: documented(Type.Object({ autoApproveAnswerAdditions: Type.Boolean() }), 'The switch.', { autoApproveAnswerAdditions: true }),
        response: {
          200: documented(ref(MarketGroupShape), 'The group.', { ...exampleMarketGroup, autoApproveAnswerAdditions: true }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      // The switch does not change the answers, so their count is read first for the body.
      const { answers } = await unwrap(useCases.getMarketGroup({ groupId: request.params.id }));
      const write = routeWrite(request, reply, (group: MarketGroup) => ({ status: 200, body: toMarketGroup(group, answers.length, clock.now()) }));
      const group = await unwrap(
        useCases.updateGroupAnswerSettings(
          { actor: actorOf(request), groupId: request.params.id, autoApproveAnswerAdditions: request.body.autoApproveAnswerAdditions },
          write.call,
        ),
      );
      return write.send(group);
    },
  );
};
