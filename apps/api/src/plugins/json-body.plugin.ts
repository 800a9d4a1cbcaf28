// JSON bodies (docs/api.md#validation, hostile input): nesting deeper than 64 levels is refused while parsing, before
// anything walks the value recursively (schema validation, cloning), where 10 000 levels would overflow the stack.
// Within the limit Fastify's own parser runs unchanged, prototype-poisoning checks included.
import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../http-problem.ts';
import { nonEncapsulated } from './non-encapsulated.ts';

export const MAX_JSON_DEPTH = 64;

/** True when the text opens more than `limit` arrays or objects at once; one linear pass, strings skipped. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i += 1; // a backslash escapes the next character, a quote included
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === 0x5d || char === 0x7d) {
      depth -= 1;
    }
  }
  return false;
}

export const jsonBodyPlugin = nonEncapsulated('json-body', async (app: FastifyInstance) => {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestsDeeperThan(body as string, MAX_JSON_DEPTH)) {
      done(new HttpProblem(400, 'INVALID_REQUEST', `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`), undefined);
      return;
    }
    parse(request, body as string, done);
  });
});
