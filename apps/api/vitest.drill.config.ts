import { defineProject } from 'vitest/config';

// The outage drills (docs/operations.md): they stop and restart a PostgreSQL server under load and time the recovery,
// so they run last and alone (their own sequence group), where no other file competes for the 2 cores.
export default defineProject({
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'api-drill',
    include: ['test/**/*.drill.test.ts'],
    globalSetup: ['../../packages/persistence/test/support/postgres.global-setup.ts'],
    fileParallelism: false,
    sequence: { groupOrder: 2 },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
