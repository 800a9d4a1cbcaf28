// Request validation with TypeBox instead of Fastify's default Ajv, because the contract treats each part differently
// (docs/api.md#validation): query strings and path parameters are coerced from strings, bodies never are; unknown body
// properties are dropped, except on a schema that forbids them (login), where they are an error. Failures are
// classified here: a malformed value (wrong JSON type, unsafe integer, bad path parameter) is INVALID_REQUEST, a
// well-formed value breaking a rule is VALIDATION_FAILED with `details.fields`.
import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import { HttpProblem } from './http-problem.ts';

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
    const value = prepare(schema, part, strict, input);
    if (check.Check(value)) return { value };
    return { error: toProblem(part, [...check.Errors(value)]) };
  };
};

function prepare(schema: TSchema, part: Part, strict: boolean, input: unknown): unknown {
  if (part === 'body') return strict ? input : Value.Clean(schema, Value.Clone(input));
  // Query strings and path parameters arrive as strings; Convert only touches values it can convert losslessly.
  return Value.Convert(schema, input);
}

function toProblem(part: Part, errors: ValueError[]): HttpProblem {
  const fields: Record<string, string[]> = {};
  let malformed = false;
  for (const error of errors) {
    // A missing field is reported once, as missing, not again for its type.
    if (error.value === undefined && error.type !== ValueErrorType.ObjectRequiredProperty && error.path !== '') continue;
    if (isMalformed(part, error)) malformed = true;
    const field = fieldName(part, error);
    (fields[field] ??= []).push(error.message);
  }
  const summary = Object.entries(fields)
    .map(([field, problems]) => `${field}: ${problems[0]}`)
    .join('; ');
  if (malformed) return new HttpProblem(400, 'INVALID_REQUEST', `Malformed request (${summary}).`);
  return new HttpProblem(400, 'VALIDATION_FAILED', `Invalid input (${summary}).`, { details: { fields } });
}

function isMalformed(part: Part, error: ValueError): boolean {
  if (part === 'body' && error.type === ValueErrorType.ObjectRequiredProperty) return false;
  if (MALFORMED.has(error.type)) return true;
  // An integer beyond 2^53 cannot be represented exactly: a malformed number, not a range problem (docs/api.md#validation).
  if (error.type === ValueErrorType.IntegerMaximum && error.schema.maximum === Number.MAX_SAFE_INTEGER) return true;
  // Path and query values are text the router hands over: any failure there is a malformed request (docs/api.md#router-behaviour); rules
  // such as a search query's length are checked by the route itself.
  return part === 'params' || part === 'querystring';
}

function fieldName(part: Part, error: ValueError): string {
  const path = error.path.replace(/^\//, '').replaceAll('/', '.');
  if (path !== '') return path;
  return part === 'body' ? '(body)' : `(${part})`;
}
