// Probability projection of a hypothetical buy (T1-28), in the query form and in the web app's legacy path form,
// which it calls with a trailing slash: both path forms are registered (the only such route, docs/api.md#router-behaviour).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ProjectionUseCases } from '@socialpredict/runtime';
import { unwrap } from '../http-error.mapper.ts';
import { documented, IdParam, normaliseOutcome, ref } from '../schemas/common.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { Projection } from '../schemas/market.schema.ts';

/** A decimal safe integer; non-numeric is INVALID_REQUEST, while ≤ 0 is a rule for the use case (VALIDATION_FAILED). */
const AmountInput = Type.Integer({ minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER });

const projectionSchema = (summary: string, form: string) => ({
  tags: ['markets'],
  summary,
  description:
    `Where the probability would move if \`amount\` credits bought \`outcome\` (YES or NO) now, ${form}; nothing is ` +
    'stored. 409 `MARKET_CLOSED` unless the market is active; an amount ≤ 0 is 400 `VALIDATION_FAILED`. Raw body.',
  response: {
    200: documented(ref(Projection), 'The current and projected probability.', {
      marketId: 7,
      currentProbability: 0.8333333333333334,
      projectedProbability: 0.875,
      amount: 10,
      outcome: 'YES',
    }),
    ...errorResponses(400, 404, 409),
  },
});

export const projectionRoutes: FastifyPluginAsyncTypebox<{ useCases: ProjectionUseCases }> = async (app, { useCases }) => {
  const project = (marketId: number, amount: number, outcome: string) =>
    unwrap(useCases.projectBet({ marketId, amount, outcome: normaliseOutcome(outcome) }));

  app.get(
    '/v0/markets/:id/projection',
    {
      config: { limit: 'general' },
      schema: {
        ...projectionSchema('Project a buy', 'with amount and outcome in the query'),
        params: Type.Object({ id: IdParam }),
        querystring: Type.Object({ amount: AmountInput, outcome: Type.String() }),
      },
    },
    async (request) => project(request.params.id, request.query.amount, request.query.outcome),
  );

  const LegacyParams = Type.Object({ marketId: IdParam, amount: AmountInput, outcome: Type.String() });
  for (const path of ['/v0/marketprojection/:marketId/:amount/:outcome', '/v0/marketprojection/:marketId/:amount/:outcome/']) {
    app.get(
      path,
      {
        config: { limit: 'general' },
        schema: { ...projectionSchema('Project a buy (path form)', 'in the path form the web app calls, with or without a trailing slash'), params: LegacyParams },
      },
      async (request) => project(request.params.marketId, request.params.amount, request.params.outcome),
    );
  }
};
