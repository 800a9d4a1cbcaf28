// The double-entry ledger model (§15) and the books integrity check (VAL-4).
export * from './ledger.ts';
export * from './integrity.ts';
