// The economics and game policy as the use cases read it: the keys of docs/market-model.md#economics and docs/api.md#game-modes, in the
// nesting of setup.yaml, so the validated policy of the config package can be passed in as it is.

export interface EconomicsConfig {
  readonly marketcreation: {
    readonly initialMarketProbability: number;
    readonly initialMarketSubsidization: number;
    readonly initialMarketYes: number;
    readonly initialMarketNo: number;
    readonly minimumFutureHours: number;
  };
  readonly marketincentives: {
    readonly createMarketCost: number;
    readonly traderBonus: number;
    readonly multipleChoiceBinary: {
      readonly addAnswerCost: number;
      readonly softAnswerReviewThreshold: number;
      readonly hardAnswerSafetyCap: number;
    };
  };
  readonly user: {
    readonly initialAccountBalance: number;
    readonly maximumDebtAllowed: number;
  };
  readonly betting: {
    readonly minimumBet: number;
    readonly maxDustPerSale: number;
    readonly betFees: {
      readonly initialBetFee: number;
      readonly buySharesFee: number;
      readonly sellSharesFee: number;
    };
  };
}

export type GameMode = 'standard' | 'moderator';

export interface GameConfig {
  readonly mode: GameMode;
  readonly moderation: {
    /** In moderator mode, new markets start as proposals awaiting an admin (docs/api.md#game-modes). */
    readonly marketApprovalRequired: boolean;
  };
}

/** The defaults of docs/market-model.md#economics (upstream's setup.yaml): what a policy file that omits every key yields. */
export const DEFAULT_ECONOMICS: EconomicsConfig = {
  marketcreation: {
    initialMarketProbability: 0.5,
    initialMarketSubsidization: 10,
    initialMarketYes: 0,
    initialMarketNo: 0,
    minimumFutureHours: 1,
  },
  marketincentives: {
    createMarketCost: 10,
    traderBonus: 1,
    multipleChoiceBinary: { addAnswerCost: 2, softAnswerReviewThreshold: 12, hardAnswerSafetyCap: 50 },
  },
  user: { initialAccountBalance: 0, maximumDebtAllowed: 500 },
  betting: { minimumBet: 1, maxDustPerSale: 1, betFees: { initialBetFee: 1, buySharesFee: 0, sellSharesFee: 0 } },
};

/** The default game policy: standard mode; moderator mode would require approval of proposals. */
export const STANDARD_GAME: GameConfig = { mode: 'standard', moderation: { marketApprovalRequired: true } };
