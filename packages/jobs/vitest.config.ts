import { defineProject } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `source` export condition, as at run time.
export default defineProject({
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'jobs',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Picks the run's database (TEST_DATABASE_URL, Testcontainers or embedded PGlite) and migrates the template.
    globalSetup: ['../../packages/persistence/test/support/postgres.global-setup.ts'],
    // Database suites open pools, clone databases and run concurrent transactions.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
