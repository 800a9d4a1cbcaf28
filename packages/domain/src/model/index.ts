// The domain's entities and values: what the ports store and the use cases decide on.
export type * from './user.model.ts';
export type * from './market.model.ts';
export type * from './bet.model.ts';
export * from './economics.model.ts';
export * from './read-model.model.ts';
export type * from './audit.model.ts';
export * from './site-settings.model.ts';
export type * from './description-amendment.model.ts';
export type * from './stewardship.model.ts';
export * from './market-tag.model.ts';
export type * from './market-group.model.ts';
export * from './site-content.model.ts';
