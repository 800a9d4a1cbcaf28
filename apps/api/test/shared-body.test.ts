// The body of a shared (coalesced) answer is built once per answer and clock variant (docs/performance.md#coalesced-reads).
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { sendSharedWithPath } from '../src/presenters/market.presenter.ts';

const path = [
  { probability: 0.5, timestamp: Date.UTC(2026, 2, 1) },
  { probability: 0.6, timestamp: Date.UTC(2026, 2, 2) },
];

describe('sendSharedWithPath', () => {
  it('builds a body once per answer and variant, and anew for another answer or variant', async () => {
    const app = Fastify();
    const answers = [{ title: 'first answer' }, { title: 'second answer' }];
    let builds = 0;
    app.get<{ Querystring: { answer: string; variant: string } }>('/shared', async (request, reply) => {
      const answer = answers[Number(request.query.answer)]!;
      return sendSharedWithPath(reply, answer, request.query.variant, () => {
        builds += 1;
        return { body: { title: answer.title, variant: request.query.variant, build: builds, probabilityChanges: [] }, path };
      });
    });
    const get = async (answer: number, variant: string) => {
      const response = await app.inject({ method: 'GET', url: `/shared?answer=${answer}&variant=${variant}` });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      return response.json() as { title: string; variant: string; build: number; probabilityChanges: { probability: number; timestamp: string }[] };
    };

    const first = await get(0, 'active');
    expect(first).toEqual({
      title: 'first answer',
      variant: 'active',
      build: 1,
      probabilityChanges: [
        { probability: 0.5, timestamp: '2026-03-01T00:00:00.000Z' },
        { probability: 0.6, timestamp: '2026-03-02T00:00:00.000Z' },
      ],
    });
    expect(await get(0, 'active')).toEqual(first);
    expect(builds).toBe(1);
    // the clock moved the market to closed: the same answer gets a body of its own
    expect(await get(0, 'closed')).toMatchObject({ variant: 'closed', build: 2 });
    expect(await get(1, 'closed')).toMatchObject({ title: 'second answer', build: 3 });
    expect(builds).toBe(3);
    await app.close();
  });
});
