// Trading and resolution (T1-34, T1-35, T1-37, T1-38): parse, call one use case, map the result.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PlaceBetOutput, SellOutput } from '@socialpredict/domain';
import type { TradingUseCases } from '@socialpredict/runtime';
import { unwrap } from '../http-error.mapper.ts';
import { actorOf, principalOf } from '../principal.ts';
import { IdParam, Int, isoTime, normaliseOutcome, OutcomeInput, PositiveInt, Probability } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { routeWrite } from '../write-call.ts';

const TradeBody = Type.Object({ marketId: PositiveInt, amount: PositiveInt, outcome: OutcomeInput });

const Outcome = Type.Union([Type.Literal('YES'), Type.Literal('NO')]);

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
        summary: 'Buy shares (T1-35)',
        security: [{ bearer: [] }],
        body: TradeBody,
        response: { 201: Envelope(BetResult), ...tradeErrors },
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
        summary: 'Quote a sale without side effects (T1-37)',
        security: [{ bearer: [] }],
        body: TradeBody,
        response: { 200: Envelope(QuoteResult), ...tradeErrors },
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
        summary: 'Sell shares for credits (T1-38)',
        security: [{ bearer: [] }],
        body: TradeBody,
        response: { 201: Envelope(SaleResult), ...tradeErrors },
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
        summary: 'Resolve a market; steward only (T1-34)',
        security: [{ bearer: [] }],
        params: Type.Object({ id: IdParam }),
        // The value itself is checked by the use case, after the market and steward checks (docs/api.md#request-pipeline order).
        body: Type.Object({ resolution: Type.Optional(Type.String()) }),
        response: { 204: Type.Null(), ...tradeErrors },
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
