// Read-only views of the policy file (T1-08, T1-09) and the parity greeting (T1-10). The policy is loaded and
// frozen at boot (CFG-4), so these answer from configuration without a use case.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SetupPolicy } from '@socialpredict/config';
import { documented } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';

const int = Type.Integer();

const EconomicsSchema = Type.Object({
  marketcreation: Type.Object({
    initialMarketProbability: Type.Number(),
    initialMarketSubsidization: int,
    initialMarketYes: int,
    initialMarketNo: int,
    minimumFutureHours: Type.Number(),
  }),
  marketincentives: Type.Object({
    createMarketCost: int,
    traderBonus: int,
    multipleChoiceBinary: Type.Object({
      addAnswerCost: int,
      softAnswerReviewThreshold: int,
      hardAnswerSafetyCap: int,
    }),
  }),
  user: Type.Object({ initialAccountBalance: int, maximumDebtAllowed: int }),
  betting: Type.Object({
    minimumBet: int,
    maxDustPerSale: int,
    betFees: Type.Object({ initialBetFee: int, buySharesFee: int, sellSharesFee: int }),
  }),
});

const FrontendSetup = Type.Object({
  charts: Type.Object({ sigFigs: int }),
  game: Type.Object({ mode: Type.Union([Type.Literal('standard'), Type.Literal('moderator')]) }),
  marketGroups: Type.Object({
    multipleChoiceBinary: Type.Object({
      addAnswerCost: int,
      softAnswerReviewThreshold: int,
      hardAnswerSafetyCap: int,
    }),
  }),
});

const multipleChoiceBinary = { addAnswerCost: 2, softAnswerReviewThreshold: 12, hardAnswerSafetyCap: 50 };

const DEFAULT_SIG_FIGS = 4;

/** T1-09: 0 or absent means the default of 4; anything else is clamped to 2–9. */
function chartSigFigs(configured: number): number {
  if (configured === 0) return DEFAULT_SIG_FIGS;
  return Math.min(9, Math.max(2, configured));
}

export const setupRoutes: FastifyPluginAsyncTypebox<{ setup: SetupPolicy }> = async (app, { setup }) => {
  app.get(
    '/v0/setup',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['setup'],
        summary: 'Economics in force',
        description: 'The economics of `config/setup.yaml` with upstream’s key casing: market seeding, costs, fees and debt limits. Raw body.',
        response: {
          200: documented(EconomicsSchema, 'The economics tree.', {
            marketcreation: { initialMarketProbability: 0.5, initialMarketSubsidization: 10, initialMarketYes: 0, initialMarketNo: 0, minimumFutureHours: 1 },
            marketincentives: { createMarketCost: 10, traderBonus: 1, multipleChoiceBinary },
            user: { initialAccountBalance: 0, maximumDebtAllowed: 500 },
            betting: { minimumBet: 1, maxDustPerSale: 1, betFees: { initialBetFee: 1, buySharesFee: 0, sellSharesFee: 0 } },
          }),
          ...errorResponses(),
        },
      },
    },
    async () => setup.economics,
  );

  app.get(
    '/v0/setup/frontend',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['setup'],
        summary: 'Web-app settings',
        description: 'Chart precision (`sigFigs` clamped to 2–9, 0 or absent means 4), the game mode and the market-group costs. Raw body.',
        response: {
          200: documented(FrontendSetup, 'The web app’s settings.', {
            charts: { sigFigs: 4 },
            game: { mode: 'standard' },
            marketGroups: { multipleChoiceBinary },
          }),
          ...errorResponses(),
        },
      },
    },
    async () => ({
      charts: { sigFigs: chartSigFigs(setup.frontend.charts.sigFigs) },
      game: { mode: setup.game.mode },
      marketGroups: { multipleChoiceBinary: setup.economics.marketincentives.multipleChoiceBinary },
    }),
  );

  app.get(
    '/v0/home',
    {
      config: { limit: 'none' },
      schema: {
        tags: ['setup'],
        summary: 'Backend greeting',
        description: 'A fixed greeting the web app reads to check that the backend answers; kept for parity with upstream.',
        response: {
          200: documented(Envelope(Type.Object({ message: Type.String() })), 'The greeting.', { ok: true, result: { message: 'Data From the Backend!' } }),
          ...errorResponses(),
        },
      },
    },
    async () => ok({ message: 'Data From the Backend!' }),
  );
};
