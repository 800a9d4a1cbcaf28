import { defineProject } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `source` export condition, as at run time.
export default defineProject({
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'adapters',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // argon2 hashing takes seconds on a loaded 2-core machine; the defaults would flake.
    testTimeout: 30_000,
  },
});
