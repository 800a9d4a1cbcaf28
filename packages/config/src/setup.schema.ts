// The policy file (config/setup.yaml, CFG-4): upstream's keys with the defaults of docs/market-model.md#economics, so a file that
// omits a key still yields the full policy. Unknown keys are refused, which catches typos that would otherwise be
// silently replaced by a default.
import { Type, type Static, type TProperties } from '@sinclair/typebox';

const count = (defaultValue: number, minimum = 0) => Type.Integer({ minimum, default: defaultValue });

/** An object whose every key has a default, so it may be omitted as a whole. */
const section = <T extends TProperties>(properties: T) =>
  Type.Object(properties, { additionalProperties: false, default: {} });

export const GAME_MODES = ['standard', 'moderator'] as const;
export type GameMode = (typeof GAME_MODES)[number];
/** Upstream calls the standard mode `open`; both spellings are accepted and reported as `standard`. */
export const GAME_MODE_ALIASES: Readonly<Record<string, GameMode>> = { open: 'standard' };

const gameModeInput = Type.Union([...GAME_MODES, ...Object.keys(GAME_MODE_ALIASES)].map((m) => Type.Literal(m)), {
  default: 'standard',
});

export const SetupFileSchema = section({
  economics: section({
    marketcreation: section({
      initialMarketProbability: Type.Number({ minimum: 0, maximum: 1, default: 0.5 }),
      initialMarketSubsidization: count(10, 1),
      initialMarketYes: count(0),
      initialMarketNo: count(0),
      minimumFutureHours: Type.Number({ minimum: 0, default: 1 }),
    }),
    marketincentives: section({
      createMarketCost: count(10),
      traderBonus: count(1),
      multipleChoiceBinary: section({
        addAnswerCost: count(2),
        softAnswerReviewThreshold: count(12),
        hardAnswerSafetyCap: count(50),
      }),
    }),
    user: section({
      initialAccountBalance: count(0),
      maximumDebtAllowed: count(500),
    }),
    betting: section({
      minimumBet: count(1, 1),
      maxDustPerSale: count(1),
      betFees: section({
        initialBetFee: count(1),
        buySharesFee: count(0),
        sellSharesFee: count(0),
      }),
    }),
  }),
  frontend: section({
    charts: section({
      // Absent or 0 means the default of 4 (T1-09); /v0/setup/frontend applies that and the 2–9 clamp.
      sigFigs: count(0),
    }),
  }),
  game: section({
    mode: gameModeInput,
    moderation: section({
      marketApprovalRequired: Type.Boolean({ default: true }),
      moderatorCanTrade: Type.Boolean({ default: true }),
      moderatorCanTradeOwnMarkets: Type.Boolean({ default: false }),
      adminCanYankMarkets: Type.Boolean({ default: true }),
    }),
  }),
});

type SetupFile = Static<typeof SetupFileSchema>;

export type Economics = SetupFile['economics'];

/** The validated policy; `game.mode` is normalised (aliases resolved, `GAME_MODE` applied). */
export interface SetupPolicy {
  economics: Economics;
  frontend: SetupFile['frontend'];
  game: Omit<SetupFile['game'], 'mode'> & { mode: GameMode };
}

export function normaliseGameMode(mode: string): GameMode | undefined {
  if ((GAME_MODES as readonly string[]).includes(mode)) return mode as GameMode;
  return GAME_MODE_ALIASES[mode];
}
