// Read-only views of the policy file (T1-08, T1-09) and the parity greeting (T1-10). The policy is loaded and
// frozen at boot (CFG-4), so these answer from configuration without a use case.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SetupPolicy } from '@socialpredict/config';
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
      schema: { tags: ['setup'], summary: 'Economics in force (raw)', response: { 200: EconomicsSchema, ...errorResponses() } },
    },
    async () => setup.economics,
  );

  app.get(
    '/v0/setup/frontend',
    {
      config: { limit: 'general' },
      schema: { tags: ['setup'], summary: 'Web-app settings (raw)', response: { 200: FrontendSetup, ...errorResponses() } },
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
        summary: 'Greeting kept for parity',
        response: { 200: Envelope(Type.Object({ message: Type.String() })), ...errorResponses() },
      },
    },
    async () => ok({ message: 'Data From the Backend!' }),
  );
};
