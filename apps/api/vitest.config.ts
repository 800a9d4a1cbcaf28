import { defineProject } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `source` export condition, as at run time.
export default defineProject({
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'api',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The headless-browser tests are the api-browser project (vitest.browser.config.ts), the outage drills the
    // api-drill project (vitest.drill.config.ts); both run after this one.
    exclude: ['test/browser/**', 'test/**/*.drill.test.ts', '**/node_modules/**'],
    // Picks the run's database (TEST_DATABASE_URL, Testcontainers or embedded PGlite) and migrates the template.
    globalSetup: ['../../packages/persistence/test/support/postgres.global-setup.ts'],
    // Booting PGlite or argon2 hashing can take seconds on a loaded 2-core machine; the defaults would flake.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
