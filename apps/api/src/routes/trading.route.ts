// Trading and resolution (T1-34, T1-35, T1-37, T1-38): parse, call one use case, map the result.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PlaceBetOutput, SellOutput } from '@socialpredict/domain';
import type { TradingUseCases } from '@socialpredict/runtime';
import { unwrap } from '../http-error.mapper.ts';
import { actorOf, principalOf } from '../principal.ts';
import { documented, IdParam, Int, isoTime, normaliseOutcome, OutcomeInput, PositiveInt, Probability } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { TRADED_AT } from '../schemas/examples.ts';
import { Outcome } from '../schemas/market.schema.ts';
import { routeWrite } from '../write-call.ts';

const TradeBody = Type.Object({ marketId: PositiveInt, amount: PositiveInt, outcome: OutcomeInput });
const tradeBody = (description: string, amount: number) => documented(TradeBody, description, { marketId: 7, amount, outcome: 'YES' });

const BetResult = Type.Object({
  username: Type.String(),
  marketId: Int,
  amount: Int,
  outcome: Outcome,
  placedAt: Type.String(),
});

const QuoteResult = Type.Object({
  username: Type.String(),
  marketId: Int,
  outcome: Outcome,
  requestedCredits: Int,
  sharesSold: Int,
  saleValue: Int,
  dust: Int,
  sellFee: Int,
  netProceeds: Int,
  maxDust: Int,
  valuePerShare: Int,
  dustCapCoverage: Probability,
  allowed: Type.Boolean(),
  suggestedAmounts: Type.Array(Int),
  message: Type.String(),
  quotedAt: Type.String(),
  dustCapExceeded: Type.Boolean(),
  dustCapExceededBy: Int,
});

const SaleResult = Type.Object({
  username: Type.String(),
  marketId: Int,
  sharesSold: Int,
  saleValue: Int,
  dust: Int,
  sellFee: Int,
  netProceeds: Int,
  outcome: Outcome,
  transactionAt: Type.String(),
});

const tradeErrors = errorResponses(400, 401, 403, 404, 409, 422);
const trade = { auth: 'user', limit: 'general' } as const;

