import { defineProject } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `source` export condition, as at run time.
export default defineProject({
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Finds PostgreSQL (TEST_DATABASE_URL or Testcontainers) and migrates the template the test databases are cloned from.
    globalSetup: ['test/support/postgres.global-setup.ts'],
    // Database suites open pools, clone databases and run concurrent transactions.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
