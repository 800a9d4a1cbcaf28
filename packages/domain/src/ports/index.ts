// The ports of the application layer (DB-5 (docs/architecture.md#db-5)): adapters implement them, use cases depend on them.
// The entities and values they carry live in ../model.
export * from './infrastructure.error.ts';
export type * from './user.port.ts';
export type * from './market.port.ts';
export type * from './bet.port.ts';
export type * from './ledger.port.ts';
export type * from './unit-of-work.port.ts';
export type * from './clock.port.ts';
export type * from './password-hasher.port.ts';
export type * from './token-issuer.port.ts';
export type * from './random-source.port.ts';
export type * from './read-model-snapshot.port.ts';
export type * from './notification.port.ts';
export type * from './due-market.port.ts';
export * from './write-records.port.ts';
export type * from './audit-log.port.ts';
export type * from './idempotency.port.ts';
export type * from './site-settings.port.ts';
export type * from './description-amendment.port.ts';
export type * from './stewardship-audit.port.ts';
export type * from './market-tag.port.ts';
export type * from './market-group.port.ts';
export type * from './site-content.port.ts';
export type * from './account-cache.port.ts';
export type * from './market-history-cache.port.ts';
