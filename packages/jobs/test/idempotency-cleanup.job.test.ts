// `idempotency.cleanup` on PostgreSQL (docs/api.md#idempotency): expired Idempotency-Key records go, the others stay.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '@socialpredict/adapters/fakes';
import { drizzleJobRepositories } from '@socialpredict/persistence';
import { idempotencyCleanupJob } from '../src/idempotency-cleanup/idempotency-cleanup.job.ts';
import { FIRST_ATTEMPT, freshDatabases, selectRows } from './support/postgres.harness.ts';
import { recordingLogger } from './support/recording-ports.ts';

const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

describe('idempotency.cleanup on PostgreSQL', () => {
  const openDatabase = freshDatabases();

  it('removes the records past their retention and keeps the others', async () => {
    const database = await openDatabase();
    const { idempotency } = drizzleJobRepositories(database);
    for (const [key, expiresAt] of [['old', T0 + DAY], ['young', T0 + 2 * DAY]] as const) {
      const claim = { username: 'alice', key, fingerprint: 'f', owner: key, now: T0, leaseUntil: T0 + 60_000, expiresAt };
      expect((await idempotency.claim(claim))._unsafeUnwrap()).toEqual({ state: 'claimed' });
    }
    const clock = new ManualClock(T0 + DAY);
    const logger = recordingLogger();
    const handler = idempotencyCleanupJob({ idempotency, clock, logger });
    expect(await handler(FIRST_ATTEMPT)).toEqual({ removed: 1 });
    expect(await handler(FIRST_ATTEMPT)).toEqual({ removed: 0 });
    expect(await selectRows(database, 'SELECT key FROM idempotency_keys')).toEqual([{ key: 'young' }]);
  });
});
