// Building blocks shared by the route schemas: integers on the wire, path parameters, inputs with case rules, and the
// two OpenAPI helpers (references to shared components, documented bodies).
import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';

const MAX = Number.MAX_SAFE_INTEGER;

/**
 * A `$ref` to a shape registered once with `app.addSchema` (schemas/components.schema.ts), typed as that shape. The
 * OpenAPI document lists it under components/schemas instead of repeating it in every route.
 */
export function ref<T extends TSchema>(schema: T): TUnsafe<Static<T>> {
  if (schema.$id === undefined) throw new Error(`ref() needs a schema with an $id (${schema.title ?? 'untitled'})`);
  return Type.Unsafe<Static<T>>(Type.Ref(schema.$id));
}

/** A body or response schema with the description and the example /docs shows; the example must fit the schema. */
export function documented<T extends TSchema>(schema: T, description: string, example: Static<T>): T {
  return { ...schema, description, examples: [example] };
}

/** Ids, credits, shares and counts: always safe integers on the wire (docs/api.md). */
export const Int = Type.Integer();
export const Probability = Type.Number();
/** A body amount or id: strings and unsafe integers are malformed (400 INVALID_REQUEST), ≤ 0 breaks a rule. */
export const PositiveInt = Type.Integer({ minimum: 1, maximum: MAX });

/** `{id}`, `{marketId}`: decimal positive safe integers, anything else is INVALID_REQUEST (docs/api.md#router-behaviour). */
export const IdParam = Type.Integer({ minimum: 1, maximum: MAX });

/** Usernames in paths: a value failing the pattern is INVALID_REQUEST (docs/api.md#validation). */
export const UsernameParam = Type.String({ pattern: '^[a-z0-9]{3,30}$' });

/** `YES`/`NO` in any case, surrounded by blanks or not; the handler normalises it. */
export const OutcomeInput = Type.String({ pattern: '^\\s*([Yy][Ee][Ss]|[Nn][Oo])\\s*$' });

/** Paging values of public lists: anything unusable falls back to the route default (docs/api.md#validation), so they are plain text. */
export const PageQuery = {
  limit: Type.Optional(Type.String({ description: 'integer; out of range or non-numeric → the route default' })),
  offset: Type.Optional(Type.String({ description: 'integer ≥ 0; anything else → 0' })),
};

/** docs/api.md#validation: a limit outside 1…max or not a number falls back to the default; a bad offset is 0. */
export function pageOf(query: { limit?: string; offset?: string }, defaultLimit: number, maxLimit: number) {
  const limit = /^\d+$/.test(query.limit ?? '') ? Number(query.limit) : Number.NaN;
  const offset = /^\d+$/.test(query.offset ?? '') ? Number(query.offset) : 0;
  return {
    limit: limit >= 1 && limit <= maxLimit ? limit : defaultLimit,
    offset: Number.isSafeInteger(offset) ? offset : 0,
  };
}

export function normaliseOutcome(raw: string): string {
  return raw.trim().toUpperCase();
}

export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
