// Site-wide reporting (T1-39…T1-41). The figures come from the ledger through the use cases, T1-40 and T1-41 from
// their global read-model snapshots (docs/api.md#read-model-freshness); this adapter only adds the explanations the stats page prints and the
// freshness metadata.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Economics } from '@socialpredict/config';
import type { ReportingUseCases } from '@socialpredict/runtime';
import { unwrap } from '../http-error.mapper.ts';
import { readModelFreshness } from '../presenters/freshness.presenter.ts';
import { documented, Int, isoTime, ref } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { snapshotFreshnessExample } from '../schemas/examples.ts';
import { Freshness } from '../schemas/market.schema.ts';

export interface ReportingRouteOptions {
  useCases: ReportingUseCases;
  economics: Economics;
}

const Stats = Type.Object({
  financialStats: Type.Object({
    totalMoney: Int,
    totalDebtExtended: Int,
    totalDebtUtilized: Int,
    totalFeesCollected: Int,
    totalBonusesPaid: Int,
    outstandingPayouts: Int,
    totalMoneyInCirculation: Int,
  }),
  setupConfiguration: Type.Object({
    initialMarketProbability: Type.Number(),
    initialMarketSubsidization: Int,
    initialMarketYes: Int,
    initialMarketNo: Int,
    createMarketCost: Int,
    traderBonus: Int,
    groupAddAnswerCost: Int,
    groupSoftAnswerThreshold: Int,
    groupHardAnswerSafetyCap: Int,
    initialAccountBalance: Int,
    maximumDebtAllowed: Int,
    minimumBet: Int,
    maxDustPerSale: Int,
    initialBetFee: Int,
    buySharesFee: Int,
    sellSharesFee: Int,
  }),
});

const Leaf = Type.Object({ value: Int, formula: Type.Optional(Type.String()), explanation: Type.String() });
const BooleanLeaf = Type.Object({ value: Type.Boolean(), formula: Type.Optional(Type.String()), explanation: Type.String() });

const SystemMetricsBody = Type.Object({
  moneyCreated: Type.Object({ userDebtCapacity: Leaf, numUsers: Leaf, minted: Leaf }),
  moneyUtilized: Type.Object({
    unusedDebt: Leaf,
    activeBetVolume: Leaf,
    marketCreationFees: Leaf,
    participationFees: Leaf,
    otherHouseIncome: Leaf,
    bonusesPaid: Leaf,
    totalUtilized: Leaf,
  }),
  verification: Type.Object({ balanced: BooleanLeaf, surplus: Leaf }),
  freshness: ref(Freshness),
});

const GlobalLeaderboard = Type.Object({
  entries: Type.Array(
    Type.Object({
      username: Type.String(),
      totalProfit: Int,
      totalCurrentValue: Int,
      totalSpent: Int,
      activeMarkets: Int,
      resolvedMarkets: Int,
      earliestBet: Type.String(),
      rank: Int,
    }),
  ),
  freshness: ref(Freshness),
});

const leaf = (value: number, explanation: string, formula?: string) => ({ value, explanation, ...(formula === undefined ? {} : { formula }) });

