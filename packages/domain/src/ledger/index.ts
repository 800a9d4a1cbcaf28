// The double-entry ledger model (docs/market-model.md#ledger), the posting recipe of every business event and the books integrity check (VAL-4).
export * from './ledger.ts';
export * from './postings.ts';
export * from './integrity.ts';
