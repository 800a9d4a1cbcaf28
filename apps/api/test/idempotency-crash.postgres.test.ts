// docs/api.md#idempotency on real processes and PostgreSQL: the API is SIGKILLed after a bet committed and before its
// answer left, and the retry, served by another process, replays the answer instead of betting again. The window is
// made wide by the test itself: it holds an exclusive lock on `read_model_snapshots`, which only the write's
// follow-up (the stale mark awaited before the answer, sent by the first write of its window) touches, so the
// committed bet waits there for the kill.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STALE_MARK_WINDOW_MS } from '@socialpredict/domain';
import { openDatabase, type Database } from '@socialpredict/persistence';
import { startApiProcess, type ApiProcess } from './helpers/api-process.ts';
import { createEmptyDatabase, describeOnFullServer, type EmptyDatabase } from './helpers/postgres-app.ts';
import { testConfig } from './helpers/test-config.ts';

const ADMIN_PASSWORD = 'Crash1TestPassword';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeOnFullServer('Idempotency-Key across a SIGKILL between commit and answer', 'real server processes killed with SIGKILL over many connections', () => {
  let target: EmptyDatabase;
  let database: Database;
  const env = () => ({
    DATABASE_URL: target.url,
    ADMIN_PASSWORD,
    JWT_SIGNING_KEY: 'crash-test-signing-key-of-at-least-32-bytes',
    JOBS_ENABLED: 'false',
    DB_LOCK_TIMEOUT_MS: '0',
    DB_STATEMENT_TIMEOUT_MS: '0',
  });
  beforeAll(async () => {
    target = await createEmptyDatabase();
  });
  afterAll(async () => {
    await database?.close();
    await target?.drop();
  });

  const post = (api: ApiProcess, path: string, token: string | null, body: unknown, key?: string) =>
    fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      body: JSON.stringify(body),
    });

  it('replays the committed bet from another process', async () => {
    const first = await startApiProcess(env());
    database = await openDatabase(testConfig({ DATABASE_URL: target.url }).database);
    const login = async (password: string) =>
      (((await (await post(first, '/v0/login', null, { username: 'admin', password })).json()) as { result: { token: string } }).result.token);
    // The seeded admin must change its password before anything else.
    const changed = await post(first, '/v0/changepassword', await login(ADMIN_PASSWORD), { currentPassword: ADMIN_PASSWORD, newPassword: 'Crash2TestPassword' });
    expect(changed.status).toBe(200);
    const token = await login('Crash2TestPassword');
    const created = await post(first, '/v0/markets', token, {
      questionTitle: 'Crash?',
      description: '',
      outcomeType: 'BINARY',
      resolutionDateTime: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const { id: marketId } = (await created.json()) as { id: number };
    expect([created.status, typeof marketId]).toEqual([201, 'number']);

    // The market's creation marked the snapshots stale too; a bet within the mark window would rely on that mark and
    // answer without touching the locked table (docs/performance.md#stale-mark-window).
    await sleep(STALE_MARK_WINDOW_MS + 100);
    const holder = await database.reserve();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE read_model_snapshots IN ACCESS EXCLUSIVE MODE');
    const lost = post(first, '/v0/bet', token, { marketId, amount: 7, outcome: 'YES' }, 'crash-1').then(
      (answer) => answer.status,
      () => 'cut' as const,
    );
    const observer = await database.reserve();
    const count = async () => (await observer.query<{ n: number }>('SELECT count(*)::int AS n FROM bets'))[0]?.n;
    for (let waited = 0; (await count()) !== 1 && waited < 10_000; waited += 20) await sleep(20);
    expect(await count()).toBe(1);
    first.signal('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(await lost).toBe('cut');
    await holder.query('COMMIT');
    await holder.release();

    const second = await startApiProcess(env());
    try {
      const retry = await post(second, '/v0/bet', token, { marketId, amount: 7, outcome: 'YES' }, 'crash-1');
      expect([retry.status, retry.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
      expect(await retry.json()).toMatchObject({ ok: true, result: { username: 'admin', marketId, amount: 7, outcome: 'YES' } });
      expect(await count()).toBe(1);
      const audit = await observer.query<{ action: string; outcome: string }>(
        "SELECT action, outcome FROM audit_log WHERE action = 'placeBet' ORDER BY id",
      );
      expect(audit).toEqual([{ action: 'placeBet', outcome: 'ok' }]);
    } finally {
      await observer.release();
      second.signal('SIGTERM');
      await second.exited;
    }
  }, 120_000);
});
