import { defineProject } from 'vitest/config';
// Workspace packages resolve to their TypeScript sources through the `source` export condition, as at run time.
export default defineProject({
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'load',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
