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

const DAY_MS = 86_400_000;
/** ISO date parts by day number: list pages and history paths repeat a few days many times */
const dayPrefixes = new Map<number, string>();
const MAX_CACHED_DAYS = 4096;
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
/** 0000-01-01 … 9999-12-31: the range in which `toISOString` writes a four-digit year, as the fast path does */
const FIRST_FOUR_DIGIT_MS = -62_167_219_200_000;
const AFTER_FOUR_DIGIT_MS = 253_402_300_800_000;

/**
 * `new Date(epochMs).toISOString()`, five times cheaper: the date part is formatted once per day and the time of day
 * is written from digit tables. Formatting the timestamps of market lists and history paths was the largest single
 * cost of a read in the site mix (docs/performance.md#iso-time).
 */
export function isoTime(epochMs: number): string {
  if (!Number.isInteger(epochMs) || epochMs < FIRST_FOUR_DIGIT_MS || epochMs >= AFTER_FOUR_DIGIT_MS) {
    return new Date(epochMs).toISOString();
  }
  const day = Math.floor(epochMs / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size >= MAX_CACHED_DAYS) dayPrefixes.clear();
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  let rest = epochMs - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${prefix}${TWO_DIGITS[hours] as string}:${TWO_DIGITS[minutes] as string}:${TWO_DIGITS[seconds] as string}.${THREE_DIGITS[rest - seconds * 1000] as string}Z`;
}
