// LOG-4 redaction as the process configures it, including the patched redactor (patches/@pinojs__redact@0.4.0.patch),
// which passes plain values through without walking the paths (docs/operations.md, "Redaction patch").
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('createLogger redaction (LOG-4)', () => {
  it('censors secrets at the top level, one level down and in request headers', () => {
    const { logger, lines } = capture();
    logger.info({
      password: 'top-secret-1',
      token: 'top-secret-2',
      body: { currentPassword: 'nested-secret-1', newPassword: 'nested-secret-2', keep: 'visible' },
      config: { DATABASE_URL: 'postgres://app:nested-secret-3@db/app', JWT_SIGNING_KEY: 'nested-secret-4' },
      req: { headers: { authorization: 'Bearer nested-secret-5', cookie: 'sid=nested-secret-6', accept: 'application/json' } },
    });
    const [line] = lines;
    expect(JSON.stringify(line)).not.toMatch(/secret/);
    expect(line).toMatchObject({
      password: '[redacted]',
      token: '[redacted]',
      body: { currentPassword: '[redacted]', newPassword: '[redacted]', keep: 'visible' },
      config: { DATABASE_URL: '[redacted]', JWT_SIGNING_KEY: '[redacted]' },
      req: { headers: { authorization: '[redacted]', cookie: '[redacted]', accept: 'application/json' } },
    });
  });

  it('writes plain values and bindings unchanged, whatever their text', () => {
    const { logger, lines } = capture();
    const child = logger.child({ request_id: 'r-1', note: 'password' });
    const odd = 'quote " backslash \\ newline \n tab \t unicode é \u2028 emoji 🎲';
    child.info({ event: 'http.request', status_code: 201, duration_ms: 3.5, ok: true, missing: null, text: odd }, 'request completed');
    expect(lines[0]).toMatchObject({ request_id: 'r-1', note: 'password', event: 'http.request', status_code: 201, duration_ms: 3.5, ok: true, missing: null, text: odd, msg: 'request completed' });
  });

});