export const tradingRoutes: FastifyPluginAsyncTypebox<{ useCases: TradingUseCases }> = async (app, { useCases }) => {
  app.post(
    '/v0/bet',
    {
      config: trade,
      schema: {
        tags: ['trading'],
        summary: 'Buy shares',
        description:
          'Spends `amount` credits on `outcome` shares of an active market; the first bet on a market also pays ' +
          '`initialBetFee`. 409 `MARKET_CLOSED` unless the market is active; 422 `INSUFFICIENT_BALANCE` beyond the debt ' +
          'limit, `POOL_NEGATIVE` or `PROBABILITY_OUT_OF_RANGE` when the amount is too large for the market.',
        security: [{ bearer: [] }],
        body: tradeBody('The market, the credits to spend and the side.', 20),
        response: {
          201: documented(Envelope(BetResult), 'The recorded bet.', {
            ok: true,
            result: { username: 'bob', marketId: 7, amount: 20, outcome: 'YES', placedAt: TRADED_AT },
          }),
          ...tradeErrors,
        },
      },
    },
    async (request, reply) => {
      const { marketId, amount } = request.body;
      const write = routeWrite(request, reply, ({ bet }: PlaceBetOutput) => ({
        status: 201,
        body: ok({ username: bet.username, marketId: bet.marketId, amount: bet.amount, outcome: bet.outcome, placedAt: isoTime(bet.placedAt) }),
      }));
      const placed = await unwrap(
        useCases.placeBet(
          { username: principalOf(request).username, marketId, amount, outcome: normaliseOutcome(request.body.outcome) },
          write.call,
        ),
      );
      app.metrics.betsPlaced.inc({ outcome: placed.bet.outcome });
      return write.send(placed);
    },
  );

  app.post(
    '/v0/sell/quote',
    {
      config: trade,
      schema: {
        tags: ['trading'],
        summary: 'Quote a sale',
        description:
          'What selling `amount` credits’ worth of the caller’s `outcome` shares would give now: shares sold, value, ' +
          'dust, fee, net proceeds and suggested amounts; nothing is stored. Shares unlock only after a later order by ' +
          'another user: 422 `NO_POSITION` or `INSUFFICIENT_SHARES` with `details.hint` otherwise.',
        security: [{ bearer: [] }],
        body: tradeBody('The market, the credits wanted and the side to sell.', 10),
        response: {
          200: documented(Envelope(QuoteResult), 'The quote.', {
            ok: true,
            result: {
              username: 'bob', marketId: 7, outcome: 'YES', requestedCredits: 10, sharesSold: 10, saleValue: 10, dust: 0, sellFee: 0,
              netProceeds: 10, maxDust: 1, valuePerShare: 1, dustCapCoverage: 1, allowed: true, suggestedAmounts: [9, 10, 11],
              message: 'Ready to sell: no credits are withheld for whole-share rounding.', quotedAt: TRADED_AT, dustCapExceeded: false,
              dustCapExceededBy: 0,
            },
          }),
          ...tradeErrors,
        },
      },
    },
    async (request) => {
      const { marketId, amount } = request.body;
      const quoted = await unwrap(
        useCases.quoteSale({ username: principalOf(request).username, marketId, amount, outcome: normaliseOutcome(request.body.outcome) }),
      );
      return ok({
        username: quoted.username,
        marketId: quoted.marketId,
        outcome: quoted.outcome,
        ...quoted.quote,
        quotedAt: isoTime(quoted.quotedAt),
      });
    },
  );

  app.post(
    '/v0/sell',
    {
      config: trade,
      schema: {
        tags: ['trading'],
        summary: 'Sell shares',
        description:
          'Sells the caller’s unlocked `outcome` shares for up to `amount` credits, capped at the sellable inventory, ' +
          'as the quote describes. 409 `MARKET_CLOSED` unless active; 422 `NO_POSITION` or `INSUFFICIENT_SHARES` with ' +
          '`details.hint` when nothing or too little is sellable.',
        security: [{ bearer: [] }],
        body: tradeBody('The market, the credits wanted and the side to sell.', 10),
        response: {
          201: documented(Envelope(SaleResult), 'The recorded sale.', {
            ok: true,
            result: { username: 'bob', marketId: 7, sharesSold: 10, saleValue: 10, dust: 0, sellFee: 0, netProceeds: 10, outcome: 'YES', transactionAt: TRADED_AT },
          }),
          ...tradeErrors,
        },
      },
    },
    async (request, reply) => {
      const { marketId, amount } = request.body;
      const write = routeWrite(request, reply, (sold: SellOutput) => {
        const { sharesSold, saleValue, dust, sellFee, netProceeds } = sold.quote;
        return {
          status: 201,
          body: ok({
            username: sold.username,
            marketId: sold.marketId,
            sharesSold,
            saleValue,
            dust,
            sellFee,
            netProceeds,
            outcome: sold.outcome,
            transactionAt: isoTime(sold.transactionAt),
          }),
        };
      });
      const sold = await unwrap(
        useCases.sell({ username: principalOf(request).username, marketId, amount, outcome: normaliseOutcome(request.body.outcome) }, write.call),
      );
      app.metrics.sales.inc();
      app.metrics.saleDustCredits.inc(sold.quote.dust);
      return write.send(sold);
    },
  );

  app.post(
    '/v0/markets/:id/resolve',
    {
      config: trade,
      schema: {
        tags: ['markets'],
        summary: 'Resolve a market',
        description:
          'Settles the market as `YES`, `NO` or `N/A` (refunds): pays the winners and the steward’s work profit. Only ' +
          'the market’s steward (403 `AUTHORIZATION_DENIED`), also before the resolution time. 409 `MARKET_CLOSED` when ' +
          'already resolved, `INVALID_STATE` when proposed, rejected or cancelled. No body on success.',
        security: [{ bearer: [] }],
        params: Type.Object({ id: IdParam }),
        // The value itself is checked by the use case, after the market and steward checks (docs/api.md#request-pipeline order).
        body: documented(Type.Object({ resolution: Type.Optional(Type.String()) }), 'The outcome: YES, NO or N/A, in any case.', { resolution: 'YES' }),
        response: { 204: Type.Null({ description: 'Resolved; no body.' }), ...tradeErrors },
      },
    },
    async (request, reply) => {
      const write = routeWrite(request, reply, () => ({ status: 204, body: null }));
      const resolved = await unwrap(
        useCases.resolveMarket(
          {
            actor: actorOf(request),
            marketId: request.params.id,
            resolution: (request.body.resolution ?? '').trim().toUpperCase(),
          },
          write.call,
        ),
      );
      app.metrics.marketsResolved.inc({ result: resolved.settlement.resolution });
      return write.send(resolved);
    },
  );
};
