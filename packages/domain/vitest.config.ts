import { defineProject } from 'vitest/config';

// The use-case tests run on the in-memory fakes of packages/persistence (imported by path: a package dependency would
// make a workspace cycle), whose own imports resolve to TypeScript sources through the `source` export condition.
export default defineProject({
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'domain',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
