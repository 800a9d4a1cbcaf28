// Request validation with TypeBox instead of Fastify's default Ajv, because the contract treats each part differently
// (docs/api.md#validation): query strings and path parameters are coerced from strings, bodies never are; unknown body
// properties are dropped, except on a schema that forbids them (login), where they are an error. Failures are
// classified here: a malformed value (wrong JSON type, unsafe integer, bad path parameter) is INVALID_REQUEST, a
// well-formed value breaking a rule is VALIDATION_FAILED with `details.fields`.
import type { FastifySchemaCompiler } from 'fastify';
import { Kind, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import { HttpProblem } from './http-problem.ts';
import { hostileCharacters } from './input-sanitizers.ts';

const MALFORMED = new Set<ValueErrorType>([
  ValueErrorType.Array,
  ValueErrorType.Boolean,
  ValueErrorType.Integer,
  ValueErrorType.Null,
  ValueErrorType.Number,
  ValueErrorType.Object,
  ValueErrorType.String,
  ValueErrorType.ObjectAdditionalProperties,
]);

type Part = 'body' | 'querystring' | 'params' | 'headers';

export const typeboxValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const part = (httpPart ?? 'body') as Part;
  const check = TypeCompiler.Compile(schema);
  const strict = schema.additionalProperties === false;
  return (input: unknown) => {
    const hostile = hostileInput(schema, part, input);
    if (hostile !== undefined) return { error: hostile };
    const value = prepare(schema, part, strict, input);
    if (check.Check(value)) return { value };
    return { error: toProblem(part, [...check.Errors(value)]) };
  };
};

/** Path and query integers: decimal digits without a leading zero; a minus sign only where negatives are allowed. */
const UNSIGNED_DECIMAL = /^(0|[1-9][0-9]*)$/;
const SIGNED_DECIMAL = /^-?(0|[1-9][0-9]*)$/;

/**
 * The hostile-input rules of docs/api.md#validation that a schema cannot state, checked before anything reads the
 * value: `Value.Convert` would read `1e3`, `+1`, ` 1` or `0x10` as numbers (and `172e9` as another id); query strings
 * are single-line text; no body string may carry NUL, which PostgreSQL cannot store (each text field's own rule in
 * input-sanitizers.ts is stricter).
 */
function hostileInput(schema: TSchema, part: Part, input: unknown): HttpProblem | undefined {
  if (part === 'body') {
    return containsNul(input) ? validationProblem('(body)', 'must not contain NUL characters') : undefined;
  }
  if ((part !== 'params' && part !== 'querystring') || typeof input !== 'object' || input === null) return undefined;
  const properties = (schema.properties ?? {}) as Record<string, TSchema>;
  for (const [field, raw] of Object.entries(input)) {
    const texts: unknown[] = Array.isArray(raw) ? raw : [raw];
    const property = Object.hasOwn(properties, field) ? properties[field] : undefined;
    if (property?.[Kind] === 'Integer') {
      const pattern = (property.minimum ?? 0) < 0 ? SIGNED_DECIMAL : UNSIGNED_DECIMAL;
      if (texts.some((text) => typeof text !== 'string' || !pattern.test(text))) {
        return new HttpProblem(400, 'INVALID_REQUEST', `Malformed request (${field}: must be written as a decimal integer).`);
      }
    }
    if (part === 'querystring') {
      const problem = texts.map((text) => (typeof text === 'string' ? hostileCharacters(text, 'single-line') : undefined)).find(Boolean);
      if (problem !== undefined) return validationProblem(field, problem);
    }
  }
  return undefined;
}

/** Depth is bounded by the JSON parser (64 levels), so this walk cannot exhaust the stack. */
function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item));
}

function validationProblem(field: string, problem: string): HttpProblem {
  return new HttpProblem(400, 'VALIDATION_FAILED', `Invalid input (${field}: ${problem}).`, { details: { fields: { [field]: [problem] } } });
}

function prepare(schema: TSchema, part: Part, strict: boolean, input: unknown): unknown {
  if (part === 'body') return strict ? input : Value.Clean(schema, Value.Clone(input));
  // Query strings and path parameters arrive as strings; Convert only touches values it can convert losslessly.
  return Value.Convert(schema, input);
}

function toProblem(part: Part, errors: ValueError[]): HttpProblem {
  // A Map, because field names come from the client: `valueOf` or `toString` must not meet Object.prototype.
  const fields = new Map<string, string[]>();
  let malformed = false;
  for (const error of errors) {
    // A missing field is reported once, as missing, not again for its type.
    if (error.value === undefined && error.type !== ValueErrorType.ObjectRequiredProperty && error.path !== '') continue;
    if (isMalformed(part, error)) malformed = true;
    const field = fieldName(part, error);
    fields.set(field, [...(fields.get(field) ?? []), error.message]);
  }
  const summary = [...fields]
    .map(([field, problems]) => `${field}: ${problems[0]}`)
    .join('; ');
  if (malformed) return new HttpProblem(400, 'INVALID_REQUEST', `Malformed request (${summary}).`);
  return new HttpProblem(400, 'VALIDATION_FAILED', `Invalid input (${summary}).`, { details: { fields: Object.fromEntries(fields) } });
}

function isMalformed(part: Part, error: ValueError): boolean {
  if (part === 'body' && error.type === ValueErrorType.ObjectRequiredProperty) return false;
  if (MALFORMED.has(error.type)) return true;
  // `outcomeType: 1` is a value of the wrong JSON type, not a wrong choice among the allowed strings.
  if (error.type === ValueErrorType.Literal && typeof error.value !== typeof error.schema.const) return true;
  // Likewise for a choice among literals (`status: 1` where `approved` or `rejected` is expected).
  if (error.type === ValueErrorType.Union && literalChoices(error.schema)?.every((choice) => typeof choice !== typeof error.value) === true) return true;
  // And for a nullable value (`marketId: ""` where an integer or null is expected): no option takes its JSON type.
  if (error.type === ValueErrorType.Union && optionJsonTypes(error.schema)?.includes(jsonType(error.value)) === false) return true;
  // An integer beyond 2^53 cannot be represented exactly: a malformed number, not a range problem (docs/api.md#validation).
  if (error.type === ValueErrorType.IntegerMaximum && error.schema.maximum === Number.MAX_SAFE_INTEGER) return true;
  // Path and query values are text the router hands over: any failure there is a malformed request (docs/api.md#router-behaviour); rules
  // such as a search query's length are checked by the route itself.
  return part === 'params' || part === 'querystring';
}

/** The allowed values of a union made only of literals; undefined for any other union. */
function literalChoices(schema: TSchema): unknown[] | undefined {
  const options = ((schema as { anyOf?: unknown[] }).anyOf ?? []) as { const?: unknown }[];
  return options.every((option) => 'const' in option) ? options.map((option) => option.const) : undefined;
}

/** The JSON types a union's options accept (`integer` counted as `number`); undefined when an option names none. */
function optionJsonTypes(schema: TSchema): string[] | undefined {
  const options = ((schema as { anyOf?: unknown[] }).anyOf ?? []) as { type?: unknown }[];
  if (options.length === 0 || !options.every((option) => typeof option.type === 'string')) return undefined;
  return options.map((option) => (option.type === 'integer' ? 'number' : String(option.type)));
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function fieldName(part: Part, error: ValueError): string {
  const path = error.path.replace(/^\//, '').replaceAll('/', '.');
  if (path !== '') return path;
  return part === 'body' ? '(body)' : `(${part})`;
}
