// Public entry of @socialpredict/domain: the market math, the ledger model, the entities, the ports and the use cases.
export * from './math/index.ts';
export * from './ledger/index.ts';
export * from './model/index.ts';
export * from './ports/index.ts';
export * from './use-cases/index.ts';
