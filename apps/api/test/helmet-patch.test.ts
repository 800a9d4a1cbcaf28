// patches/@fastify__helmet@13.2.0.patch keeps the plugin's behaviour: the global headers on every reply, route options
// merged over them, and `reply.helmet()` applying the configuration its request was given
// (docs/performance.md#helmet-reply-decorator).
import helmetPlugin from '@fastify/helmet';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

const apps: ReturnType<typeof Fastify>[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function appWithHelmet() {
  const app = Fastify();
  apps.push(app);
  await app.register(helmetPlugin, { global: true, referrerPolicy: { policy: 'no-referrer' }, contentSecurityPolicy: false });
  app.get('/plain', async () => ({ ok: true }));
  app.get('/route-options', { helmet: { referrerPolicy: { policy: 'same-origin' } } }, async () => ({ ok: true }));
  app.get('/by-hand', async (_request, reply) => {
    reply.raw.removeHeader('referrer-policy');
    await reply.helmet({ referrerPolicy: { policy: 'origin' } });
    return { ok: true };
  });
  app.get('/by-hand-defaults', async (_request, reply) => {
    reply.raw.removeHeader('referrer-policy');
    await reply.helmet();
    return { ok: true };
  });
  return app;
}

describe('patched @fastify/helmet', () => {
  it('sets the global headers, merges route options and lets reply.helmet() apply options of its own', async () => {
    const app = await appWithHelmet();
    const header = async (url: string) => (await app.inject({ url })).headers['referrer-policy'];
    expect(await header('/plain')).toBe('no-referrer');
    expect(await header('/route-options')).toBe('same-origin');
    expect(await header('/by-hand')).toBe('origin');
    expect(await header('/by-hand-defaults')).toBe('no-referrer');
  });

  it('gives each reply its own reply.helmet configuration, whatever ran before', async () => {
    const app = await appWithHelmet();
    const answers = await Promise.all(['/by-hand', '/by-hand-defaults', '/by-hand'].map((url) => app.inject({ url })));
    expect(answers.map((answer) => answer.headers['referrer-policy'])).toEqual(['origin', 'no-referrer', 'origin']);
  });
});
