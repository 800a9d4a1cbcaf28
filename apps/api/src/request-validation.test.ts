import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { errorHandlerPlugin } from './plugins/error-handler.plugin.ts';
import { typeboxValidatorCompiler } from './request-validation.ts';
import { IdParam, OutcomeInput, PositiveInt } from './schemas/common.schema.ts';

async function echoApp() {
  const app = Fastify();
  app.decorate('limiters', { general: async () => {} } as never);
  app.decorate('routeTable', { entries: [], allowedMethods: () => [] } as never);
  app.decorate('spaFallback', (() => false) as never);
  app.setValidatorCompiler(typeboxValidatorCompiler);
  await app.register(errorHandlerPlugin);
  app.post('/loose/:id', {
    schema: {
      params: Type.Object({ id: IdParam }),
      querystring: Type.Object({ n: Type.Optional(Type.Integer()) }),
      body: Type.Object({
        amount: PositiveInt,
        outcome: OutcomeInput,
        note: Type.Optional(Type.String({ maxLength: 5 })),
        kind: Type.Optional(Type.Literal('BINARY')),
        ref: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
      }),
    },
  }, async (request) => ({ params: request.params, query: request.query, body: request.body }));
  app.post('/strict', { schema: { body: Type.Object({ username: Type.String() }, { additionalProperties: false }) } }, async (request) => request.body);
  return app;
}

const post = async (url: string, body: unknown) => {
  const app = await echoApp();
  const response = await app.inject({ method: 'POST', url, payload: body as object });
  return { status: response.statusCode, body: response.json() };
};

describe('request validation (docs/api.md#validation, VAL-1)', () => {
  it('coerces path and query values, never body values, and drops unknown body fields', async () => {
    const { status, body } = await post('/loose/7?n=3&extra=1', { amount: 5, outcome: ' yes ', junk: true });
    expect(status).toBe(200);
    expect(body).toEqual({ params: { id: 7 }, query: { n: 3, extra: '1' }, body: { amount: 5, outcome: ' yes ' } });
  });

  it.each([
    ['a string amount', '/loose/1', { amount: '5', outcome: 'YES' }],
    ['a fractional amount', '/loose/1', { amount: 1.5, outcome: 'YES' }],
    ['an unsafe integer', '/loose/1', { amount: 2 ** 60, outcome: 'YES' }],
    ['a number for a string literal', '/loose/1', { amount: 1, outcome: 'YES', kind: 1 }],
    ['null for a string literal', '/loose/1', { amount: 1, outcome: 'YES', kind: null }],
    ['a string for a nullable integer', '/loose/1', { amount: 1, outcome: 'YES', ref: '' }],
    ['a non-object body', '/loose/1', [1, 2]],
    ['a non-numeric id', '/loose/abc', { amount: 1, outcome: 'YES' }],
    ['a zero id', '/loose/0', { amount: 1, outcome: 'YES' }],
    ['a malformed query value', '/loose/1?n=x', { amount: 1, outcome: 'YES' }],
    ['an unknown field on a strict body', '/strict', { username: 'a', extra: 1 }],
    ['an unknown field named like an Object method', '/strict', { username: 'a', valueOf: 1 }],
    ['an unknown field named constructor', '/strict', { username: 'a', constructor: 1 }],
  ])('answers %s with 400 INVALID_REQUEST', async (_label, url, payload) => {
    const { status, body } = await post(url, payload);
    expect(status).toBe(400);
    expect(body).toMatchObject({ ok: false, reason: 'INVALID_REQUEST', message: expect.any(String) });
  });

  it.each([
    ['a missing field', { outcome: 'YES' }, 'amount'],
    ['a non-positive amount', { amount: 0, outcome: 'YES' }, 'amount'],
    ['a bad outcome', { amount: 1, outcome: 'MAYBE' }, 'outcome'],
    ['a too long note', { amount: 1, outcome: 'NO', note: 'toolong' }, 'note'],
    ['another string for a literal', { amount: 1, outcome: 'NO', kind: 'MULTIPLE' }, 'kind'],
    ['a nullable integer out of range', { amount: 1, outcome: 'NO', ref: 0 }, 'ref'],
  ])('answers %s with 400 VALIDATION_FAILED and details.fields', async (_label, payload, field) => {
    const { status, body } = await post('/loose/1', payload);
    expect(status).toBe(400);
    expect(body).toMatchObject({ ok: false, reason: 'VALIDATION_FAILED', details: { fields: { [field]: [expect.any(String)] } } });
  });

  it('rejects prototype poisoning and oversized or non-JSON bodies', async () => {
    const app = await echoApp();
    const poisoned = await app.inject({ method: 'POST', url: '/strict', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"x":1}}' });
    expect(poisoned.json()).toMatchObject({ reason: 'INVALID_REQUEST' });
    const notJson = await app.inject({ method: 'POST', url: '/strict', headers: { 'content-type': 'application/json' }, payload: '{nope' });
    expect([notJson.statusCode, notJson.json().reason]).toEqual([400, 'INVALID_REQUEST']);
  });
});

describe('hostile input (docs/api.md#validation)', () => {
  it.each(['1.5', '1e0', '1e3', '+1', '%201', '1%20', '0x10', '01', '-1', '1_0', '１'])(
    'refuses the path integer %s instead of reading another number',
    async (id) => {
      const { status, body } = await post(`/loose/${id}`, { amount: 1, outcome: 'YES' });
      expect([status, body.reason]).toEqual([400, 'INVALID_REQUEST']);
    },
  );

  it.each(['1e1', '+3', '03', '0x3', '%203', '3.0'])('refuses the query integer %s', async (n) => {
    const { status, body } = await post(`/loose/1?n=${n}`, { amount: 1, outcome: 'YES' });
    expect([status, body.reason]).toEqual([400, 'INVALID_REQUEST']);
  });

  it('reads plain decimal integers', async () => {
    const { status, body } = await post('/loose/10?n=0', { amount: 1, outcome: 'YES' });
    expect([status, body.params, body.query]).toEqual([200, { id: 10 }, { n: 0 }]);
  });

  it.each(['%00', 'a%07b', 'a%0Ab', 'a%09b', '%E2%80%AEabc', 'x%E2%80%8B', '%EF%BB%BFx', '%C2%85'])(
    'refuses the query text %s with VALIDATION_FAILED, whichever parameter carries it',
    async (text) => {
      const { status, body } = await post(`/loose/1?anything=${text}`, { amount: 1, outcome: 'YES' });
      expect(status).toBe(400);
      expect(body).toMatchObject({ reason: 'VALIDATION_FAILED', details: { fields: { anything: [expect.any(String)] } } });
    },
  );

  it('refuses NUL anywhere in a body, keys included, before it can reach the database', async () => {
    for (const payload of [
      { amount: 1, outcome: 'YES', note: 'a\u0000' },
      { amount: 1, outcome: 'YES', extra: { deep: ['\u0000'] } },
      { amount: 1, outcome: 'YES', ['k\u0000']: 1 },
    ]) {
      const { status, body } = await post('/loose/1', payload);
      expect([status, body.reason]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });
});
