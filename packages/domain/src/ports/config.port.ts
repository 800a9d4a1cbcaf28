// The economics and game policy as the use cases read it: the keys of market-math.md §2 and http-api §2.8, in the
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
    /** In moderator mode, new markets start as proposals awaiting an admin (http-api §2.8). */
    readonly marketApprovalRequired: boolean;
  };
}
