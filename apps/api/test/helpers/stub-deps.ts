// Minimal collaborators for tests of the HTTP skeleton and of apps that run no background jobs.
import type { FollowUpJobs, OpsProbe } from '@socialpredict/runtime';

export function stubProbe(overrides: Partial<OpsProbe> = {}): OpsProbe {
  return {
    database: 'pglite',
    ping: async () => {},
    poolStats: () => ({
      maxOpenConnections: 1,
      openConnections: 1,
      inUseConnections: 0,
      idleConnections: 1,
      waitCount: 0,
      waitDurationNanoseconds: 0,
      maxIdleClosedConnections: 0,
      maxLifetimeClosedConnections: 0,
    }),
    jobs: () => ({ enabled: false, queued: 0, failed: 0, deadLettered: 0 }),
    ...overrides,
  };
}

/** A job queue that takes every follow-up and runs none, for apps without background jobs. */
export const idleJobs: FollowUpJobs = { requestReadModelRefresh: async () => false, enqueue: async () => null };