export const reportingRoutes: FastifyPluginAsyncTypebox<ReportingRouteOptions> = async (app, opts) => {
  const { useCases, economics } = opts;
  const { marketcreation, marketincentives, user, betting } = economics;

  app.get(
    '/v0/stats',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['reporting'],
        summary: 'Money statistics',
        description:
          'Site-wide money figures from the ledger (money created, debt extended and used, fees, bonuses, open pools, ' +
          'money in circulation) and the economics they were computed with.',
        response: {
          200: documented(Envelope(Stats), 'The statistics.', {
            ok: true,
            result: {
              financialStats: {
                totalMoney: 0, totalDebtExtended: 1000, totalDebtUtilized: 31, totalFeesCollected: 11, totalBonusesPaid: 0,
                outstandingPayouts: 20, totalMoneyInCirculation: 20,
              },
              setupConfiguration: {
                initialMarketProbability: 0.5, initialMarketSubsidization: 10, initialMarketYes: 0, initialMarketNo: 0,
                createMarketCost: 10, traderBonus: 1, groupAddAnswerCost: 2, groupSoftAnswerThreshold: 12,
                groupHardAnswerSafetyCap: 50, initialAccountBalance: 0, maximumDebtAllowed: 500, minimumBet: 1,
                maxDustPerSale: 1, initialBetFee: 1, buySharesFee: 0, sellSharesFee: 0,
              },
            },
          }),
          ...errorResponses(),
        },
      },
    },
    async () => {
      const financialStats = await unwrap(useCases.getFinancialStats());
      return ok({
        financialStats,
        setupConfiguration: {
          initialMarketProbability: marketcreation.initialMarketProbability,
          initialMarketSubsidization: marketcreation.initialMarketSubsidization,
          initialMarketYes: marketcreation.initialMarketYes,
          initialMarketNo: marketcreation.initialMarketNo,
          createMarketCost: marketincentives.createMarketCost,
          traderBonus: marketincentives.traderBonus,
          groupAddAnswerCost: marketincentives.multipleChoiceBinary.addAnswerCost,
          groupSoftAnswerThreshold: marketincentives.multipleChoiceBinary.softAnswerReviewThreshold,
          groupHardAnswerSafetyCap: marketincentives.multipleChoiceBinary.hardAnswerSafetyCap,
          initialAccountBalance: user.initialAccountBalance,
          maximumDebtAllowed: user.maximumDebtAllowed,
          minimumBet: betting.minimumBet,
          maxDustPerSale: betting.maxDustPerSale,
          initialBetFee: betting.betFees.initialBetFee,
          buySharesFee: betting.betFees.buySharesFee,
          sellSharesFee: betting.betFees.sellSharesFee,
        },
      });
    },
  );

  app.get(
    '/v0/system/metrics',
    {
      config: { auth: 'reporting-system-metrics', limit: 'general' },
      schema: {
        tags: ['reporting'],
        summary: 'System metrics',
        description:
          'Where every credit is, from the ledger: money created, how it is used, and whether the books balance; each ' +
          'figure with its explanation. Served from a snapshot refreshed after writes (see `freshness`). Public while ' +
          'reporting visibility allows it, otherwise 401 `INVALID_TOKEN` without a token.',
        response: {
          200: documented(Envelope(SystemMetricsBody), 'The metrics.', {
            ok: true,
            result: {
              moneyCreated: {
                userDebtCapacity: { value: 1000, formula: 'numUsers × maximumDebtAllowed', explanation: 'Credit users may borrow in total.' },
                numUsers: { value: 2, explanation: 'Users with a ledger account.' },
                minted: { value: 0, explanation: 'Credits created as initial balances and admin grants.' },
              },
              moneyUtilized: {
                unusedDebt: { value: 969, formula: 'Σ min(maximumDebtAllowed, maximumDebtAllowed + balance)', explanation: 'Borrowing capacity not yet used.' },
                activeBetVolume: { value: 20, explanation: 'Credits held in the pools of unresolved markets.' },
                marketCreationFees: { value: 10, explanation: 'Creation costs kept by the house.' },
                participationFees: { value: 1, explanation: 'First-bet fees kept by the house.' },
                otherHouseIncome: { value: 0, explanation: 'Other fees, withheld dust and unpaid pools.' },
                bonusesPaid: { value: 0, explanation: 'Work profit paid to stewards.' },
                totalUtilized: { value: 1000, explanation: 'Sum of the utilised figures.' },
              },
              verification: {
                balanced: { value: true, explanation: 'Whether every credit is accounted for.' },
                surplus: { value: 0, explanation: 'Difference between money created and money utilised; 0 when balanced.' },
              },
              freshness: snapshotFreshnessExample,
            },
          }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async () => {
      const snapshot = await unwrap(useCases.readSystemMetrics());
      const m = snapshot.value;
      return ok({
        moneyCreated: {
          userDebtCapacity: leaf(m.userDebtCapacity, 'Credit users may borrow in total.', 'numUsers × maximumDebtAllowed'),
          numUsers: leaf(m.numUsers, 'Users with a ledger account.'),
          minted: leaf(m.minted, 'Credits created as initial balances and admin grants.'),
        },
        moneyUtilized: {
          unusedDebt: leaf(m.unusedDebt, 'Borrowing capacity not yet used.', 'Σ min(maximumDebtAllowed, maximumDebtAllowed + balance)'),
          activeBetVolume: leaf(m.activeBetVolume, 'Credits held in the pools of unresolved markets.'),
          marketCreationFees: leaf(m.marketCreationFees, 'Creation costs kept by the house.'),
          participationFees: leaf(m.participationFees, 'First-bet fees kept by the house.'),
          otherHouseIncome: leaf(m.otherHouseIncome, 'Other fees, withheld dust and unpaid pools.'),
          bonusesPaid: leaf(m.bonusesPaid, 'Work profit paid to stewards.'),
          totalUtilized: leaf(m.totalUtilized, 'Sum of the utilised figures.'),
        },
        verification: {
          balanced: { value: m.balanced, explanation: 'Whether every credit is accounted for.' },
          surplus: leaf(m.surplus, 'Difference between money created and money utilised; 0 when balanced.'),
        },
        freshness: readModelFreshness(snapshot),
      });
    },
  );

  app.get(
    '/v0/global/leaderboard',
    {
      config: { auth: 'reporting-global-leaderboard', limit: 'general' },
      schema: {
        tags: ['reporting'],
        summary: 'Global leaderboard',
        description:
          'Traders ranked by total profit over every market; `limit` is clamped to 1–100 (default 20), `offset` skips. ' +
          'Served from a snapshot refreshed after writes (see `freshness`). Public while reporting visibility allows ' +
          'it, otherwise 401 `INVALID_TOKEN` without a token.',
        querystring: Type.Object({ limit: Type.Optional(Type.String()), offset: Type.Optional(Type.String()) }),
        response: {
          200: documented(Envelope(GlobalLeaderboard), 'The ranking.', {
            ok: true,
            result: {
              entries: [
                { username: 'bob', totalProfit: 0, totalCurrentValue: 20, totalSpent: 20, activeMarkets: 1, resolvedMarkets: 0, earliestBet: '2026-03-02T09:30:00.000Z', rank: 1 },
              ],
              freshness: snapshotFreshnessExample,
            },
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      // This list clamps its limit instead of falling back to the default (docs/api.md#validation).
      const parsed = /^-?\d+$/.test(request.query.limit ?? '') ? Number(request.query.limit) : 20;
      const offset = /^\d+$/.test(request.query.offset ?? '') ? Number(request.query.offset) : 0;
      const limit = Math.min(100, Math.max(1, parsed));
      const snapshot = await unwrap(useCases.readGlobalLeaderboard());
      return ok({
        entries: snapshot.value.entries.slice(offset, offset + limit).map((row) => ({
          username: row.username,
          totalProfit: row.totalProfit,
          totalCurrentValue: row.totalCurrentValue,
          totalSpent: row.totalSpent,
          activeMarkets: row.activeMarkets,
          resolvedMarkets: row.resolvedMarkets,
          earliestBet: isoTime(row.earliestPlacedAt),
          rank: row.rank,
        })),
        freshness: readModelFreshness(snapshot),
      });
    },
  );
};
